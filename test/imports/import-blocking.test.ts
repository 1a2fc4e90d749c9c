import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFile } from '../../src/imports/import-file';
import type { ImportMode } from '../../src/imports/import-job.table';
import { APPLY_SLICE } from '../../src/imports/import-apply';
import { stagingPath } from '../../src/imports/import-staging';
import { getImportJob, importFileNow } from '../../src/imports/import.service';
import { INTERRUPTED_JOB, recoverImportJobs } from '../../src/imports/import-recovery.service';
import { actorOfUser } from '../../src/demo/demo-activity';
import { validSubjectCsv } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

const dir = mkdtempSync(join(tmpdir(), 'lianjian-import-blocking-'));
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 180_000);
afterAll(async () => {
  await t.app.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = { userId: null, name: '命令行', departmentId: null, ip: null };

async function subjectFile(name: string, rows: number) {
  const { data, first, last } = validSubjectCsv(rows, `阻塞测试${name}`);
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, data);
  return { file: await describeFile(path), first, last };
}

const stored = async (uscc: string) =>
  (await t.deps.db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirst()) !== undefined;

describe('a long import does not hold the database (PGlite has one connection)', () => {
  for (const mode of ['dry-run', 'all-or-nothing'] as ImportMode[]) {
    it(`${mode}: a request made while the file is read is answered before the last row is read, and sees none of the rows`, async () => {
      const { file, first, last } = await subjectFile(mode, 3000);
      const order: string[] = [];
      let probe: Promise<void> | undefined;
      const job = importFileNow(t.deps, cli, 'subjects', file, mode, (progress) => {
        if (progress.processedRows === 3000 && progress.writtenRows === undefined) order.push('all rows read');
        if (probe || progress.processedRows < 1000) return;
        probe = (async () => {
          const res = await t.app.inject({ method: 'GET', url: '/api/health' });
          expect(res.statusCode).toBe(200);
          // Rows are written only at the end, in one transaction: none are visible half-way.
          order.push(`health:${await stored(first)}`);
        })();
      }).then((view) => {
        order.push('import');
        return view;
      });
      const view = await job;
      await probe;
      // PostgreSQL has a pool of connections: there the request never waits, and may simply be slower than the reader.
      if (t.deps.config.database.kind === 'pglite') expect(order).toEqual(['health:false', 'all rows read', 'import']);
      else expect(order.sort()).toEqual(['all rows read', 'health:false', 'import']);
      expect(view.status).toBe('done');
      expect(view.inserted).toBe(3000);
      expect([await stored(first), await stored(last)]).toEqual(mode === 'dry-run' ? [false, false] : [true, true]);
      expect(existsSync(stagingPath(t.deps.config.imports.uploadDir, view.id))).toBe(false);
    });
  }

  it('a real import writes its rows in short transactions: a request made during the write is answered before it ends', async () => {
    const { file, first, last } = await subjectFile('write', 3000);
    const order: string[] = [];
    let probe: Promise<void> | undefined;
    let slices = 0;
    const view = await importFileNow(t.deps, cli, 'subjects', file, 'all-or-nothing', (progress) => {
      if (progress.writtenRows === undefined) return;
      slices += 1;
      if (probe) return;
      probe = (async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(200);
        order.push(`health:${await stored(last)}`);
      })();
    });
    order.push('import');
    await probe;
    // 3,000 rows in slices of APPLY_SLICE: the request waited for one slice, not for the whole write.
    expect(slices).toBe(3000 / APPLY_SLICE);
    if (t.deps.config.database.kind === 'pglite') expect(order).toEqual(['health:false', 'import']);
    expect(view).toMatchObject({ status: 'done', committed: true, inserted: 3000 });
    expect([await stored(first), await stored(last)]).toEqual([true, true]);
    const audits = await t.deps.db.selectFrom('audit_log').select('seq').where('entity_id', '=', view.id).execute();
    expect(audits).toHaveLength(1);
  });

  it('at start-up, a job left 运行中 by a killed process is marked failed with the reason and its staged rows removed', async () => {
    const admin = await actorOfUser(t.deps.db, 'admin');
    const { file } = await subjectFile('stale', 10);
    const done = await importFileNow(t.deps, cli, 'subjects', file, 'dry-run');
    // As a kill -9 leaves it: the row still running, the staging file on disk.
    await t.deps.db
      .updateTable('import_jobs')
      .set({ status: 'running', finished_at: null })
      .where('id', '=', done.id)
      .execute();
    writeFileSync(stagingPath(t.deps.config.imports.uploadDir, done.id), 'x');
    expect((await recoverImportJobs(t.deps)).failedJobs).toBeGreaterThanOrEqual(1);
    const after = await getImportJob(t.deps, admin, done.id);
    expect(after.status).toBe('failed');
    expect(after.error).toBe(INTERRUPTED_JOB);
    expect(existsSync(stagingPath(t.deps.config.imports.uploadDir, done.id))).toBe(false);
  });

  it('at start-up, a job killed after its final transaction but before its report is done, its rows kept', async () => {
    const admin = await actorOfUser(t.deps.db, 'admin');
    const { file, first } = await subjectFile('written', 10);
    const done = await importFileNow(t.deps, cli, 'subjects', file, 'all-or-nothing');
    expect(done.committed).toBe(true);
    // As a kill -9 between the final commit and the job's report leaves it: written, still 运行中.
    await t.deps.db
      .updateTable('import_jobs')
      .set({ status: 'running', finished_at: null })
      .where('id', '=', done.id)
      .execute();
    await recoverImportJobs(t.deps);
    const after = await getImportJob(t.deps, admin, done.id);
    expect(after).toMatchObject({ status: 'done', committed: true });
    expect(await stored(first)).toBe(true);
  });
});
