import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../web/src/features/draws/sha256';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { firstItemPerDepartment } from './draw-fixtures';

/**
 * The guardrails of a commitment (docs/draw.md, 承诺的约束): numbers of a declared lottery only after
 * its draw time, no window already past, no round number used twice, and a public record of what
 * was entered, by whom and when.
 */
let t: TestApp;
let lianxi: Session;
/** Items of three departments, and one more of a fourth department that none of them shares. */
let itemIds: number[];
let otherItemId: number;
let enterer: { name: string; department: string; phone: string; username: string };

/** The clock at a China-time instant, with a fresh session (moving the clock ends the old one). */
async function at(chinaTime: string): Promise<void> {
  setChinaTime(t, chinaTime);
  lianxi = await login(t.app, 'lianxi');
}

beforeAll(async () => {
  t = await testApp();
  await at('2026-12-05T10:00:00');
  const firsts = await firstItemPerDepartment(t.deps.db);
  itemIds = firsts.slice(0, 3);
  otherItemId = firsts[3]!;
  expect(otherItemId).toBeDefined();
  const user = await t.deps.db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.name', 'd.name as department', 'u.phone', 'u.username'])
    .where('u.username', '=', 'lianxi')
    .executeTakeFirstOrThrow();
  enterer = user;
});
afterAll(() => t.app.close());

const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const lottery = (drawsAt: string) => ({
  kind: 'lottery',
  description: '2026-12-06 福彩双色球第 2026141 期开奖号码（三组）',
  sources: 3,
  drawsAt,
});
const commitBody = (overrides: object = {}) => ({
  title: '2027 年第一季度跨部门联合抽查（约束测试）',
  year: 2027,
  window: { from: '2027-01-01', to: '2027-03-31' },
  samplingItemIds: itemIds,
  design: 'fixed',
  entropy: lottery('2026-12-06T21:15+08:00'),
  ...overrides,
});
const commit = (body: object) => call(t.app, lianxi, 'POST', '/api/draws', body);
const draw = (roundNo: string, reveal: object = { kind: 'lottery', keyString }) =>
  call(t.app, lianxi, 'POST', `/api/draws/${roundNo}/records`, { reveal });

interface PublicRound {
  roundNo: string;
  roundIndex: number;
  roundsInYear: number;
  entropyOpensAt: string | null;
  entropyOpen: boolean;
  commitment: {
    round: { roundIndex: number; roundsInYear: number };
    entropy: { kind: string; description?: string; drawsAt?: string };
  };
  records: {
    recordNo: string;
    drawnAt: string;
    reveal: { kind: string; keyString?: string; numbers?: number[][]; seed?: string };
    enteredBy: Record<string, string> | null;
  }[];
}

