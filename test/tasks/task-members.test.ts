import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkTransaction, CopyLines, type CopyRows } from '../../src/db/bulk-copy';
import type { Db } from '../../src/db/database';
import { taskHasDepartment, taskHasInspector } from '../../src/db/task-members-sql';
import {
  addTaskInspectors,
  removeTaskInspectors,
  setTaskItems,
  taskItemElements,
  writeTaskMembers,
} from '../../src/tasks/task-members.repository';
import { deferDrawRecordCheck, drawTaskWriter } from '../../src/tasks/drawn-task-lookup.service';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask, type TestTask } from '../support/factories/task.factory';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let task: TestTask;
let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  task = await createTask(t, { items: ['TM-NONE'] });
});
afterAll(() => t.app.close());

const viewItems = (taskId: number) =>
  t.deps.db
    .selectFrom('inspection_task_items')
    .select(['department_id', 'item_code', 'item_name'])
    .where('task_id', '=', taskId)
    .execute();
const viewInspectors = (taskId: number) =>
  t.deps.db
    .selectFrom('inspection_task_inspectors')
    .select(['inspector_id', 'department_id'])
    .where('task_id', '=', taskId)
    .execute();

describe("a task's items and inspectors on its row", () => {
  it('items are kept ordered by code, read back through the view, one entry per code', async () => {
    await setTaskItems(t.deps.db, task.id, [
      { departmentId: yjgl.departmentId, code: 'TM-B', name: '安全生产检查' },
      { departmentId: scjg.departmentId, code: 'TM-A', name: '食品经营检查' },
    ]);
    expect(await viewItems(task.id)).toEqual([
      { department_id: scjg.departmentId, item_code: 'TM-A', item_name: '食品经营检查' },
      { department_id: yjgl.departmentId, item_code: 'TM-B', item_name: '安全生产检查' },
    ]);
    await expect(
      setTaskItems(t.deps.db, task.id, [
        { departmentId: scjg.departmentId, code: 'TM-A', name: '甲' },
        { departmentId: yjgl.departmentId, code: 'TM-A', name: '乙' },
      ]),
    ).rejects.toThrow(/item TM-A twice/);
    expect(await viewItems(task.id)).toHaveLength(2);
  });

  it('inspectors are added in id order, refused twice, and taken off by id or by department', async () => {
    await addTaskInspectors(
      t.deps.db,
      task.id,
      [yjgl, scjg].map((i) => ({ inspectorId: i.id, departmentId: i.departmentId })),
    );
    const both = [scjg, yjgl].sort((a, b) => a.id - b.id);
    expect(await viewInspectors(task.id)).toEqual(
      both.map((i) => ({ inspector_id: i.id, department_id: i.departmentId })),
    );
    await expect(
      addTaskInspectors(t.deps.db, task.id, [{ inspectorId: scjg.id, departmentId: scjg.departmentId }]),
    ).rejects.toThrow(/twice/);
    await removeTaskInspectors(t.deps.db, task.id, { departmentId: yjgl.departmentId });
    expect(await viewInspectors(task.id)).toEqual([{ inspector_id: scjg.id, department_id: scjg.departmentId }]);
    await removeTaskInspectors(t.deps.db, task.id, { inspectorIds: [scjg.id] });
    expect(await viewInspectors(task.id)).toEqual([]);
  });

  it('lookups from a department or an inspector find the task', async () => {
    await addTaskInspectors(t.deps.db, task.id, [{ inspectorId: yjgl.id, departmentId: yjgl.departmentId }]);
    const found = (condition: ReturnType<typeof taskHasDepartment>) =>
      t.deps.db
        .selectFrom('inspection_tasks as t')
        .select('t.id')
        .where(condition)
        .where('t.id', '=', task.id)
        .execute();
    expect(await found(taskHasDepartment('t', scjg.departmentId))).toHaveLength(1);
    expect(await found(taskHasInspector('t', yjgl.id))).toHaveLength(1);
    expect(await found(taskHasInspector('t', scjg.id))).toHaveLength(0);
    const otherDepartment = await t.deps.db
      .selectFrom('departments')
      .select('id')
      .where('id', 'not in', [scjg.departmentId, yjgl.departmentId])
      .executeTakeFirstOrThrow();
    expect(await found(taskHasDepartment('t', otherDepartment.id))).toHaveLength(0);
  });

  it('the COPY form of the arrays carries any text: quotes, backslashes, commas, braces, tabs and line breaks', async () => {
    const awkward = ['名称含"引号"', '反斜杠\\在中间', '逗号,与{花括号}', '制表\t与\n换行', 'NULL', ' 前后空格 '];
    const items = awkward.map((name, k) => taskItemElements(`Z${k}`, name, 10 + k));
    const bytes = new CopyLines(16);
    writeTaskMembers(bytes, 'TM-COPY', [...items].reverse(), [
      { inspectorId: 9, departmentId: 2 },
      { inspectorId: 3, departmentId: 1 },
    ]);
    const line = bytes.take().toString('utf8');
    const back = await bulkTransaction(t.deps.db, async (trx, copy) => {
      await sql`CREATE TEMP TABLE copied_members (item_codes text[], item_department_ids integer[], item_names text[],
        inspector_ids integer[], inspector_department_ids integer[]) ON COMMIT DROP`.execute(trx);
      await copy(
        'copied_members',
        ['item_codes', 'item_department_ids', 'item_names', 'inspector_ids', 'inspector_department_ids'],
        [`${line}\n`],
      );
      return (
        await sql<{
          item_codes: string[];
          item_department_ids: number[];
          item_names: string[];
          inspector_ids: number[];
          inspector_department_ids: number[];
        }>`SELECT * FROM copied_members`.execute(trx)
      ).rows;
    });
    expect(back).toEqual([
      {
        item_codes: awkward.map((_, k) => `Z${k}`),
        item_department_ids: awkward.map((_, k) => 10 + k),
        item_names: awkward,
        inspector_ids: [3, 9],
        inspector_department_ids: [1, 2],
      },
    ]);
    expect(() =>
      writeTaskMembers(
        new CopyLines(16),
        'TM-DUP',
        [],
        [
          { inspectorId: 3, departmentId: 1 },
          { inspectorId: 3, departmentId: 2 },
        ],
      ),
    ).toThrow(/inspector 3 twice/);
    const twice = taskItemElements('Z1', '重复事项', 1);
    expect(() => writeTaskMembers(new CopyLines(16), 'TM-DUP', [twice, twice], [])).toThrow(/item Z1 twice/);
  });
});

