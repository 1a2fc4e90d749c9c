import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/lianjian.js');
const dir = mkdtempSync(join(tmpdir(), 'lianjian-draw-'));

let t: TestApp;
let admin: Session;
let scjgAdmin: Session;
let itemIds: number[];

beforeAll(async () => {
  t = await testApp();
  [admin, scjgAdmin] = await Promise.all(['admin', 'scjg_admin'].map((u) => login(t.app, u)));
  // Three published sampling items of three different departments from the demo registers.
  const rows = await t.deps.db.selectFrom('sampling_items').select(['id', 'department_id']).where('published', '=', true).where('status', '=', '有效').orderBy('id').execute();
  const byDept = new Map<number, number>();
  for (const r of rows) if (!byDept.has(r.department_id)) byDept.set(r.department_id, r.id);
  itemIds = [...byDept.values()].slice(0, 3);
  expect(itemIds).toHaveLength(3);
});
afterAll(async () => {
  await t.app.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const commitBody = (overrides: object = {}) => ({
  title: '2026 年第二季度跨部门联合抽查', year: 2026, window: { from: '2026-04-01', to: '2026-06-30' }, samplingItemIds: itemIds, design: 'fixed',
  entropy: { kind: 'lottery', description: '2026-03-31 福彩双色球第 2026036 期开奖号码（红球 6 个、蓝球 1 个，共 2 组）', sources: 3 }, ...overrides,
});

interface RoundView { roundNo: string; commitment: { frameRoot: string; frameSubjects: number; entropy: { kind: string } }; records: { recordNo: string; redrawOf: string | null; redrawReason: string | null; current: boolean }[] }
interface RecordView { recordNo: string; seed: string; measures: { distinctVisits: number; lowerBound: number; independentExpected: number; tasks: number; items: { code: string; frame: number; selected: number }[] }; tasks: { uscc: string; inspectorIds: number[]; departments: string[] }[]; unstaffed: unknown[] }

describe('draw rounds and records', () => {
  let round: RoundView;
  let first: RecordView;

  it('commits a round: frozen frame, Merkle root and declared entropy, before any randomness; only with the right and with published items', async () => {
    expect((await call(t.app, scjgAdmin, 'POST', '/api/draws', commitBody())).statusCode).toBe(403);
    const bad = await call(t.app, admin, 'POST', '/api/draws', commitBody({ window: { from: '2026-06-30', to: '2026-04-01' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('检查期结束日不能早于开始日');
    const res = await call(t.app, admin, 'POST', '/api/draws', commitBody());
    expect(res.statusCode, res.body).toBe(200);
    round = res.json() as RoundView;
    expect(round.roundNo).toMatch(/^CQ2026-\d{4}$/);
    expect(round.commitment.frameRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(round.commitment.frameSubjects).toBeGreaterThan(20);
    expect(round.records).toEqual([]);
    const pub = await call(t.app, null, 'GET', `/api/public/draws/${round.roundNo}`);
    expect(pub.statusCode).toBe(200);
    expect((pub.json() as RoundView).commitment.frameRoot).toBe(round.commitment.frameRoot);
  });

  it('draws once the entropy is entered; a second draw needs a reason and keeps the first record visible', async () => {
    const wrong = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, { reveal: { kind: 'lottery', keyString: '1./2./' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('承诺声明了 3 个随机源，密钥串含 2 个');
    const res = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, { reveal: { kind: 'lottery', keyString } });
    expect(res.statusCode, res.body).toBe(200);
    first = res.json() as RecordView;
    expect(first.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(first.measures.items).toHaveLength(3);
    expect(first.measures.distinctVisits).toBe(first.measures.tasks);
    expect(first.measures.distinctVisits).toBeGreaterThanOrEqual(Math.floor(first.measures.lowerBound));
    expect(first.measures.independentExpected).toBeGreaterThanOrEqual(first.measures.lowerBound);
    expect(first.tasks.length).toBeGreaterThan(0);

    const again = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, { reveal: { kind: 'lottery', keyString } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('重新抽取须说明理由');
    const redraw = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, { reveal: { kind: 'lottery', keyString: '1.2./3./4.5./' }, redrawReason: '开奖号码录入有误，经联席会议办公室确认后重新录入' });
    expect(redraw.statusCode, redraw.body).toBe(200);
    const view = (await call(t.app, admin, 'GET', `/api/draws/${round.roundNo}`)).json() as RoundView;
    expect(view.records.map((r) => [r.recordNo === first.recordNo, r.redrawOf, r.current])).toEqual([[true, null, false], [false, first.recordNo, true]]);
    expect(view.records[1]!.redrawReason).toContain('开奖号码录入有误');
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'draw.%').where('entity_id', 'like', `${round.roundNo}%`).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['draw.commit', 'draw.run', 'draw.redraw']);
  });

  it('records cannot be changed or deleted in the database', async () => {
    await expect(sql`UPDATE draw_records SET seed = 'x' WHERE record_no = ${first.recordNo}`.execute(t.deps.db)).rejects.toThrow(/不能修改或删除/);
    await expect(sql`DELETE FROM draw_rounds WHERE round_no = ${round.roundNo}`.execute(t.deps.db)).rejects.toThrow(/不能修改或删除/);
  });

  it('the public verification recomputes the record; a subject checks its own case by USCC without seeing any class', async () => {
    const verified = await call(t.app, null, 'GET', `/api/public/draw-records/${first.recordNo}/verify`);
    expect(verified.json()).toEqual({ recordNo: first.recordNo, identical: true, difference: null });
    const task = first.tasks[0]!;
    const mine = await call(t.app, null, 'GET', `/api/public/draw-records/${first.recordNo}/self-check?uscc=${task.uscc}`);
    expect(mine.statusCode, mine.body).toBe(200);
    const body = mine.json() as { selected: boolean; number: number; items: { pi: number; selected: boolean }[]; leaf: string; proof: unknown[] };
    expect(body.selected).toBe(true);
    expect(body.items.some((i) => i.selected)).toBe(true);
    expect(body.number).toBeGreaterThanOrEqual(0);
    expect(body.number).toBeLessThan(1);
    expect(mine.body).not.toMatch(/creditClass|stratum|信用/);
    expect(body.leaf.startsWith(task.uscc)).toBe(true);
    const outside = await call(t.app, null, 'GET', `/api/public/draw-records/${first.recordNo}/self-check?uscc=91110000000000000X`);
    expect(outside.statusCode).toBe(404);
  });

  it('the auditors’ bundle verifies with `lianjian draw verify`, and a tampered one names the first difference', async () => {
    const bundle = await call(t.app, admin, 'GET', `/api/draw-records/${first.recordNo}/bundle`);
    expect(bundle.statusCode).toBe(200);
    const file = join(dir, 'bundle.json');
    writeFileSync(file, bundle.body);
    const ok = await run(process.execPath, [bin, 'draw', 'verify', file], { timeout: 60_000 });
    expect(ok.stdout.split('\n')[0]).toBe('identical');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { result: { tasks: { inspectorIds: number[] }[] } };
    const staffed = json.result.tasks.find((x) => x.inspectorIds.length >= 2)!;
    staffed.inspectorIds.reverse();
    writeFileSync(file, JSON.stringify(json));
    const failed = await run(process.execPath, [bin, 'draw', 'verify', file], { timeout: 60_000 }).then(() => null, (e: { code: number; stdout: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('检查任务不同');
    const csv = await call(t.app, admin, 'GET', `/api/draw-records/${first.recordNo}/tasks.csv`);
    expect(csv.body.split('\n')[0]).toBe('\uFEFF任务编号,统一社会信用代码,抽查事项,部门,执法检查人员,未配齐原因');
  });
});
