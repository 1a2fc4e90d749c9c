import { loadSupervisionRules } from '../settings/visit-rules-setting';
import type { Db } from '../db/database';
import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { loadFrameRegisters, loadRoundInspectors, loadRoundItems } from './draw-inputs.repository';
import { packRecord, packSnapshot } from './draw-snapshot';
import type { DrawRunInput, RoundCommitInput } from './draw.schemas';
import { sealDrawStreaming } from './engine/bundle';
import { buildCommitment, commitmentHash } from './engine/commitment';
import { buildFrames, exclusionReasons } from './engine/frame';
import type { FrameParams, Frames, RoundItem } from './engine/types';
import { drawSigner } from './platform-key';
import { deferDrawRecordCheck, drawTaskWriter, tasksUnderWay } from '../tasks/drawn-task-lookup.service';
import { transitionRecordTasks } from '../tasks/task-transition';
import { proposeMatches } from '../registrations/visit-matching.service';
import { stopwatch } from './stopwatch';
import { CURRENT_TREE_ARITY } from './engine/algorithm';
import { frameRootInThreads } from './engine/merkle-threads';
import { bulkTransaction } from '../db/bulk-copy';
import { currentCreditRun } from '../credit-evaluation/credit-run-current';
import {
  countNumbered,
  insertRound,
  listDepartmentNames,
  listSamplingItemStates,
  lockRoundCommitments,
} from './draw-round.repository';
import { requireEntropyOpen, requireTimelyCommitment, resolveRoundNumber } from './draw-guardrails';
import { findLatestRecord, insertRecord, listRegisteredSubjects, reserveRecordId } from './draw-record.repository';
import { getRound, presentSeal, roundRow, roundSnapshot } from './draw-record.service';
import { undisturbedSubjectIds } from '../credit-measures/measure-effects';
import { chinaDate } from '../shared/china-date';

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

async function nextNumber(db: Db, table: 'draw_rounds' | 'draw_records', prefix: string): Promise<string> {
  return `${prefix}${String((await countNumbered(db, table, prefix)) + 1).padStart(4, '0')}`;
}

/**
 * The round's frames from the registers. The registers (a million subject objects in a city) are held only here, so
 * they are garbage once the frames exist, not through the commitment that follows.
 */
async function roundFrames(
  deps: AppDeps,
  items: RoundItem[],
  year: number,
  now: Date,
  lap: (phase: string) => unknown,
): Promise<Frames> {
  const registers = await loadFrameRegisters(deps.db, items, year);
  // 联合激励 whose measure grants 无事不扰 (src/credit-measures): left out of proactive draws while the case is in force.
  for (const subjectId of await undisturbedSubjectIds(deps.db, chinaDate(now)))
    registers.exclusions.push({ subjectId, itemId: null, reason: exclusionReasons.rewarded });
  lap('registers');
  const frames = buildFrames(registers, await frameParamsOf(deps.db));
  lap('frames');
  return frames;
}