describe("a draw's tasks written before their record", () => {
  /** Whether the last orphan's COPY itself went through (the check waiting for commit). */
  let copied = false;
  /** Writes one drawn task under a record id nobody has inserted; `defer` as the draw does before its COPY. */
  const writeOrphan = (recordNo: string, defer: boolean) =>
    bulkTransaction(t.deps.db, async (trx, copy) => {
      copied = false;
      const { max } = await trx
        .selectFrom('draw_records')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirstOrThrow();
      if (defer) await deferDrawRecordCheck(trx);
      const writer = drawTaskWriter(copy, {
        recordId: Number(max ?? 0) + 1000,
        recordNo,
        window: { from: '2026-04-01', to: '2026-06-30' },
        items: new Map([['TM-A', { departmentId: scjg.departmentId, name: '食品经营检查' }]]),
        inspectors: [{ id: scjg.id, departmentId: scjg.departmentId }],
        now: new Date('2026-03-31T14:15:00Z'),
      });
      writer.add(
        0,
        {
          key: 'T1',
          uscc: task.uscc,
          subjectId: task.subjectId,
          itemCodes: ['TM-A'],
          departmentIds: [scjg.departmentId],
          inspectorIds: [scjg.id],
        },
        undefined,
      );
      await writer.finish();
      copied = true;
    });
  const tasksOf = (recordNo: string) =>
    t.deps.db.selectFrom('inspection_tasks').select('id').where('task_no', 'like', `${recordNo}-%`).execute();

  it('are refused at once where the check is not deferred', async () => {
    await expect(writeOrphan('CQ-ORPHAN-A', false)).rejects.toThrow(/foreign key|外键/i);
    expect(copied).toBe(false);
    expect(await tasksOf('CQ-ORPHAN-A')).toHaveLength(0);
  });

  it('are still refused at commit where it is deferred and the record never comes', async () => {
    await expect(writeOrphan('CQ-ORPHAN-B', true)).rejects.toThrow(/foreign key|外键/i);
    expect(copied).toBe(true);
    expect(await tasksOf('CQ-ORPHAN-B')).toHaveLength(0);
  });

  it('leave the check immediate for the next transaction on the same connection', async () => {
    await expect(writeOrphan('CQ-ORPHAN-C', false)).rejects.toThrow(/foreign key|外键/i);
    expect(copied).toBe(false);
  });
});

