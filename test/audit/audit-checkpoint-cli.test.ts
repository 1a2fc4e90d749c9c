import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/audit/audit-chain';
import { recordAudit } from '../../src/audit/audit.service';
import { checkpointFilePath } from '../../src/audit/checkpoint-file';
import type { AuditLogTable } from '../../src/audit/audit.table';
import { openDatabase } from '../../src/db/database';
import { chinaDate } from '../../src/shared/china-date';
import { testCli } from '../support/cli';

type Row = Selectable<AuditLogTable>;
const { run: cli, dir, database, auditCheckpoints } = testCli('lianjian-audit-checkpoint-', 120_000);
// On PostgreSQL the file is shared with the run's other tests: numbers are counted, not assumed.
const checkpointFile = checkpointFilePath(auditCheckpoints.dir);
const checkpoints = (): { seq: number; hash: string; at: string }[] =>
  existsSync(checkpointFile)
    ? readFileSync(checkpointFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
/** The number of the checkpoint `audit checkpoint` writes next. */
const nextNo = () => checkpoints().length + 1;
const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Opens the CLI's database in this process for what a DBA with superuser rights could do, and closes it again. */
async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase(database);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const newest = (db: Parameters<Parameters<typeof withDb>[0]>[0], n: number) =>
  sql<Row>`SELECT * FROM audit_log ORDER BY seq DESC LIMIT ${n}`.execute(db).then((r) => r.rows);

/** The append-only triggers are switched off for the duration of `work`, as an attacker with DBA rights would. */
async function unguarded(db: Parameters<Parameters<typeof withDb>[0]>[0], work: () => Promise<void>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
  try {
    await work();
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
  }
}

beforeAll(async () => {
  const migrated = await cli('db', 'migrate');
  expect(migrated.code, migrated.stderr).toBe(0);
  // Some entries to cut and rewrite, written the way every service writes them.
  await withDb(async (db) => {
    for (let i = 1; i <= 8; i += 1)
      await db
        .transaction()
        .execute((trx) =>
          recordAudit(
            trx,
            'sha256',
            new Date(),
            { userId: null, name: '测试', departmentId: null, ip: null },
            { action: 'setting.update', entityType: 'setting', entityId: `cli-${i}`, summary: `测试记录 ${i}` },
          ),
        );
  });
  const no = nextNo();
  const written = await cli('audit', 'checkpoint');
  expect(written.code, written.stderr).toBe(0);
  expect(written.stdout).toContain(`已写入审计日志检查点 #${no}`);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lianjian audit verify against the checkpoints', { timeout: 240_000 }, () => {
  it('passes a clean chain and names the checkpoints it compared', async () => {
    const res = await cli('audit', 'verify');
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('审计日志哈希链完整');
    const all = checkpoints();
    expect(res.stdout).toContain(
      `检查点：共 ${all.length} 个，签名有效 ${all.length} 个，最新为 #${all.length}（至第 ${all.at(-1)!.seq} 条）`,
    );
  });

  it('finds the five newest entries deleted although the rest of the chain is intact', async () => {
    const cp = checkpoints().at(-1)!;
    const cpNo = checkpoints().length;
    const removed = await withDb(async (db) => {
      const rows = await newest(db, 5);
      await unguarded(db, async () => {
        await sql`DELETE FROM audit_log WHERE seq >= ${rows.at(-1)!.seq}`.execute(db);
      });
      return rows;
    });
    try {
      const res = await cli('audit', 'verify');
      expect(res.code).toBe(1);
      // The chain on its own still checks out: only the checkpoint shows the cut.
      expect(res.stdout).toContain('审计日志哈希链完整');
      const remaining = await withDb(async (db) => Number((await newest(db, 1))[0]!.seq));
      expect(res.stdout).toContain(
        `问题：审计日志末尾缺失：检查点 #${cpNo} 记录至第 ${cp.seq} 条（哈希 ${short(cp.hash)}），数据库中只到第 ${remaining} 条`,
      );
      expect(res.stdout).toContain('审计日志未通过校验');
    } finally {
      await withDb(async (db) => {
        await db.insertInto('audit_log').values(removed.reverse()).execute();
      });
    }
    expect((await cli('audit', 'verify')).code).toBe(0);
  });

  it('finds a range rewritten with every hash recomputed, against the checkpoint that no longer matches', async () => {
    const firstNo = checkpoints().length;
    expect((await cli('audit', 'checkpoint')).stdout).toContain(`#${firstNo + 1}`);
    expect((await cli('audit', 'checkpoint')).stdout).toContain(`#${firstNo + 2}`);
    const [first, second] = checkpoints().slice(firstNo - 1);
    const original = await withDb(async (db) => {
      const rows = (await sql<Row>`SELECT * FROM audit_log WHERE seq > ${first!.seq} ORDER BY seq`.execute(db)).rows;
      // Rewrite the first entry after the first of these checkpoints and re-chain everything after it: internally consistent again.
      await unguarded(db, async () => {
        let prevHash = (await sql<Row>`SELECT * FROM audit_log WHERE seq = ${first!.seq}`.execute(db)).rows[0]!.hash;
        for (const [i, row] of rows.entries()) {
          const summary = i === 0 ? '被改写的记录' : row.summary;
          const hash = entryHash({
            seq: Number(row.seq),
            at: row.at,
            actorUserId: row.actor_user_id,
            actorName: row.actor_name,
            actorDepartmentId: row.actor_department_id,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            summary,
            beforeDigest: row.before_digest,
            afterDigest: row.after_digest,
            changes: row.changes,
            ip: row.ip,
            algorithm: row.algorithm,
            prevHash,
          });
          await sql`UPDATE audit_log SET summary = ${summary}, prev_hash = ${prevHash}, hash = ${hash} WHERE seq = ${row.seq}`.execute(
            db,
          );
          prevHash = hash;
        }
      });
      return rows;
    });
    try {
      const res = await cli('audit', 'verify');
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('审计日志哈希链完整');
      const rewritten = await withDb(
        async (db) => (await sql<Row>`SELECT hash FROM audit_log WHERE seq = ${second!.seq}`.execute(db)).rows[0]!.hash,
      );
      expect(res.stdout).toContain(
        `问题：第 ${original[0]!.seq} 条起的记录被改写（与 ${chinaDate(new Date(second!.at))} 检查点 #${firstNo + 1} 不符：检查点记录第 ${second!.seq} 条的哈希为 ${short(second!.hash)}，数据库中为 ${short(rewritten)}）`,
      );
    } finally {
      await withDb((db) =>
        unguarded(db, async () => {
          for (const row of original)
            await sql`UPDATE audit_log SET summary = ${row.summary}, prev_hash = ${row.prev_hash}, hash = ${row.hash} WHERE seq = ${row.seq}`.execute(
              db,
            );
        }),
      );
    }
    expect((await cli('audit', 'verify')).code).toBe(0);
  });

  it('finds a checkpoint whose signature was forged', async () => {
    const original = readFileSync(checkpointFile, 'utf8');
    const lines = original.trim().split('\n');
    const forged = { ...JSON.parse(lines.at(-1)!), seq: 1 };
    writeFileSync(checkpointFile, [...lines.slice(0, -1), JSON.stringify(forged)].join('\n') + '\n');
    try {
      const res = await cli('audit', 'verify');
      expect(res.code).toBe(1);
      expect(res.stdout).toContain(`问题：检查点 #${lines.length} 的签名无效（检查点被改动或伪造）`);
    } finally {
      writeFileSync(checkpointFile, original);
    }
  });
});