/**
 * Commit a round (docs/draw.md, 确切定义): freeze its frames and inspectors, publish the
 * Merkle root, the inspector digest, the parameters and the declared entropy source, before
 * any randomness exists. Refused for a window already past, a lottery already drawn and a
 * round number already committed (src/draw/draw-guardrails.ts).
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
  const states = await listSamplingItemStates(deps.db, input.samplingItemIds);
  const unusable = states.filter((s) => !s.published || s.status !== '有效');
  if (unusable.length) {
    throw new AppError(
      'VALIDATION',
      `只有已公布且有效的随机抽查事项才能参加抽取：${unusable.map((s) => s.code).join('、')} 不符合`,
      [{ field: 'samplingItemIds', message: '含未公布或已停用的事项' }],
    );
  }
  for (const item of items) requireDepartmentScope(actor, 'draw:round:write', item.departmentId);
  const now = deps.clock.now();
  requireTimelyCommitment(input, now);
  const numbered = await resolveRoundNumber(deps.db, input);
  const departmentIds = [...new Set(items.map((i) => i.departmentId))];
  const frames = await roundFrames(deps, items, input.year, now, lap);
  const round = {
    year: input.year,
    roundIndex: numbered.roundIndex,
    roundsInYear: numbered.roundsInYear,
    window: input.window,
    hash: input.hash,
  };
  // The Merkle root is hashed in worker threads while the inspectors are read and the snapshot is packed here (its
  // compression in the thread pool).
  const rooting = frameRootInThreads(round.hash, frames, CURRENT_TREE_ARITY);
  rooting.catch(() => undefined); // awaited below; never an unhandled rejection if reading or packing fails first
  const inspectors = await loadRoundInspectors(deps.db, departmentIds, input.window);
  const departments = await listDepartmentNames(deps.db, departmentIds);
  const departmentNames = Object.fromEntries(departments.map((d) => [d.id, d.name]));
  const packing = packSnapshot({
    frames,
    inspectors,
    departmentNames,
    itemNames: Object.fromEntries(items.map((i) => [i.code, i.name])),
  });
  packing.catch(() => undefined); // awaited below; never an unhandled rejection if the commitment fails first
  const run = await currentCreditRun(deps.db);
  const creditRun = run ? { runNo: run.run_no, resultsDigest: run.results_digest } : null;
  const root = await rooting;
  const commitment = buildCommitment(round, frames, inspectors, input.entropy, now.toISOString(), creditRun, root);
  lap('commitment');
  const hash = commitmentHash(commitment);
  const snapshot = await packing;
  lap('snapshot');
  const roundNo = await deps.db.transaction().execute(async (trx) => {
    // Under the lock, nobody else commits: the number checked above is still free (or the commitment is refused).
    await lockRoundCommitments(trx);
    await resolveRoundNumber(trx, { ...input, ...numbered });
    const roundNo = await nextNumber(trx, 'draw_rounds', `CQ${input.year}-`);
    await insertRound(trx, {
      round_no: roundNo,
      title: input.title,
      year: input.year,
      round_index: numbered.roundIndex,
      rounds_in_year: numbered.roundsInYear,
      window_from: input.window.from,
      window_to: input.window.to,
      sampling_item_ids: input.samplingItemIds,
      design: input.design,
      commitment: JSON.stringify(commitment),
      commitment_hash: hash,
      frame_snapshot: snapshot,
      created_by: actor.userId,
      created_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'draw.commit',
      entityType: 'draw_round',
      entityId: roundNo,
      summary: `承诺抽取“${input.title}”（${input.year} 年第 ${numbered.roundIndex} 轮，共 ${numbered.roundsInYear} 轮）：${items.length} 个抽查事项，框架 ${frames.usccs.length} 户，默克尔根 ${commitment.frameRoot.slice(0, 16)}…`,
      after: { roundNo, commitmentHash: hash, frameRoot: commitment.frameRoot, entropy: input.entropy },
    });
    return roundNo;
  });
  const timings = lap('persist').all;
  return { ...(await getRound(deps, actor, roundNo)), serviceTimingsMs: timings };
}

/**
 * Enter the entropy and draw (docs/draw.md, 确切定义), not before the declared lottery's draw
 * time (src/draw/draw-guardrails.ts). The record is sealed, signed and
 * immutable; a round that already has a record is drawn again only with a stated reason, as a
 * new record, the earlier one staying visible.
 */
