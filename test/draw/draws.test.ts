import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootFromProof, type ProofStep } from '../../src/draw/engine/merkle';
import { cliArgs } from '../support/cli-entry';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { afterTheDraw, drawsAtIn, firstItemPerDepartment } from './draw-fixtures';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'lianjian-draw-'));

let t: TestApp;
let admin: Session;
let scjgAdmin: Session;
let itemIds: number[];

beforeAll(async () => {
  t = await testApp();
  // Spring 2026: the windows below lie ahead (a commitment to a window already past is refused).
  setChinaTime(t, '2026-03-20T10:00:00');
  [admin, scjgAdmin] = await Promise.all(['admin', 'scjg_admin'].map((u) => login(t.app, u)));
  // Three published sampling items of three different departments from the demo registers.
  itemIds = (await firstItemPerDepartment(t.deps.db)).slice(0, 3);
  expect(itemIds).toHaveLength(3);
});
afterAll(async () => {
  await t.app.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const commitBody = (overrides: object = {}) => ({
  title: '2026 年第二季度跨部门联合抽查',
  year: 2026,
  window: { from: '2026-04-01', to: '2026-06-30' },
  samplingItemIds: itemIds,
  design: 'fixed',
  entropy: {
    kind: 'lottery',
    description: '福彩双色球开奖号码（红球 6 个、蓝球 1 个，共 3 组）',
    sources: 3,
    drawsAt: drawsAtIn(t.clock),
  },
  ...overrides,
});

interface RoundView {
  roundNo: string;
  commitment: { frameRoot: string; frameSubjects: number; entropy: { kind: string } };
  records: { recordNo: string; redrawOf: string | null; redrawReason: string | null; current: boolean }[];
}
interface RecordView {
  recordNo: string;
  seed: string;
  measures: {
    distinctVisits: number;
    lowerBound: number;
    independentExpected: number;
    tasks: number;
    items: { code: string; frame: number; selected: number }[];
  };
  tasks: { uscc: string; inspectorIds: number[]; departments: string[] }[];
  unstaffed: unknown[];
}

describe('draw rounds and records', () => {
  let round: RoundView;
  let first: RecordView;

  it('commits a round: frozen frame, Merkle root and declared entropy, before any randomness; only with the right and with published items', async () => {
    expect((await call(t.app, scjgAdmin, 'POST', '/api/draws', commitBody())).statusCode).toBe(403);
    const bad = await call(
      t.app,
      admin,
      'POST',
      '/api/draws',
      commitBody({ window: { from: '2026-06-30', to: '2026-04-01' } }),
    );
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
    afterTheDraw(t.clock);
    const wrong = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, {
      reveal: { kind: 'lottery', keyString: '1./2./' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('承诺声明了 3 个随机源，密钥串含 2 个');
    const res = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, {
      reveal: { kind: 'lottery', keyString },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The draw answers with the sealed record and its measures, not its task list (a city's is tens of megabytes):
    // the tasks are read from the record.
    const answer = res.json() as Partial<RecordView>;
    expect(answer.tasks).toBeUndefined();
    expect(answer.unstaffed).toBeUndefined();
    const read = await call(t.app, admin, 'GET', `/api/draw-records/${answer.recordNo}`);
    expect(read.statusCode, read.body).toBe(200);
    first = read.json() as RecordView;
    expect(first.seed).toBe(answer.seed);
    expect(first.measures).toEqual(answer.measures);
    expect(first.tasks).toHaveLength(answer.measures!.tasks);
    expect(first.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(first.measures.items).toHaveLength(3);
    expect(first.measures.distinctVisits).toBe(first.measures.tasks);
    // Fixed sizes round Σπ per stratum, so visits may fall below Σ max π; never below the largest item sample.
    expect(first.measures.distinctVisits).toBeGreaterThanOrEqual(
      Math.max(...first.measures.items.map((i) => i.selected)),
    );
    expect(first.measures.independentExpected).toBeGreaterThanOrEqual(first.measures.lowerBound);
    expect(first.tasks.length).toBeGreaterThan(0);

    const again = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, {
      reveal: { kind: 'lottery', keyString },
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('重新抽取须说明理由');
    const redraw = await call(t.app, admin, 'POST', `/api/draws/${round.roundNo}/records`, {
      reveal: { kind: 'lottery', keyString: '1.2./3./4.5./' },
      redrawReason: '开奖号码录入有误，经联席会议办公室确认后重新录入',
    });
    expect(redraw.statusCode, redraw.body).toBe(200);
    const view = (await call(t.app, admin, 'GET', `/api/draws/${round.roundNo}`)).json() as RoundView;
    expect(view.records.map((r) => [r.recordNo === first.recordNo, r.redrawOf, r.current])).toEqual([
      [true, null, false],
      [false, first.recordNo, true],
    ]);
    expect(view.records[1]!.redrawReason).toContain('开奖号码录入有误');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'draw.%')
      .where('entity_id', 'like', `${round.roundNo}%`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['draw.commit', 'draw.run', 'draw.redraw']);
  });

  it("the draw writes its tasks: one per subject with each department's items and inspectors; a redraw voids the earlier record's tasks", async () => {
    interface TaskPage {
      total: number;
      items: {
        taskNo: string;
        status: string;
        recordNo: string;
        subject: { uscc: string };
        joint: boolean;
        departments: { id: number; items: unknown[]; inspectors: { id: number }[] }[];
        unstaffedReason: string | null;
      }[];
    }
    /** Every page (how many tasks a draw makes depends on its seed). */
    const allTasks = async (who: Session, query: string): Promise<TaskPage> => {
      const out: TaskPage = { total: 0, items: [] };
      for (let page = 1; page === 1 || out.items.length < out.total; page += 1) {
        const res = (await call(t.app, who, 'GET', `/api/tasks?${query}&pageSize=200&page=${page}`)).json() as TaskPage;
        out.total = res.total;
        out.items.push(...res.items);
        if (res.items.length === 0) break;
      }
      return out;
    };
    const view = (await call(t.app, admin, 'GET', `/api/draws/${round.roundNo}`)).json() as RoundView;
    const current = view.records[1]!.recordNo;
    const old = await allTasks(admin, `recordNo=${first.recordNo}`);
    expect(old.total).toBe(first.measures.tasks);
    expect(new Set(old.items.map((x) => x.status))).toEqual(new Set(['已作废']));
    const fresh = await allTasks(admin, `recordNo=${current}`);
    const record = (await call(t.app, admin, 'GET', `/api/draw-records/${current}`)).json() as RecordView;
    expect(fresh.total).toBe(record.measures.tasks);
    expect(fresh.items.every((x) => x.status === '待发布' && x.taskNo.startsWith(`${current}-`))).toBe(true);
    expect(new Set(fresh.items.map((x) => x.subject.uscc))).toEqual(new Set(record.tasks.map((x) => x.uscc)));
    for (const task of fresh.items) {
      const drawn = record.tasks.find((x) => x.uscc === task.subject.uscc)!;
      expect(task.departments.flatMap((d) => d.inspectors.map((i) => i.id)).sort()).toEqual(
        [...drawn.inspectorIds].sort(),
      );
      expect(task.joint).toBe(task.departments.length > 1);
      if (task.unstaffedReason === null) expect(task.departments.every((d) => d.inspectors.length >= 1)).toBe(true);
    }
    // A department admin sees only the tasks with an item of its own department.
    const own = await allTasks(scjgAdmin, `recordNo=${current}`);
    const scjgId = (
      await t.deps.db
        .selectFrom('users')
        .select('department_id')
        .where('username', '=', 'scjg_admin')
        .executeTakeFirstOrThrow()
    ).department_id;
    expect(own.total).toBe(fresh.items.filter((x) => x.departments.some((d) => d.id === scjgId)).length);
    // The round's items span departments, so the draw leaves tasks without one of 市场监管's: such a task is hidden from it.
    const foreign = fresh.items.find((x) => !x.departments.some((d) => d.id === scjgId));
    expect(foreign, 'a task without a 市场监管 item').toBeDefined();
    expect((await call(t.app, scjgAdmin, 'GET', `/api/tasks/${foreign!.taskNo}`)).statusCode).toBe(404);
    expect(own.total).toBeGreaterThan(0);
    // Per inspector: every task listed for an inspector has that inspector.
    const someInspector = fresh.items.flatMap((x) => x.departments.flatMap((d) => d.inspectors))[0]!;
    const theirs = await allTasks(admin, `inspectorId=${someInspector.id}&status=待发布`);
    expect(theirs.total).toBeGreaterThan(0);
    expect(
      theirs.items.every((x) => x.departments.some((d) => d.inspectors.some((i) => i.id === someInspector.id))),
    ).toBe(true);
  });

  it('a redraw is refused once a task of the record is under way; merged tasks are not voided by a redraw', async () => {
    const res = await call(
      t.app,
      admin,
      'POST',
      '/api/draws',
      commitBody({
        title: '2029 年第四季度跨部门联合抽查（执行中）',
        year: 2029,
        window: { from: '2029-10-01', to: '2029-12-31' },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const roundNo = (res.json() as RoundView).roundNo;
    afterTheDraw(t.clock);
    const drawn = (
      await call(t.app, admin, 'POST', `/api/draws/${roundNo}/records`, { reveal: { kind: 'lottery', keyString } })
    ).json() as RecordView;
    const tasks = await t.deps.db
      .selectFrom('inspection_tasks as it')
      .innerJoin('draw_records as r', 'r.id', 'it.draw_record_id')
      .select(['it.id', 'it.task_no'])
      .where('r.record_no', '=', drawn.recordNo)
      .orderBy('it.id')
      .limit(2)
      .execute();
    expect(tasks).toHaveLength(2);
    await sql`UPDATE inspection_tasks SET status = '已合并' WHERE id = ${tasks[1]!.id}`.execute(t.deps.db);
    await sql`UPDATE inspection_tasks SET status = '已排期' WHERE id = ${tasks[0]!.id}`.execute(t.deps.db);
    const refused = await call(t.app, admin, 'POST', `/api/draws/${roundNo}/records`, {
      reveal: { kind: 'lottery', keyString },
      redrawReason: '测试：已开始执行后不能重抽',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('已有 1 个检查任务进入排期或实施');
    await sql`UPDATE inspection_tasks SET status = '已发布' WHERE id = ${tasks[0]!.id}`.execute(t.deps.db);
    const redrawn = await call(t.app, admin, 'POST', `/api/draws/${roundNo}/records`, {
      reveal: { kind: 'lottery', keyString },
      redrawReason: '测试：尚未执行时可重抽',
    });
    expect(redrawn.statusCode, redrawn.body).toBe(200);
    const after = await t.deps.db
      .selectFrom('inspection_tasks')
      .select(['task_no', 'status'])
      .where(
        'id',
        'in',
        tasks.map((x) => x.id),
      )
      .orderBy('id')
      .execute();
    expect(after.map((x) => x.status)).toEqual(['已作废', '已合并']);
  });

  it('records cannot be changed or deleted in the database', async () => {
    await expect(
      sql`UPDATE draw_records SET seed = 'x' WHERE record_no = ${first.recordNo}`.execute(t.deps.db),
    ).rejects.toThrow(/不能修改或删除/);
    await expect(sql`DELETE FROM draw_rounds WHERE round_no = ${round.roundNo}`.execute(t.deps.db)).rejects.toThrow(
      /不能修改或删除/,
    );
  });

  it("the public verification recomputes the record; anyone checks a USCC's number and decisions, only staff see π and the Merkle proof", async () => {
    const verified = await call(t.app, null, 'GET', `/api/public/draw-records/${first.recordNo}/verify`);
    expect(verified.json()).toEqual({ recordNo: first.recordNo, identical: true, difference: null });
    const task = first.tasks[0]!;
    const mine = await call(
      t.app,
      null,
      'GET',
      `/api/public/draw-records/${first.recordNo}/self-check?uscc=${task.uscc}`,
    );
    expect(mine.statusCode, mine.body).toBe(200);
    const body = mine.json() as {
      detailed: boolean;
      selected: boolean;
      number: number;
      items: { pi?: number; selected: boolean }[];
      leaf: string | null;
      proof: unknown[];
    };
    expect(body.selected).toBe(true);
    expect(body.items.some((i) => i.selected)).toBe(true);
    expect(body.number).toBeGreaterThanOrEqual(0);
    expect(body.number).toBeLessThan(1);
    // π is the item's ratio for the subject's class: the public answer leaves it (and the leaf, which holds it) out.
    expect(body.detailed).toBe(false);
    expect(body.items.every((i) => i.pi === undefined)).toBe(true);
    expect(body.leaf).toBeNull();
    expect(mine.body).not.toMatch(/creditClass|stratum|信用|"pi"/);
    expect(
      (await call(t.app, null, 'GET', `/api/draw-records/${first.recordNo}/self-check?uscc=${task.uscc}`)).statusCode,
    ).toBe(401);
    // Staff whose reading reaches every department (the joint office) see π of every item and the proof
    // (a department admin only its own items': test/draw/draw-scope.test.ts).
    const lianxi = await login(t.app, 'lianxi');
    const staff = await call(t.app, lianxi, 'GET', `/api/draw-records/${first.recordNo}/self-check?uscc=${task.uscc}`);
    expect(staff.statusCode, staff.body).toBe(200);
    const detail = staff.json() as {
      detailed: boolean;
      items: { pi: number; selected: boolean }[];
      leaf: string;
      proof: ProofStep[];
      frameRoot: string;
    };
    expect(detail.detailed).toBe(true);
    expect(detail.items.every((i) => i.pi > 0 && i.pi <= 1)).toBe(true);
    expect(detail.leaf.startsWith(task.uscc)).toBe(true);
    expect(rootFromProof('sha256', detail.leaf, detail.proof)).toBe(detail.frameRoot);
    expect(detail.frameRoot).toBe(round.commitment.frameRoot);
    const outside = await call(
      t.app,
      null,
      'GET',
      `/api/public/draw-records/${first.recordNo}/self-check?uscc=91110000000000000X`,
    );
    expect(outside.statusCode).toBe(404);
  });

  it('the auditors’ bundle verifies with `lianjian draw verify`, and a tampered one names the first difference', async () => {
    const bundle = await call(t.app, admin, 'GET', `/api/draw-records/${first.recordNo}/bundle`);
    expect(bundle.statusCode).toBe(200);
    const file = join(dir, 'bundle.json');
    writeFileSync(file, bundle.body);
    const ok = await run(process.execPath, cliArgs('draw', 'verify', file), { timeout: 60_000 });
    expect(ok.stdout.split('\n')[0]).toBe('identical');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { result: { tasks: { inspectorIds: number[] }[] } };
    const staffed = json.result.tasks.find((x) => x.inspectorIds.length >= 2)!;
    staffed.inspectorIds.reverse();
    writeFileSync(file, JSON.stringify(json));
    const failed = await run(process.execPath, cliArgs('draw', 'verify', file), { timeout: 60_000 }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('检查任务不同');
    const csv = await call(t.app, admin, 'GET', `/api/draw-records/${first.recordNo}/tasks.csv`);
    expect(csv.body.split('\n')[0]).toBe('\uFEFF任务编号,统一社会信用代码,抽查事项,部门,执法检查人员,未配齐原因');
  });
});
