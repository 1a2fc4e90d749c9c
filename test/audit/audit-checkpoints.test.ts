import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../src/audit/audit-checkpoint';
import { dailyAuditCheckpoint } from '../../src/audit/audit-checkpoint.service';
import { checkpointFilePath, readCheckpointLines } from '../../src/audit/checkpoint-file';
import { readCheckpointKey } from '../../src/audit/checkpoint-key';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const file = () => checkpointFilePath(t.deps.config.auditCheckpoints.dir);

async function head(): Promise<{ seq: number; hash: string; count: number }> {
  const { rows } = await sql<{ seq: string; hash: string; count: string }>`
    SELECT seq, hash, (SELECT count(*) FROM audit_log) AS count FROM audit_log ORDER BY seq DESC LIMIT 1`.execute(
    t.deps.db,
  );
  return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash, count: Number(rows[0]!.count) };
}

/** Runs `work` with extra lines in the checkpoint file, then puts the file back as it was. */
async function withFileChanged(change: (text: string) => string, work: () => Promise<void>): Promise<void> {
  const original = readFileSync(file(), 'utf8');
  writeFileSync(file(), change(original));
  try {
    await work();
  } finally {
    writeFileSync(file(), original);
  }
}

describe('audit checkpoints', () => {
  it('signs the chain head on demand, keeps it in a file outside the database, and a clean chain passes', async () => {
    const before = await head();
    const res = await call(t.app, admin, 'POST', '/api/audit/checkpoints');
    expect(res.statusCode, res.body).toBe(200);
    const checkpoint = res.json();
    expect(checkpoint).toMatchObject({ seq: before.seq, hash: before.hash, count: before.count, algorithm: 'ed25519' });
    const lines = readCheckpointLines(t.deps.config.auditCheckpoints.dir);
    const { no, ...stored } = checkpoint;
    expect(lines.at(-1)).toEqual({ no, checkpoint: stored });
    // The signing key is a file of its own, not a row of platform_keys.
    expect(readCheckpointKey(t.deps.config.auditCheckpoints.keyFile)?.publicKeyBase64).toBe(checkpoint.publicKey);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM platform_keys WHERE public_key = ${
      checkpoint.publicKey
    }`.execute(t.deps.db);
    expect(rows[0]!.n).toBe(0);

    const recorded = (await call(t.app, admin, 'GET', '/api/audit?action=audit.checkpoint&pageSize=1')).json().items[0];
    expect(recorded.summary).toContain(`写入审计日志检查点 #${checkpoint.no}：至第 ${before.seq} 条`);

    const report = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.checkpoints.trusted).toBe(lines.length);
    expect(report.checkpoints.latest).toMatchObject({ no: checkpoint.no, seq: before.seq });
  });

  it('publishes the checkpoints to anyone, with the text signed and the public key to check them', async () => {
    await call(t.app, admin, 'POST', '/api/audit/checkpoints');
    const res = await t.app.inject({ method: 'GET', url: '/api/public/audit-checkpoints' });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.publicKey).toBe(readCheckpointKey(t.deps.config.auditCheckpoints.keyFile)!.publicKeyBase64);
    const newest = list.items[0];
    expect(newest.no).toBe(readCheckpointLines(t.deps.config.auditCheckpoints.dir).length);
    expect(JSON.parse(newest.signedText)).toEqual({
      at: newest.at,
      count: newest.count,
      hash: newest.hash,
      kind: 'lianjian-audit-checkpoint',
      seq: newest.seq,
    });
    const key = createPublicKey({ key: Buffer.from(list.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(newest.signedText), key, Buffer.from(newest.signature, 'base64'))).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(newest.signedText.replace(/"seq":\d+/, '"seq":1')),
        key,
        Buffer.from(newest.signature, 'base64'),
      ),
    ).toBe(false);
  });

  it('reports a checkpoint whose signature does not hold, and one signed by another key', async () => {
    await call(t.app, admin, 'POST', '/api/audit/checkpoints');
    const lines = readCheckpointLines(t.deps.config.auditCheckpoints.dir);
    const last = lines.at(-1)!.checkpoint!;
    // A forger moves the checkpoint back to an earlier entry to cover a deleted tail, keeping the old signature.
    const moved = { ...last, seq: last.seq - 1 };
    await withFileChanged(
      (text) => `${text}${JSON.stringify(moved)}\n`,
      async () => {
        const report = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
        expect(report.ok).toBe(false);
        expect(report.problems).toEqual([`检查点 #${lines.length + 1} 的签名无效（检查点被改动或伪造）`]);
      },
    );
    const other = generateKeyPairSync('ed25519');
    const foreign = signCheckpoint(
      {
        privateKey: other.privateKey,
        publicKeyBase64: other.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      },
      { seq: last.seq, hash: last.hash, count: last.count },
      new Date(),
    );
    await withFileChanged(
      (text) => `${text}${JSON.stringify(foreign)}\nnot json\n`,
      async () => {
        const report = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
        expect(report.ok).toBe(false);
        expect(report.problems).toEqual([
          `检查点 #${lines.length + 1} 不是用本平台的检查点密钥签名的（公钥不符，检查点被伪造或密钥被更换）`,
          `检查点 #${lines.length + 2} 无法解析（检查点文件第 ${lines.length + 2} 行被改动）`,
        ]);
      },
    );
    expect((await call(t.app, admin, 'POST', '/api/audit/verify')).json()).toMatchObject({ ok: true, problems: [] });
  });

  it('reports checkpoints cut from the end of the file, which the chain records as written', async () => {
    const total = readCheckpointLines(t.deps.config.auditCheckpoints.dir).length;
    await withFileChanged(
      (text) =>
        text
          .split('\n')
          .slice(0, total - 2)
          .join('\n') + '\n',
      async () => {
        const report = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
        expect(report.ok).toBe(false);
        expect(report.problems).toEqual([
          `检查点文件缺少检查点：审计日志记载已写入检查点 #${total}，检查点文件中只有 ${total - 2} 个（检查点文件被删改）`,
        ]);
      },
    );
  });

  it('writes the daily checkpoint once per China day', async () => {
    const count = () => readCheckpointLines(t.deps.config.auditCheckpoints.dir).length;
    setChinaTime(t, '2027-01-10T09:00:00');
    const before = count();
    await dailyAuditCheckpoint(t.deps, t.clock.now());
    expect(count()).toBe(before + 1);
    setChinaTime(t, '2027-01-10T23:30:00');
    await dailyAuditCheckpoint(t.deps, t.clock.now());
    expect(count()).toBe(before + 1);
    setChinaTime(t, '2027-01-11T00:10:00');
    await dailyAuditCheckpoint(t.deps, t.clock.now());
    expect(count()).toBe(before + 2);
    expect(readCheckpointLines(t.deps.config.auditCheckpoints.dir).at(-1)!.checkpoint!.at).toBe(
      '2027-01-11T00:10:00.000+08:00',
    );
  });

  it('refuses a checkpoint without the permission', async () => {
    const staff = await login(t.app, 'scjg_staff');
    const res = await call(t.app, staff, 'POST', '/api/audit/checkpoints');
    expect(res.statusCode).toBe(403);
  });
});
