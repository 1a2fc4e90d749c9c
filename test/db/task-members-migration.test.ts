import pg from 'pg';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config';
import { down, up } from '../../src/db/migrations/20261207_0053_task_members_on_task';
import { seedDemo } from '../../src/demo/demo-seed';
import { addTaskInspectors, setTaskItems } from '../../src/tasks/task-members.repository';
import { openPlatform } from '../../src/platform';
import { testConfig } from '../support/test-platform';

const leg = testConfig().database;
let created: string | null = null;

/** A database of this test's own on the leg's engine: the migration changes the schema under it. */
async function freshDatabase(): Promise<AppConfig['database']> {
  if (leg.kind === 'pglite') return { kind: 'pglite', dataDir: 'memory://' };
  created = `lianjian_members_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${created} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(leg.url);
  url.pathname = `/${created}`;
  return { kind: 'postgres', url: url.toString() };
}

afterAll(async () => {
  if (!created || leg.kind !== 'postgres') return;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
  await admin.end();
});

describe(`a database from before task members moved onto the task row (${leg.kind})`, () => {
  it('keeps every task’s items and inspectors through the migration, down to the two tables and up again', async () => {
    const platform = await openPlatform(testConfig({ database: await freshDatabase() }));
    try {
      const { db } = platform.deps;
      await seedDemo(platform.deps, { subjects: 60 });
      const [subjects, inspectors] = await Promise.all([
        db.selectFrom('subjects').select(['id', 'uscc']).orderBy('id').limit(20).execute(),
        db.selectFrom('inspectors').select(['id', 'department_id']).orderBy('id').limit(40).execute(),
      ]);
      const now = new Date();
      for (const [k, subject] of subjects.entries()) {
        const { id } = await db
          .insertInto('inspection_tasks')
          .values({
            task_no: `MIG-${k}`,
            source: '登记',
            draw_record_id: null,
            subject_id: subject.id,
            uscc: subject.uscc,
            window_from: '2026-12-01',
            window_to: '2026-12-31',
            status: '已发布',
            unstaffed_reason: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const crew = [inspectors[k]!, inspectors[k + 20]!];
        await setTaskItems(
          db,
          Number(id),
          [0, 1, 2].slice(0, 1 + (k % 3)).map((n) => ({
            departmentId: crew[n % 2]!.department_id,
            code: `MIG-${String.fromCharCode(67 - n)}`,
            name: `迁移事项 ${n}：含"引号"、逗号,与反斜杠\\`,
          })),
        );
        await addTaskInspectors(
          db,
          Number(id),
          crew.map((i) => ({ inspectorId: i.id, departmentId: i.department_id })),
        );
      }
      const members = () =>
        db
          .selectFrom('inspection_tasks')
          .select([
            'id',
            'item_codes',
            'item_department_ids',
            'item_names',
            'inspector_ids',
            'inspector_department_ids',
          ])
          .orderBy('id')
          .execute();
      const before = await members();
      expect(before.filter((t) => t.item_codes.length > 1).length).toBeGreaterThan(10);
      expect(before.filter((t) => t.inspector_ids.length > 1).length).toBeGreaterThan(10);

      await down(db as unknown as Kysely<unknown>);
      const tableRows = await sql<{ items: number; inspectors: number }>`SELECT
          (SELECT count(*)::int FROM inspection_task_items) AS items,
          (SELECT count(*)::int FROM inspection_task_inspectors) AS inspectors`.execute(db);
      expect(tableRows.rows[0]).toEqual({
        items: before.reduce((n, t) => n + t.item_codes.length, 0),
        inspectors: before.reduce((n, t) => n + t.inspector_ids.length, 0),
      });

      await up(db as unknown as Kysely<unknown>);
      expect(await members()).toEqual(before);
      // The views answer as the tables did.
      const first = before.find((t) => t.inspector_ids.length > 1)!;
      expect(
        await db
          .selectFrom('inspection_task_inspectors')
          .select(['inspector_id', 'department_id'])
          .where('task_id', '=', first.id)
          .execute(),
      ).toEqual(
        first.inspector_ids.map((id, k) => ({ inspector_id: id, department_id: first.inspector_department_ids[k] })),
      );
    } finally {
      await platform.close();
    }
  });
});
