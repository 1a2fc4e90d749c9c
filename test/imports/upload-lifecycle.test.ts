import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor';
import { admitImport, type ImportTicket } from '../../src/imports/import-admission';
import { insertJob } from '../../src/imports/import-job.repository';
import { recoverImportJobs } from '../../src/imports/import-recovery.service';
import { login, type Session } from '../support/http';
import { csvOf, freshUscc, importAndWait, type JobView, uploadFile } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';
import { repeatedStrings, writeZip, xlsxParts } from '../support/zip-files';

let t: TestApp;
let admin: Session;
let uploadDir: string;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
  uploadDir = t.deps.config.imports.uploadDir;
  mkdirSync(uploadDir, { recursive: true });
});
afterAll(() => t.app.close());

const headers = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期', '信用风险分类'];
const subjectRow = () => [freshUscc(), '日照上传测试商贸有限公司', '企业', '371102', '5211', '2019-03-15', ''];
const uploads = () => readdirSync(uploadDir).sort();
const actorOf = async (username: string) => {
  const user = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { userId: user.id } as Actor;
};
const jobOf = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: admin.headers })).json() as JobView;

describe('an upload reaches the disk only for a caller who may import now', () => {
  it('stores nothing for an anonymous caller, one without the import permission, or one already importing', async () => {
    const before = uploads();
    const data = csvOf([headers, subjectRow()]);
    const anonymous = await uploadFile(t.app, { headers: {} }, '/api/imports/subjects', 'a.csv', data);
    expect(anonymous.statusCode).toBe(401);
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await uploadFile(t.app, inspector, '/api/imports/subjects', 'b.csv', data)).statusCode).toBe(403);

    const held = admitImport(await actorOf('admin'), t.deps.config.imports.maxRunning, t.clock.now());
    try {
      held.named('名录第一批.xlsx');
      const second = await uploadFile(t.app, admin, '/api/imports/subjects?mode=dry-run', 'c.csv', data);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.message).toMatch(
        new RegExp(
          `^您的导入任务（文件“名录第一批\\.xlsx”，\\d{2}:\\d{2}:\\d{2} 开始，任务编号 ${held.jobId}）仍在运行，每人同时只能运行一个导入任务，请等它结束后再提交$`,
        ),
      );
    } finally {
      held.release();
    }
    expect(uploads()).toEqual(before);
  });

  it('refuses a third import while the platform runs its maximum, naming the limit; the place is free once a job ends', async () => {
    const max = t.deps.config.imports.maxRunning;
    const held: ImportTicket[] = [];
    for (const username of ['yjgl_admin', 'scjg_admin'].slice(0, max))
      held.push(admitImport(await actorOf(username), max, t.clock.now()));
    try {
      const refused = await uploadFile(t.app, admin, '/api/imports/subjects?mode=dry-run', 'd.csv', csvOf([headers]));
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toEqual({
        code: 'RATE_LIMITED',
        message: `平台正在运行 ${max} 个导入任务，已达同时运行的上限（${max} 个），请稍后再试`,
      });
    } finally {
      for (const ticket of held) ticket.release();
    }
    const before = uploads();
    const first = await importAndWait(t.app, admin, 'e.csv', csvOf([headers, subjectRow()]), 'dry-run');
    expect(first).toMatchObject({ status: 'done', processedRows: 1 });
    // The job has ended: its upload is gone and the same user may import again.
    expect(uploads()).toEqual(before);
    expect(await importAndWait(t.app, admin, 'f.csv', csvOf([headers, subjectRow()]), 'dry-run')).toMatchObject({
      status: 'done',
    });
  });

  it('fails a zip-bomb XLSX import with the Chinese reason, and removes its upload', async () => {
    const path = join(uploadDir, '..', `bomb-${randomUUID()}.xlsx`);
    await writeZip(path, xlsxParts([headers], { sharedStrings: repeatedStrings(300 * 1024 * 1024) }));
    const before = uploads();
    const job = await importAndWait(t.app, admin, '炸弹.xlsx', readFileSync(path), 'dry-run');
    expect(job).toMatchObject({
      status: 'failed',
      committed: false,
      error: '文件中 xl/sharedStrings.xml 解压后达 301 MB，超过 256 MB 的上限，疑似压缩炸弹，已拒绝',
    });
    expect(uploads()).toEqual(before);
  });

  it('imports an XLSX without xl/styles.xml', async () => {
    const path = join(uploadDir, '..', `no-styles-${randomUUID()}.xlsx`);
    const rows = [headers, subjectRow(), subjectRow()];
    await writeZip(path, xlsxParts(rows, { styles: false }));
    const job = await importAndWait(t.app, admin, '无样式.xlsx', readFileSync(path), 'dry-run');
    expect(job).toMatchObject({ status: 'done', processedRows: 2, rejected: 0, inserted: 2 });
  });
});

describe('start-up after a crash', () => {
  it('marks jobs left 运行中 by a dead process failed with the reason and deletes their uploads; keeps what is not theirs', async () => {
    const now = t.clock.now();
    const stale = randomUUID();
    // No service leaves a job running without a process behind it: the row is what a kill -9 leaves.
    await insertJob(t.deps.db, {
      id: stale,
      kind: 'subjects',
      fileName: '中断的导入.xlsx',
      sha256: '0'.repeat(64),
      size: 10,
      mode: 'all-or-nothing',
      createdBy: null,
      now: new Date(now.getTime() - 60_000),
    });
    const staleFile = join(uploadDir, `${stale}.upload`);
    writeFileSync(staleFile, 'x');
    // An upload still being received here, an upload of no job (another platform's, young) and a file not ours.
    const live = admitImport(await actorOf('yjgl_admin'), t.deps.config.imports.maxRunning, now);
    const liveFile = join(uploadDir, `${live.jobId}.upload`);
    writeFileSync(liveFile, 'x');
    const unclaimed = join(uploadDir, `${randomUUID()}.upload`);
    writeFileSync(unclaimed, 'x');
    const oldUnclaimed = join(uploadDir, `${randomUUID()}.upload`);
    writeFileSync(oldUnclaimed, 'x');
    const twoDaysAgo = new Date(now.getTime() - 48 * 3600 * 1000);
    utimesSync(oldUnclaimed, twoDaysAgo, twoDaysAgo);
    const notOurs = join(uploadDir, 'readme.txt');
    writeFileSync(notOurs, 'x');
    try {
      const outcome = await recoverImportJobs(t.deps);
      expect(outcome.failedJobs).toBeGreaterThanOrEqual(1);
      expect(outcome.removedUploads).toBeGreaterThanOrEqual(2);
      expect(await jobOf(stale)).toMatchObject({
        status: 'failed',
        committed: false,
        error: '平台重启时任务未完成（进程中断），请重新导入',
      });
      expect(existsSync(staleFile)).toBe(false);
      expect(existsSync(oldUnclaimed)).toBe(false);
      expect([existsSync(liveFile), existsSync(unclaimed), existsSync(notOurs)]).toEqual([true, true, true]);
      const stillRunning = await t.deps.db
        .selectFrom('import_jobs')
        .select('id')
        .where('status', '=', 'running')
        .execute();
      expect(stillRunning).toEqual([]);
    } finally {
      live.release();
    }
  });
});
