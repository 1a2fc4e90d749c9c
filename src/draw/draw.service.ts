import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { loadFrameRegisters, loadRoundInspectors, loadRoundItems } from './draw-inputs.repository';
import { packBundle, packSnapshot, unpackBundle, unpackSnapshot } from './draw-snapshot';
import type { DrawRunInput, RoundCommitInput } from './draw.schemas';
import { sealDraw } from './engine/bundle';
import { buildCommitment, commitmentHash } from './engine/commitment';
import { buildFrames } from './engine/frame';
import type { FrameParams } from './engine/types';
import { verifyBundle } from './engine/verify';
import { drawSigner } from './platform-key';

/** Risk multipliers and visit cap the platform applies (DRAW.md Inputs; seed 000 art. 6 and 19). */
export const frameParams: FrameParams = { riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 }, unclassifiedAs: 'B', routineVisitCap: 2 };

async function nextNumber(deps: AppDeps, table: 'draw_rounds' | 'draw_records', prefix: string): Promise<string> {
  const column = table === 'draw_rounds' ? 'round_no' : 'record_no';
  const { count } = await deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).where(column, 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return `${prefix}${String(Number(count) + 1).padStart(4, '0')}`;
}

/**
 * Commit a round (DRAW.md, Verifiability 1): freeze its frames and inspectors, publish the
 * Merkle root, the inspector digest, the parameters and the declared entropy source, before
 * any randomness exists.
 */
export async function commitRound(deps: AppDeps, actor: Actor | null, input: RoundCommitInput) {
  requirePermission(actor, 'draw:round:write');
  const items = await loadRoundItems(deps.db, input.samplingItemIds, input.design);
  const missing = input.samplingItemIds.filter((id) => !items.some((i) => i.id === id));
  if (missing.length) throw new AppError('VALIDATION', `随机抽查事项 ${missing.join('、')} 不存在`, [{ field: 'samplingItemIds', message: '事项不存在' }]);
  const states = await deps.db.selectFrom('sampling_items').select(['id', 'code', 'published', 'status']).where('id', 'in', input.samplingItemIds).execute();
  const unusable = states.filter((s) => !s.published || s.status !== '有效');
  if (unusable.length) {
    throw new AppError('VALIDATION', `只有已公布且有效的随机抽查事项才能参加抽取：${unusable.map((s) => s.code).join('、')} 不符合`, [{ field: 'samplingItemIds', message: '含未公布或已停用的事项' }]);
  }
  for (const item of items) requireDepartmentScope(actor, 'draw:round:write', item.departmentId);
  const departmentIds = [...new Set(items.map((i) => i.departmentId))];
  const frames = buildFrames(await loadFrameRegisters(deps.db, items), frameParams);
  const inspectors = await loadRoundInspectors(deps.db, departmentIds, input.window);
  const departments = await deps.db.selectFrom('departments').select(['id', 'name']).where('id', 'in', departmentIds).execute();
  const departmentNames = Object.fromEntries(departments.map((d) => [d.id, d.name]));
  const now = deps.clock.now();
  const round = { year: input.year, roundIndex: input.roundIndex, roundsInYear: input.roundsInYear, window: input.window, hash: input.hash };
  const commitment = buildCommitment(round, frames, inspectors, input.entropy, now.toISOString());
  const hash = commitmentHash(commitment);
  const snapshot = packSnapshot({ frames, inspectors, departmentNames, itemNames: Object.fromEntries(items.map((i) => [i.code, i.name])) });
  const roundNo = await nextNumber(deps, 'draw_rounds', `CQ${input.year}-`);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('draw_rounds')
      .values({
        round_no: roundNo, title: input.title, year: input.year, round_index: input.roundIndex, rounds_in_year: input.roundsInYear,
        window_from: input.window.from, window_to: input.window.to, sampling_item_ids: input.samplingItemIds, design: input.design,
        commitment: JSON.stringify(commitment), commitment_hash: hash, frame_snapshot: snapshot, created_by: actor.userId, created_at: now,
      })
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'draw.commit', entityType: 'draw_round', entityId: roundNo,
      summary: `承诺抽取“${input.title}”：${items.length} 个抽查事项，框架 ${frames.usccs.length} 户，默克尔根 ${commitment.frameRoot.slice(0, 16)}…`,
      after: { roundNo, commitmentHash: hash, frameRoot: commitment.frameRoot, entropy: input.entropy },
    });
  });
  return getRound(deps, actor, roundNo);
}

async function roundRow(deps: AppDeps, roundNo: string) {
  const row = await deps.db.selectFrom('draw_rounds').selectAll().where('round_no', '=', roundNo).executeTakeFirst();
  if (!row) throw notFound(`抽取轮次 ${roundNo} `);
  return row;
}

async function recordsOf(deps: AppDeps, roundId: number) {
  return deps.db
    .selectFrom('draw_records as r')
    .leftJoin('draw_records as o', 'o.id', 'r.redraw_of')
    .select(['r.record_no', 'r.seed', 'r.record_digest', 'r.redraw_reason', 'o.record_no as redraw_of', 'r.created_at', 'r.measures'])
    .where('r.round_id', '=', roundId)
    .orderBy('r.id')
    .execute();
}

/** A round with its commitment and every record (earlier ones stay visible after a redraw). */
export async function publicRound(deps: AppDeps, roundNo: string) {
  const row = await roundRow(deps, roundNo);
  const records = await recordsOf(deps, row.id);
  return {
    roundNo: row.round_no, title: row.title, year: row.year, window: { from: row.window_from, to: row.window_to }, design: row.design,
    commitment: row.commitment, commitmentHash: row.commitment_hash, committedAt: row.created_at.toISOString(),
    records: records.map((r, n) => ({
      recordNo: r.record_no, seed: r.seed, recordDigest: r.record_digest, redrawOf: r.redraw_of, redrawReason: r.redraw_reason, drawnAt: r.created_at.toISOString(),
      current: n === records.length - 1,
      summary: { frameSubjects: r.measures.frameSubjects, distinctVisits: r.measures.distinctVisits, tasks: r.measures.tasks, unstaffed: r.measures.unstaffed },
    })),
  };
}