describe("a draw's tasks written as the draw staffs them (drawTaskWriter)", () => {
  const context = (recordId: number, recordNo: string) => ({
    recordId,
    recordNo,
    window: { from: '2026-04-01', to: '2026-06-30' },
    items: new Map([
      ['TM-A', { departmentId: scjg.departmentId, name: '食品经营检查' }],
      ['TM-B', { departmentId: scjg.departmentId, name: '计量器具检查' }],
    ]),
    inspectors: [{ id: scjg.id, departmentId: scjg.departmentId }],
    now: new Date('2026-03-31T14:15:00Z'),
  });
  const drawnTask = (key: string, itemCodes: string[], inspectorIds: number[]) => ({
    key,
    uscc: task.uscc,
    subjectId: task.subjectId,
    itemCodes,
    departmentIds: [scjg.departmentId],
    inspectorIds,
  });
  /** Writes under a record id nobody has inserted (the check deferred, as the draw does), reads, then rolls back. */
  const rolledBack = new Error('rolled back after reading');
  const withinDraw = async <T>(work: (trx: Db, copy: CopyRows) => Promise<T>): Promise<T> => {
    let seen: T | undefined;
    await expect(
      bulkTransaction(t.deps.db, async (trx, copy) => {
        await deferDrawRecordCheck(trx);
        seen = await work(trx, copy);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    return seen!;
  };

  it('numbers each task by its place in the result, whatever order it comes in, and writes its reason', async () => {
    const recordNo = 'CQ-WRITER-A';
    const { written, rows } = await withinDraw(async (trx, copy) => {
      const writer = drawTaskWriter(copy, context(1_000_001, recordNo));
      writer.add(2, drawnTask('K3', ['TM-B'], []), '无可选派的执法检查人员');
      writer.add(0, drawnTask('K1', ['TM-A', 'TM-B'], [scjg.id]), undefined);
      writer.add(1, drawnTask('K2', ['TM-A'], [scjg.id]), undefined);
      const written = await writer.finish();
      const rows = await trx
        .selectFrom('inspection_tasks')
        .select(['task_no', 'item_codes', 'item_names', 'inspector_ids', 'unstaffed_reason', 'status'])
        .where('task_no', 'like', `${recordNo}-%`)
        .orderBy('task_no')
        .execute();
      return { written, rows };
    });
    expect(written).toBe(3);
    expect(rows.map((r) => [r.task_no, r.item_codes, r.inspector_ids, r.unstaffed_reason])).toEqual([
      [`${recordNo}-00001`, ['TM-A', 'TM-B'], [scjg.id], null],
      [`${recordNo}-00002`, ['TM-A'], [scjg.id], null],
      [`${recordNo}-00003`, ['TM-B'], [], '无可选派的执法检查人员'],
    ]);
    expect(rows[0]!.item_names).toEqual(['食品经营检查', '计量器具检查']);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['待发布']));
  });

  it('leaves nothing written when the draw fails after its first tasks, and the connection usable', async () => {
    const recordNo = 'CQ-WRITER-B';
    const failure = new Error('抽取中断');
    await expect(
      bulkTransaction(t.deps.db, async (trx, copy) => {
        await deferDrawRecordCheck(trx);
        const writer = drawTaskWriter(copy, context(1_000_002, recordNo));
        writer.add(0, drawnTask('K1', ['TM-A'], [scjg.id]), undefined);
        writer.abort(failure);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(
      await t.deps.db.selectFrom('inspection_tasks').select('id').where('task_no', 'like', `${recordNo}-%`).execute(),
    ).toHaveLength(0);
    const { n } = await t.deps.db
      .selectFrom('inspection_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(0);
  });
});