export async function runRoundDraw(deps: AppDeps, actor: Actor | null, roundNo: string, input: DrawRunInput) {
  requirePermission(actor, 'draw:round:write');
  const lap = stopwatch();
  const row = await roundRow(deps, roundNo);
  const now = deps.clock.now();
  const snapshot = await roundSnapshot(deps, row.id);
  lap('load');
  for (const departmentId of new Set(snapshot.frames.items.map((i) => i.departmentId)))
    requireDepartmentScope(actor, 'draw:round:write', departmentId);
  requireEntropyOpen(row.commitment, now);
  const earlier = await findLatestRecord(deps.db, row.id);
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
  const recordNo = await nextNumber(deps.db, 'draw_records', `${roundNo}-`);
  const signer = await drawSigner(deps.db, now);
  const items = new Map(
    snapshot.frames.items.map((i) => [
      i.code,
      { departmentId: i.departmentId, name: snapshot.itemNames[i.code] ?? i.code },
    ]),
  );
  // The tasks are written with COPY as the draw staffs them, the database parsing and storing them on the other core
  // while the draw goes on; then the record's bundle is packed (gzip in the thread pool) while the last tasks are
  // written; the record follows under the id reserved for it, in the same transaction, its tasks' reference to it
  // checked at commit (src/tasks/task-persist.repository.ts).
  const sealed = await bulkTransaction(deps.db, async (trx, copy) => {
    const recordId = await reserveRecordId(trx);
    await deferDrawRecordCheck(trx);
    const writer = drawTaskWriter(copy, {
      recordId,
      recordNo,
      window: { from: row.window_from, to: row.window_to },
      items,
      inspectors: snapshot.inspectors,
      now,
    });
    let sealed: Awaited<ReturnType<typeof sealDrawStreaming>>;
    try {
      sealed = await sealDrawStreaming(
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
        ({ index, task, reason }) => writer.add(index, task, reason),
      );
    } catch (error) {
      writer.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    if ('problem' in sealed) {
      writer.abort(new Error(sealed.problem));
      throw new AppError('VALIDATION', sealed.problem, [{ field: 'reveal', message: sealed.problem }]);
    }
    lap('draw');
    const packing = packRecord(sealed, snapshot.itemNames);
    packing.catch(() => undefined); // awaited below; never an unhandled rejection if the tasks' COPY fails first
    await writer.finish();
    const bundle = await packing;
    await insertRecord(trx, {
      id: recordId,
      record_no: recordNo,
      round_id: row.id,
      redraw_of: earlier?.id ?? null,
      redraw_reason: earlier ? input.redrawReason : null,
      seed: sealed.seed,
      record_digest: sealed.recordDigest,
      measures: JSON.stringify(sealed.result.measures),
      bundle,
      reveal: JSON.stringify(input.reveal),
      created_by: actor.userId,
      created_at: now,
    });
    if (earlier)
      await transitionRecordTasks(
        { trx, deps, now, who: auditSubjectOf(actor) },
        earlier.id,
        earlier.record_no,
        'void',
      );
    // Departments that registered visits in advance meet the drawn tasks at once (提前登记、自动匹配).
    const drawn = new Set(sealed.result.tasks.map((t) => t.subjectId));
    const meeting = (await listRegisteredSubjects(trx, row.year)).filter((id) => drawn.has(id));
    if (meeting.length) await proposeMatches({ trx, deps, now, who: auditSubjectOf(actor) }, row.year, meeting);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: earlier ? 'draw.redraw' : 'draw.run',
      entityType: 'draw_record',
      entityId: recordNo,
      summary: `${earlier ? `重新抽取（原记录 ${earlier.record_no}，理由：${input.redrawReason}）` : '执行抽取'}“${row.title}”：抽中 ${sealed.result.measures.distinctVisits} 户，${sealed.result.measures.tasks} 个检查任务，${sealed.result.measures.unstaffed} 个无法配齐人员`,
      after: { recordNo, seed: sealed.seed, recordDigest: sealed.recordDigest },
    });
    return sealed;
  });
  const persistMs = lap('persistAndPack');
  return {
    ...presentSeal(
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
      sealed.signature,
    ),
    /** Where this request's time went (ms): reading the snapshot, the draw and sealing (its tasks written meanwhile), the last tasks while the record is packed, then the record. */
    serviceTimingsMs: persistMs.all,
  };
}
