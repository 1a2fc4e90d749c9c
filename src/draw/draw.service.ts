import { loadSupervisionRules } from '../settings/visit-rules-setting';
import type { Db } from '../db/database';
import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { loadFrameRegisters, loadRoundInspectors, loadRoundItems } from './draw-inputs.repository';
import {
  packRecord,
  packSnapshot,
  type StoredRecord,
  unpackBundle,
  unpackRecord,
  unpackSnapshot,
} from './draw-snapshot';
import type { DrawRunInput, RoundCommitInput } from './draw.schemas';
import { sealDraw } from './engine/bundle';
import { buildCommitment, commitmentHash } from './engine/commitment';
import { buildFrames } from './engine/frame';
import type { FrameParams } from './engine/types';
import { verifyBundle } from './engine/verify';
import { drawSigner } from './platform-key';
import { insertDrawTasks, tasksUnderWay } from '../tasks/drawn-task-lookup.service';
import { transitionRecordTasks } from '../tasks/task-transition';
import { proposeMatches } from '../registrations/visit-matching.service';

/** Elapsed milliseconds per named phase; each call closes the phase that ran since the previous one. */
function stopwatch(): (phase: string) => { ms: number; all: Record<string, number> } {
  const all: Record<string, number> = {};
  let mark = performance.now();
  return (phase) => {
    const now = performance.now();
    all[phase] = Math.round(now - mark);
    mark = now;
    return { ms: all[phase], all };
  };
}

/** Risk multipliers and visit cap the platform applies (docs/draw.md, 确切定义; 《黄浦区精准高效协同监管实施办法（试行）》第六条和第十九条). */
/** The frame parameters of a round: fixed risk multipliers, and the district's routine-visit cap (src/settings/visit-rules-setting.ts). */
export async function frameParamsOf(db: Db): Promise<FrameParams> {
  const rules = await loadSupervisionRules(db);
  return {
    riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 },
    unclassifiedAs: 'B',
    routineVisitCap: rules.routineVisitCap,
  };
}