describe('numbers of a declared lottery only after its draw time', () => {
  let roundNo = '';

  it('a round committed on 5 December to the draw of 6 December 21:15 refuses numbers until then, with the time they open', async () => {
    const res = await commit(commitBody());
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json() as PublicRound;
    roundNo = round.roundNo;
    // The commitment states the date and the time, in China time.
    expect(round.commitment.entropy.drawsAt).toBe('2026-12-06T21:15:00+08:00');
    expect(round.entropyOpen).toBe(false);
    expect(round.entropyOpensAt).toBe('2026-12-06T13:15:00.000Z');

    const early = await draw(roundNo);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('开奖时间 2026-12-06 21:15 之后方可录入');
    await at('2026-12-06T21:14:00');
    const justBefore = await draw(roundNo);
    expect(justBefore.statusCode).toBe(409);
    expect(justBefore.json().error.message).toContain('开奖时间 2026-12-06 21:15 之后方可录入');
    const view = (await call(t.app, null, 'GET', `/api/public/draws/${roundNo}`)).json() as PublicRound;
    expect(view.records).toEqual([]);
    expect(view.entropyOpen).toBe(false);
  });

  it('once the lottery has drawn the numbers are accepted', async () => {
    await at('2026-12-06T21:16:00');
    expect((await call(t.app, null, 'GET', `/api/public/draws/${roundNo}`)).json().entropyOpen).toBe(true);
    const res = await draw(roundNo);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the public draw API shows the declared source and time, the numbers, the key string, who entered them and when — nothing private', async () => {
    const res = await call(t.app, null, 'GET', `/api/public/draws/${roundNo}`);
    expect(res.statusCode).toBe(200);
    const view = res.json() as PublicRound;
    expect(view.commitment.entropy).toMatchObject({
      kind: 'lottery',
      description: '2026-12-06 福彩双色球第 2026141 期开奖号码（三组）',
      drawsAt: '2026-12-06T21:15:00+08:00',
    });
    expect(view.records).toHaveLength(1);
    const record = view.records[0]!;
    expect(record.reveal).toEqual({
      kind: 'lottery',
      keyString,
      numbers: [[9319], [2, 5, 8, 10, 12], [9, 18, 26, 34, 41, 45]],
    });
    expect(record.enteredBy).toEqual({ name: enterer.name, department: enterer.department });
    expect(record.drawnAt).toBe('2026-12-06T13:16:00.000Z');
    // Name and department only: no account name, phone or internal id of the person.
    expect(res.body).not.toContain(enterer.phone);
    expect(res.body).not.toContain(`"${enterer.username}"`);
    expect(res.body).not.toMatch(/"(createdBy|created_by|userId|enteredById|username|phone)"/);
  });

  it('a record drawn before the entry was kept apart shows it from its sealed bundle', async () => {
    // Such a record has no `reveal` column value; copy this round's record without it (records are insert-only).
    await sql`INSERT INTO draw_records (record_no, round_id, seed, record_digest, measures, bundle, created_by, created_at)
      SELECT record_no || '-旧', round_id, seed, record_digest, measures, bundle, created_by, created_at
      FROM draw_records WHERE record_no = ${`${roundNo}-0001`}`.execute(t.deps.db);
    const view = (await call(t.app, null, 'GET', `/api/public/draws/${roundNo}`)).json() as PublicRound;
    const legacy = view.records.find((r) => r.recordNo.endsWith('-旧'))!;
    expect(legacy.reveal).toEqual({
      kind: 'lottery',
      keyString,
      numbers: [[9319], [2, 5, 8, 10, 12], [9, 18, 26, 34, 41, 45]],
    });
  });

  it('a lottery that has already drawn cannot be committed to, nor one drawing after the window; the time must be stated', async () => {
    await at('2026-12-05T10:00:00');
    const drawn = await commit(commitBody({ entropy: lottery('2026-12-03T21:15:00+08:00') }));
    expect(drawn.statusCode).toBe(400);
    expect(drawn.json().error.message).toContain('声明的开奖时间 2026-12-03 21:15 已过');
    const late = await commit(commitBody({ entropy: lottery('2027-04-01T21:15:00+08:00') }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('晚于检查期结束日 2027-03-31');
    const untimed = await commit(
      commitBody({ entropy: { kind: 'lottery', description: '福彩双色球开奖号码', sources: 1 } }),
    );
    expect(untimed.statusCode).toBe(400);
    expect(untimed.body).toContain('开奖时间');
    const notChina = await commit(commitBody({ entropy: lottery('2026-12-06T13:15:00Z') }));
    expect(notChina.statusCode).toBe(400);
    expect(notChina.body).toContain('北京时间');
  });
});

describe('the window and the round number of a commitment', () => {
  const local = (text: string) => ({ kind: 'local', seedHash: sha256Hex(text) });

  it('a check window that ended before today is refused', async () => {
    await at('2026-12-05T10:00:00');
    const past = await commit(
      commitBody({
        year: 2026,
        window: { from: '2026-07-01', to: '2026-09-30' },
        entropy: local('past-window-seed-0001'),
      }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('检查期已过：结束日 2026-09-30 早于今天 2026-12-05');
    // A window already begun but not ended is still a window.
    const running = await commit(
      commitBody({
        title: '2026 年年末跨部门联合抽查（约束测试）',
        year: 2026,
        window: { from: '2026-12-01', to: '2026-12-31' },
        entropy: local('running-window-seed-01'),
      }),
    );
    expect(running.statusCode, running.body).toBe(200);
  });

  it('a round number already committed for the year and an overlapping set of items is refused; the next free one is proposed and taken when none is given', async () => {
    const year = 2099;
    const body = (title: string, ids: number[], extra: object = {}) =>
      commitBody({
        title,
        year,
        window: { from: `${year}-04-01`, to: `${year}-06-30` },
        samplingItemIds: ids,
        entropy: local(`${title}-seed-of-enough-length`),
        ...extra,
      });
    const first = await commit(body('2099 年第 1 轮（约束测试）', [itemIds[0]!], { roundIndex: 1, roundsInYear: 1 }));
    expect(first.statusCode, first.body).toBe(200);
    const firstNo = (first.json() as PublicRound).roundNo;

    const again = await commit(body('2099 年重复的第 1 轮（约束测试）', itemIds, { roundIndex: 1, roundsInYear: 1 }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`2099 年第 1 轮已由抽取轮次 ${firstNo}`);
    expect(again.json().error.message).toContain('本轮请改为第 2 轮');

    // Items no round of the year has: their rounds number on their own.
    const other = await commit(body('2099 年另一部门第 1 轮（约束测试）', [otherItemId], { roundIndex: 1 }));
    expect(other.statusCode, other.body).toBe(200);
    expect((other.json() as PublicRound).commitment.round).toMatchObject({ roundIndex: 1, roundsInYear: 1 });

    // No number given: the next free one, and the year has at least that many rounds.
    const next = await commit(body('2099 年第 2 轮（约束测试）', itemIds));
    expect(next.statusCode, next.body).toBe(200);
    expect((next.json() as PublicRound).commitment.round).toMatchObject({ roundIndex: 2, roundsInYear: 2 });
    const listed = (await call(t.app, lianxi, 'GET', '/api/draws')).json() as PublicRound[];
    expect(listed.find((r) => r.roundNo === (next.json() as PublicRound).roundNo)).toMatchObject({
      roundIndex: 2,
      roundsInYear: 2,
    });
    // The refused duplicate was not stored.
    const titles = await t.deps.db.selectFrom('draw_rounds').select('title').where('year', '=', year).execute();
    expect(titles.map((r) => r.title)).not.toContain('2099 年重复的第 1 轮（约束测试）');
  });
});
