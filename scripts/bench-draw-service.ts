/**
 * The full round through the platform's own services on PostgreSQL (part of `npm run bench:draw`):
 * the synthetic city is copied into a scratch database's real tables (departments, subjects,
 * published sampling items, inspectors), then commitRound (load registers → frames → Merkle
 * commitment → frozen snapshot) and runRoundDraw (snapshot → numbers → selection → merge →
 * assignment → sealed, signed record → persisted tasks) run as the joint-meeting office would
 * run them, in a process of its own (bench-draw-round.ts) so that its time and memory are the round's alone.
 * Figures only.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config';
import type { SyntheticCity } from '../src/draw/synthetic-city';
import { subjectAt } from '../src/draw/engine/register-columns';
import { openPlatform } from '../src/platform';
import type { RoundFigures } from './bench-draw-round';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const phaseNames: Record<string, string> = {
  registers: '载入事项与名录',
  frames: '对象框架',
  commitment: '载入人员与默克尔承诺',
  snapshot: '冻结快照',
  persist: '写库',
  persistAndPack: '写完余下任务（同时打包记录）与写记录',
  load: '读快照',
  draw: '抽取与签名封存（边抽边写任务）',
};

async function copyRows(client: pg.PoolClient, statement: string, rows: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(rows), client.query(copyFrom(statement)));
}

const arrayLiteral = (values: readonly string[]) => `{${values.join(',')}}`;

/** `keep`: a file to write the round's settings to, the scratch database kept (as loaded, before the round). */
export async function serviceRound(city: SyntheticCity, url: string, keep?: string): Promise<RoundFigures | null> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    console.log('\n（PostgreSQL 不可达，跳过服务路径）');
    return null;
  }
  const name = `lianjian_bench_round_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const platform = await openPlatform(loadConfig({ DATABASE_URL: target.toString(), LIANJIAN_DATA_DIR: 'memory://' }));
  const pool = new pg.Pool({ connectionString: target.toString(), max: 1 });
  let closed = false;
  let poolEnded = false;
  try {
    const { db } = platform.deps;
    const now = new Date('2026-03-20T08:00:00+08:00');
    const t0 = performance.now();
    const departmentIds = Object.keys(city.departmentNames).map(Number);
    await db
      .insertInto('departments')
      .values(
        departmentIds.map((d) => ({
          id: d,
          name: city.departmentNames[d]!,
          code: `11371100MB${String(d).padStart(7, '0')}X`,
          kind: '行业主管' as const,
          division_code: '371100',
          status: 'active' as const,
        })),
      )
      .execute();
    await sql`SELECT setval('departments_id_seq', (SELECT max(id) FROM departments))`.execute(db);
    const user = await db
      .insertInto('users')
      .values({
        username: 'bench_lianxi',
        name: '基准测试',
        id_card_masked: '3711**********0000',
        phone: '13800000000',
        department_id: departmentIds[0]!,
        password_hash: 'x',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const client = await pool.connect();
    const stamp = now.toISOString();
    await copyRows(
      client,
      'COPY subjects (id, uscc, name, name_bigrams, kind, division_code, industry_codes, status, credit_class, created_at, updated_at) FROM STDIN',
      (function* () {
        const register = city.registers.register;
        for (let i = 0; i < register.count; i += 1) {
          const r = subjectAt(register, i);
          yield `${r.id}\t${r.uscc}\t主体${r.id}\t{}\t${r.kind}\t${r.divisionCode}\t${arrayLiteral(r.industryCodes)}\t${r.status}\t${r.creditClass ?? '\\N'}\t${stamp}\t${stamp}\n`;
        }
      })(),
    );
    await copyRows(
      client,
      'COPY inspectors (id, name, id_card_masked, phone, department_id, certificate_no, certificate_issued_on, certificate_valid_until, fields, status, capacity_per_month, created_at, updated_at) FROM STDIN',
      (function* () {
        for (const i of city.inspectors) {
          yield `${i.id}\t人员${i.id}\t3711**********0000\t13800000000\t${i.departmentId}\tZF${String(i.id).padStart(8, '0')}\t${i.certificateIssuedOn}\t${i.certificateValidUntil}\t${arrayLiteral(i.fields)}\t${i.active ? '在岗' : '停用'}\t${Math.ceil(i.capacity / 3)}\t${stamp}\t${stamp}\n`;
        }
      })(),
    );
    client.release();
    const { usccs, ids } = city.registers.register;
    const subjectOf = new Map(usccs.map((uscc, i) => [uscc, ids[i]!]));
    const conflicts = city.inspectors.flatMap((i) =>
      i.conflicts.map((u) => ({ inspector_id: i.id, subject_id: subjectOf.get(u)! })),
    );
    if (conflicts.length)
      await sql`INSERT INTO inspector_conflicts (inspector_id, subject_id, reason, declared_on) SELECT x.i, x.s, '亲属关系', '2026-01-05'::date FROM unnest(${conflicts.map((c) => c.inspector_id)}::int[], ${conflicts.map((c) => c.subject_id)}::bigint[]) AS x(i, s)`.execute(
        db,
      );
    const items = await db
      .insertInto('sampling_items')
      .values(
        city.registers.items.map((item) => ({
          code: item.code,
          name: `抽查事项${item.code}`,
          department_id: item.departmentId,
          basis: '基准测试',
          scope: JSON.stringify(item.scope),
          method: '现场检查',
          ratios: JSON.stringify(item.ratios),
          frequency: '每年一次' as const,
          inspector_requirements: JSON.stringify({ fields: item.fields, minInspectors: item.minInspectors }),
          published: true,
          published_at: now,
          status: '有效' as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    await sql`ANALYZE`.execute(db);
    console.log(
      `\n== 服务路径（PostgreSQL 真实表）：载入合成城市 ${s(performance.now() - t0)}，${city.registers.register.count.toLocaleString()} 户，${items.length} 个已公布抽查事项，${city.inspectors.length.toLocaleString()} 名执法人员 ==`,
    );

    await platform.close();
    closed = true;
    const settings = {
      url: target.toString(),
      userId: user.id,
      departmentId: departmentIds[0]!,
      departmentName: city.departmentNames[departmentIds[0]!]!,
      itemIds: items.map((i) => i.id),
    };
    if (keep) {
      // For working on the round: the loaded city kept as a template database, the child's settings in a file.
      await pool.end();
      poolEnded = true;
      await admin.query(`DROP DATABASE IF EXISTS lianjian_bench_city`);
      await admin.query(`CREATE DATABASE lianjian_bench_city TEMPLATE ${name}`);
      writeFileSync(keep, JSON.stringify({ ...settings, template: 'lianjian_bench_city' }));
      console.log(`（已保留载入后的数据库 lianjian_bench_city，本轮设置写入 ${keep}）`);
    }
    // The round in a process of its own, so the synthetic city held here does not count in its memory.
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=8192',
        '--import',
        'tsx',
        join(dirname(fileURLToPath(import.meta.url)), 'bench-draw-round.ts'),
      ],
      {
        input: JSON.stringify(settings),
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'inherit'],
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) throw new Error(`bench-draw-round exited with ${child.status}`);
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as RoundFigures;
    const phases = (t: Record<string, number>) =>
      Object.entries(t)
        .map(([k, v]) => `${phaseNames[k] ?? k} ${s(v)}`)
        .join('，');
    console.log(`承诺 ${s(out.commitMs)}：${phases(out.commitPhases)}`);
    console.log(
      `抽取 ${s(out.drawMs)}：${phases(out.drawPhases)}（写入 ${out.persistedTasks.toLocaleString()} 个检查任务）`,
    );
    console.log(
      '  引擎各阶段：' +
        Object.entries(out.engine)
          .map(([k, v]) => `${k} ${s(v)}`)
          .join('，') +
        '（assignment 含配齐一个写一个任务行的时间）',
    );
    console.log(
      `完整一轮 ${s(out.commitMs + out.drawMs)}；本轮进程峰值 RSS ${Math.round(out.peakRss / 1e6)} MB（进程启动并打开平台后 ${Math.round(out.startRss / 1e6)} MB）；快照 ${Math.round(out.snapshotBytes / 1e6)} MB，记录 ${Math.round(out.recordBytes / 1e6)} MB`,
    );
    console.log(
      `入户 ${out.distinctVisits.toLocaleString()}（下界 ${Math.round(out.lowerBound).toLocaleString()}），任务 ${out.tasks.toLocaleString()}，未配齐 ${out.unstaffed.toLocaleString()}`,
    );
    return out;
  } finally {
    if (!poolEnded) await pool.end();
    if (!closed) await platform.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}