async function nextNumber(deps: AppDeps, table: 'draw_rounds' | 'draw_records', prefix: string): Promise<string> {
  const column = table === 'draw_rounds' ? 'round_no' : 'record_no';
  const { count } = await deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(column, 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(Number(count) + 1).padStart(4, '0')}`;
}

/**
 * Commit a round (docs/draw.md, 确切定义): freeze its frames and inspectors, publish the
 * Merkle root, the inspector digest, the parameters and the declared entropy source, before
 * any randomness exists.
 */
export async function commitRound(deps: AppDeps, actor: Actor | null, input: RoundCommitInput) {
  requirePermission(actor, 'draw:round:write');
  const lap = stopwatch();
  const items = await loadRoundItems(deps.db, input.samplingItemIds, input.design);
  const missing = input.samplingItemIds.filter((id) => !items.some((i) => i.id === id));
  if (missing.length)
    throw new AppError('VALIDATION', `随机抽查事项 ${missing.join('、')} 不存在`, [
      { field: 'samplingItemIds', message: '事项不存在' },
    ]);
  const states = await deps.db
    .selectFrom('sampling_items')
    .select(['id', 'code', 'published', 'status'])
    .where('id', 'in', input.samplingItemIds)
    .execute();
  const unusable = states.filter((s) => !s.published || s.status !== '有效');
  if (unusable.length) {
    throw new AppError(
      'VALIDATION',
      `只有已公布且有效的随机抽查事项才能参加抽取：${unusable.map((s) => s.code).join('、')} 不符合`,
      [{ field: 'samplingItemIds', message: '含未公布或已停用的事项' }],
    );
  }
  for (const item of items) requireDepartmentScope(actor, 'draw:round:write', item.departmentId);
  const departmentIds = [...new Set(items.map((i) => i.departmentId))];
  const registers = await loadFrameRegisters(deps.db, items, input.year);
  lap('registers');
  const frames = buildFrames(registers, await frameParamsOf(deps.db));
  lap('frames');
  const inspectors = await loadRoundInspectors(deps.db, departmentIds, input.window);
  const departments = await deps.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', 'in', departmentIds)
    .execute();
  const departmentNames = Object.fromEntries(departments.map((d) => [d.id, d.name]));
  const now = deps.clock.now();
  const round = {
    year: input.year,
    roundIndex: input.roundIndex,
    roundsInYear: input.roundsInYear,
    window: input.window,
    hash: input.hash,
  };
  const commitment = buildCommitment(round, frames, inspectors, input.entropy, now.toISOString());
  lap('commitment');
  const hash = commitmentHash(commitment);
  const snapshot = packSnapshot({
    frames,
    inspectors,
    departmentNames,
    itemNames: Object.fromEntries(items.map((i) => [i.code, i.name])),
  });
  lap('snapshot');
  const roundNo = await nextNumber(deps, 'draw_rounds', `CQ${input.year}-`);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('draw_rounds')
      .values({
        round_no: roundNo,
        title: input.title,
        year: input.year,
        round_index: input.roundIndex,
        rounds_in_year: input.roundsInYear,
        window_from: input.window.from,
        window_to: input.window.to,
        sampling_item_ids: input.samplingItemIds,
        design: input.design,
        commitment: JSON.stringify(commitment),
        commitment_hash: hash,
        frame_snapshot: snapshot,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'draw.commit',
      entityType: 'draw_round',
      entityId: roundNo,
      summary: `承诺抽取“${input.title}”：${items.length} 个抽查事项，框架 ${frames.usccs.length} 户，默克尔根 ${commitment.frameRoot.slice(0, 16)}…`,
      after: { roundNo, commitmentHash: hash, frameRoot: commitment.frameRoot, entropy: input.entropy },
    });
  });
  const timings = lap('persist').all;
  return { ...(await getRound(deps, actor, roundNo)), serviceTimingsMs: timings };
}

/** A round without its frame snapshot (tens of megabytes for a large city: read only to draw). */
async function roundRow(deps: AppDeps, roundNo: string) {
  const row = await deps.db
    .selectFrom('draw_rounds')
    .select([
      'id',
      'round_no',
      'title',
      'year',
      'round_index',
      'rounds_in_year',
      'window_from',
      'window_to',
      'sampling_item_ids',
      'design',
      'commitment',
      'commitment_hash',
      'created_by',
      'created_at',
    ])
    .where('round_no', '=', roundNo)
    .executeTakeFirst();
  if (!row) throw notFound(`抽取轮次 ${roundNo} `);
  return row;
}

async function snapshotBlob(deps: AppDeps, roundId: number): Promise<Buffer> {
  return (
    await deps.db.selectFrom('draw_rounds').select('frame_snapshot').where('id', '=', roundId).executeTakeFirstOrThrow()
  ).frame_snapshot;
}

async function roundSnapshot(deps: AppDeps, roundId: number) {
  return unpackSnapshot(await snapshotBlob(deps, roundId));
}

async function recordsOf(deps: AppDeps, roundId: number) {
  return deps.db
    .selectFrom('draw_records as r')
    .leftJoin('draw_records as o', 'o.id', 'r.redraw_of')
    .select([
      'r.record_no',
      'r.seed',
      'r.record_digest',
      'r.redraw_reason',
      'o.record_no as redraw_of',
      'r.created_at',
      'r.measures',
    ])
    .where('r.round_id', '=', roundId)
    .orderBy('r.id')
    .execute();
}

/** A round with its commitment and every record (earlier ones stay visible after a redraw). */
export async function publicRound(deps: AppDeps, roundNo: string) {
  const row = await roundRow(deps, roundNo);
  const records = await recordsOf(deps, row.id);
  return {
    roundNo: row.round_no,
    title: row.title,
    year: row.year,
    window: { from: row.window_from, to: row.window_to },
    design: row.design,
    commitment: row.commitment,
    commitmentHash: row.commitment_hash,
    committedAt: row.created_at.toISOString(),
    records: records.map((r, n) => ({
      recordNo: r.record_no,
      seed: r.seed,
      recordDigest: r.record_digest,
      redrawOf: r.redraw_of,
      redrawReason: r.redraw_reason,
      drawnAt: r.created_at.toISOString(),
      current: n === records.length - 1,
      summary: {
        frameSubjects: r.measures.frameSubjects,
        distinctVisits: r.measures.distinctVisits,
        tasks: r.measures.tasks,
        unstaffed: r.measures.unstaffed,
      },
    })),
  };
}

export async function getRound(deps: AppDeps, actor: Actor | null, roundNo: string) {
  requirePermission(actor, 'draw:round:read');
  return publicRound(deps, roundNo);
}

export async function listRounds(deps: AppDeps, actor: Actor | null) {
  requirePermission(actor, 'draw:round:read');
  const rows = await deps.db
    .selectFrom('draw_rounds')
    .select(['round_no', 'title', 'year', 'window_from', 'window_to', 'created_at'])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    roundNo: r.round_no,
    title: r.title,
    year: r.year,
    window: { from: r.window_from, to: r.window_to },
    committedAt: r.created_at.toISOString(),
  }));
}

/**
 * Enter the entropy and draw (docs/draw.md, 确切定义). The record is sealed, signed and
 * immutable; a round that already has a record is drawn again only with a stated reason, as a
 * new record, the earlier one staying visible.
 */
export async function runRoundDraw(deps: AppDeps, actor: Actor | null, roundNo: string, input: DrawRunInput) {
  requirePermission(actor, 'draw:round:write');
  const lap = stopwatch();
  const row = await roundRow(deps, roundNo);
  const snapshot = await roundSnapshot(deps, row.id);
  lap('load');
  for (const departmentId of new Set(snapshot.frames.items.map((i) => i.departmentId)))
    requireDepartmentScope(actor, 'draw:round:write', departmentId);
  const earlier = await deps.db
    .selectFrom('draw_records')
    .select(['id', 'record_no'])
    .where('round_id', '=', row.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (earlier && !input.redrawReason) {
    throw new AppError('CONFLICT', `本轮已于记录 ${earlier.record_no} 抽取；重新抽取须说明理由，原记录将保留并公开`, [
      { field: 'redrawReason', message: '请说明重新抽取的理由' },
    ]);
  }
  if (!earlier && input.redrawReason)
    throw new AppError('VALIDATION', '本轮尚未抽取，不是重新抽取，无需填写理由', [
      { field: 'redrawReason', message: '首次抽取不填理由' },
    ]);
  const underWay = earlier ? await tasksUnderWay(deps.db, earlier.id) : 0;
  if (underWay > 0)
    throw new AppError(
      'CONFLICT',
      `记录 ${earlier!.record_no} 已有 ${underWay} 个检查任务进入排期或实施，不能再重新抽取`,
    );
  const now = deps.clock.now();
  const recordNo = await nextNumber(deps, 'draw_records', `${roundNo}-`);
  const signer = await drawSigner(deps.db, now);
  const sealed = sealDraw(
    {
      recordNo,
      redraw: earlier ? { of: earlier.record_no, reason: input.redrawReason! } : null,
      commitment: row.commitment,
      reveal: input.reveal,
      frames: snapshot.frames,
      inspectors: snapshot.inspectors,
      departmentNames: snapshot.departmentNames,
    },
    signer.sign,
  );
  if ('problem' in sealed)
    throw new AppError('VALIDATION', sealed.problem, [{ field: 'reveal', message: sealed.problem }]);
  lap('draw');
  const items = new Map(
    snapshot.frames.items.map((i) => [
      i.code,
      { departmentId: i.departmentId, name: snapshot.itemNames[i.code] ?? i.code },
    ]),
  );
  await deps.db.transaction().execute(async (trx) => {
    const { id: recordId } = await trx
      .insertInto('draw_records')
      .values({
        record_no: recordNo,
        round_id: row.id,
        redraw_of: earlier?.id ?? null,
        redraw_reason: earlier ? input.redrawReason : null,
        seed: sealed.seed,
        record_digest: sealed.recordDigest,
        measures: JSON.stringify(sealed.result.measures),
        bundle: packRecord(sealed, snapshot.itemNames),
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (earlier)
      await transitionRecordTasks(
        { trx, deps, now, who: auditSubjectOf(actor) },
        earlier.id,
        earlier.record_no,
        'void',
      );
    await insertDrawTasks(trx, {
      recordId,
      recordNo,
      window: { from: row.window_from, to: row.window_to },
      tasks: sealed.result.tasks,
      unstaffed: sealed.result.unstaffed,
      items,
      inspectors: snapshot.inspectors,
      now,
    });
    // Departments that registered visits in advance meet the drawn tasks at once (提前登记、自动匹配).
    const registered = await trx
      .selectFrom('inspection_registrations')
      .select('subject_id')
      .distinct()
      .where('year', '=', row.year)
      .where('status', '=', '有效')
      .execute();
    const drawn = new Set(sealed.result.tasks.map((t) => t.subjectId));
    const meeting = registered.map((r) => r.subject_id).filter((id) => drawn.has(id));
    if (meeting.length) await proposeMatches({ trx, deps, now, who: auditSubjectOf(actor) }, row.year, meeting);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: earlier ? 'draw.redraw' : 'draw.run',
      entityType: 'draw_record',
      entityId: recordNo,
      summary: `${earlier ? `重新抽取（原记录 ${earlier.record_no}，理由：${input.redrawReason}）` : '执行抽取'}“${row.title}”：抽中 ${sealed.result.measures.distinctVisits} 户，${sealed.result.measures.tasks} 个检查任务，${sealed.result.measures.unstaffed} 个无法配齐人员`,
      after: { recordNo, seed: sealed.seed, recordDigest: sealed.recordDigest },
    });
  });
  const persistMs = lap('persist');
  const { frames, inspectors, ...stored } = sealed;
  return {
    ...presentRecord(
      {
        record_no: recordNo,
        round_no: row.round_no,
        title: row.title,
        seed: sealed.seed,
        record_digest: sealed.recordDigest,
        redraw_reason: earlier ? input.redrawReason : null,
        created_at: now,
        measures: sealed.result.measures,
      },
      { ...stored, itemNames: snapshot.itemNames },
    ),
    /** Where this request's time went (ms): reading the snapshot, the draw and sealing, writing record and tasks. */
    serviceTimingsMs: persistMs.all,
  };
}

async function recordRow(deps: AppDeps, recordNo: string) {
  const row = await deps.db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select([
      'r.id',
      'r.record_no',
      'r.seed',
      'r.record_digest',
      'r.measures',
      'r.bundle',
      'r.redraw_reason',
      'r.created_at',
      'r.round_id',
      'd.round_no',
      'd.title',
    ])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();
  if (!row) throw notFound(`抽取记录 ${recordNo} `);
  return row;
}

type RecordRow = Awaited<ReturnType<typeof recordRow>>;

/** A record for its page: measures, signature, tasks with item and department names, unstaffed reasons. */
function presentRecord(
  row: Pick<
    RecordRow,
    'record_no' | 'round_no' | 'title' | 'seed' | 'record_digest' | 'redraw_reason' | 'created_at' | 'measures'
  >,
  stored: StoredRecord,
) {
  const { itemNames, departmentNames } = stored;
  return {
    recordNo: row.record_no,
    roundNo: row.round_no,
    title: row.title,
    seed: row.seed,
    recordDigest: row.record_digest,
    redrawReason: row.redraw_reason,
    drawnAt: row.created_at.toISOString(),
    measures: row.measures,
    signature: stored.signature,
    tasks: stored.result.tasks.map((t) => ({
      ...t,
      itemNames: t.itemCodes.map((c) => itemNames[c] ?? c),
      departments: t.departmentIds.map((d) => departmentNames[d] ?? String(d)),
    })),
    unstaffed: stored.result.unstaffed,
  };
}

async function recordView(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  const stored = unpackRecord(row.bundle);
  // Records sealed before item names were kept with them: the names are in the round's snapshot.
  if (Object.keys(stored.itemNames).length === 0)
    Object.assign(stored, { itemNames: (await roundSnapshot(deps, row.round_id)).itemNames });
  return presentRecord(row, stored);
}

export async function getRecord(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  return recordView(deps, recordNo);
}

/** The auditors' bundle: everything needed to recompute the draw, as stored and signed. */
export async function recordBundle(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  const row = await recordRow(deps, recordNo);
  return unpackBundle(row.bundle, await snapshotBlob(deps, row.round_id));
}

/** Recompute a stored record (the public verification page). */
export async function verifyRecord(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  const outcome = verifyBundle(unpackBundle(row.bundle, await snapshotBlob(deps, row.round_id)));
  return {
    recordNo,
    ...(outcome.identical
      ? { identical: true as const, difference: null }
      : { identical: false as const, difference: outcome.difference }),
  };
}