export async function getRound(deps: AppDeps, actor: Actor | null, roundNo: string) {
  requirePermission(actor, 'draw:round:read');
  return publicRound(deps, roundNo);
}

export async function listRounds(deps: AppDeps, actor: Actor | null) {
  requirePermission(actor, 'draw:round:read');
  const rows = await deps.db.selectFrom('draw_rounds').select(['round_no', 'title', 'year', 'window_from', 'window_to', 'created_at']).orderBy('id', 'desc').limit(200).execute();
  return rows.map((r) => ({ roundNo: r.round_no, title: r.title, year: r.year, window: { from: r.window_from, to: r.window_to }, committedAt: r.created_at.toISOString() }));
}

/**
 * Enter the entropy and draw (DRAW.md, Verifiability 2–3). The record is sealed, signed and
 * immutable; a round that already has a record is drawn again only with a stated reason, as a
 * new record, the earlier one staying visible.
 */
export async function runRoundDraw(deps: AppDeps, actor: Actor | null, roundNo: string, input: DrawRunInput) {
  requirePermission(actor, 'draw:round:write');
  const row = await roundRow(deps, roundNo);
  const snapshot = unpackSnapshot(row.frame_snapshot);
  for (const departmentId of new Set(snapshot.frames.items.map((i) => i.departmentId))) requireDepartmentScope(actor, 'draw:round:write', departmentId);
  const earlier = await deps.db.selectFrom('draw_records').select(['id', 'record_no']).where('round_id', '=', row.id).orderBy('id', 'desc').executeTakeFirst();
  if (earlier && !input.redrawReason) {
    throw new AppError('CONFLICT', `本轮已于记录 ${earlier.record_no} 抽取；重新抽取须说明理由，原记录将保留并公开`, [{ field: 'redrawReason', message: '请说明重新抽取的理由' }]);
  }
  if (!earlier && input.redrawReason) throw new AppError('VALIDATION', '本轮尚未抽取，不是重新抽取，无需填写理由', [{ field: 'redrawReason', message: '首次抽取不填理由' }]);
  const now = deps.clock.now();
  const recordNo = await nextNumber(deps, 'draw_records', `${roundNo}-`);
  const signer = await drawSigner(deps.db, now);
  const sealed = sealDraw(
    { recordNo, redraw: earlier ? { of: earlier.record_no, reason: input.redrawReason! } : null, commitment: row.commitment, reveal: input.reveal, frames: snapshot.frames, inspectors: snapshot.inspectors, departmentNames: snapshot.departmentNames },
    signer.sign,
  );
  if ('problem' in sealed) throw new AppError('VALIDATION', sealed.problem, [{ field: 'reveal', message: sealed.problem }]);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('draw_records')
      .values({
        record_no: recordNo, round_id: row.id, redraw_of: earlier?.id ?? null, redraw_reason: earlier ? input.redrawReason : null, seed: sealed.seed,
        record_digest: sealed.recordDigest, measures: JSON.stringify(sealed.result.measures), bundle: packBundle(sealed), created_by: actor.userId, created_at: now,
      })
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: earlier ? 'draw.redraw' : 'draw.run', entityType: 'draw_record', entityId: recordNo,
      summary: `${earlier ? `重新抽取（原记录 ${earlier.record_no}，理由：${input.redrawReason}）` : '执行抽取'}“${row.title}”：抽中 ${sealed.result.measures.distinctVisits} 户，${sealed.result.measures.tasks} 个检查任务，${sealed.result.measures.unstaffed} 个无法配齐人员`,
      after: { recordNo, seed: sealed.seed, recordDigest: sealed.recordDigest },
    });
  });
  return recordView(deps, recordNo);
}

async function recordRow(deps: AppDeps, recordNo: string) {
  const row = await deps.db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select(['r.id', 'r.record_no', 'r.seed', 'r.record_digest', 'r.measures', 'r.bundle', 'r.redraw_reason', 'r.created_at', 'd.round_no', 'd.title', 'd.frame_snapshot'])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();
  if (!row) throw notFound(`抽取记录 ${recordNo} `);
  return row;
}

async function recordView(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  const bundle = unpackBundle(row.bundle);
  const itemNames = unpackSnapshot(row.frame_snapshot).itemNames;
  return {
    recordNo: row.record_no, roundNo: row.round_no, title: row.title, seed: row.seed, recordDigest: row.record_digest, redrawReason: row.redraw_reason,
    drawnAt: row.created_at.toISOString(), measures: row.measures, signature: bundle.signature,
    tasks: bundle.result.tasks.map((t) => ({ ...t, itemNames: t.itemCodes.map((c) => itemNames[c] ?? c), departments: t.departmentIds.map((d) => bundle.departmentNames[d] ?? String(d)) })),
    unstaffed: bundle.result.unstaffed,
  };
}

export async function getRecord(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  return recordView(deps, recordNo);
}

/** The auditors' bundle: everything needed to recompute the draw, as stored and signed. */
export async function recordBundle(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  return unpackBundle((await recordRow(deps, recordNo)).bundle);
}

/** Recompute a stored record (the public verification page). */
export async function verifyRecord(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  const outcome = verifyBundle(unpackBundle(row.bundle));
  return { recordNo, ...(outcome.identical ? { identical: true as const, difference: null } : { identical: false as const, difference: outcome.difference }) };
}
