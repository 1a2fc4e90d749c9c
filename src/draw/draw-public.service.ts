import { treeArity, unsupportedAlgorithm } from './engine/algorithm';
import { publicExclusionReason } from './engine/frame';
import { PPM } from './engine/inclusion';
import { merkleProof } from './engine/merkle';
import { subjectNumber } from './engine/prn';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { unpackRecord, unpackSnapshot } from './draw-snapshot';
import { findRecordWithSnapshot } from './draw-record.repository';
import { type Actor, requirePermission } from '../auth/actor';
import { readerDepartment } from './draw-scope';

function indexOf(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === key) return mid;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A subject's own case (docs/draw.md, 公开与自查): its number u, for every item whose frame held
 * it the decision, the reasons it was excluded. Nothing about other subjects.
 * `detailed` adds the threshold π of each item and the subject's Merkle leaf and proof. π is the
 * item's ratio for the subject's credit class (times its risk factor), so it reveals the class:
 * the public page, which anyone may query with any USCC, gets only u and the decisions; staff with
 * draw:round:read (and, later, the enterprise itself through its notice) get the detail.
 */
export async function selfCheck(
  deps: AppDeps,
  recordNo: string,
  uscc: string,
  detailed: boolean,
  /** A department-scoped staff reader: π only for its department's items, the leaf and proof only when one holds the subject. */
  department: number | null = null,
) {
  const row = await findRecordWithSnapshot(deps.db, recordNo);
  if (!row) throw notFound(`抽取记录 ${recordNo} `);
  const bundle = unpackRecord(row.bundle);
  const { itemNames, frames } = unpackSnapshot(row.frame_snapshot);
  const { commitment } = bundle;
  const round = commitment.round;
  const at = indexOf(frames.usccs, uscc);
  const excluded = frames.excluded
    .filter((e) => e.uscc === uscc)
    .map((e) => ({
      itemCode: e.itemCode,
      itemName: e.itemCode ? (itemNames[e.itemCode] ?? e.itemCode) : null,
      reason: detailed ? e.reason : publicExclusionReason(e.reason),
    }));
  if (at < 0) {
    if (excluded.length === 0)
      throw new AppError('NOT_FOUND', `统一社会信用代码 ${uscc} 不在本轮任何抽查事项的对象范围内`);
    return {
      recordNo,
      uscc,
      detailed,
      inFrame: false,
      number: null,
      items: [],
      excluded,
      selected: false,
      leaf: null,
      proof: [],
      frameRoot: commitment.frameRoot,
    };
  }
  const u = subjectNumber(round.hash, bundle.seed, uscc, round.roundIndex, round.roundsInYear);
  const reads = (departmentId: number) => detailed && (department === null || departmentId === department);
  const items = frames.items.flatMap((item, j) => {
    const k = item.members.indexOf(at);
    if (k < 0) return [];
    return [
      {
        itemCode: item.code,
        itemName: itemNames[item.code] ?? item.code,
        design: item.design,
        ...(reads(item.departmentId) ? { pi: item.piPpm[k]! / PPM } : {}),
        selected: bundle.result.selections[j]!.members.includes(at),
      },
    ];
  });
  // The leaf commits to every item's π of the subject: only for a reader who may see one of them.
  const withProof = detailed && frames.items.some((item) => reads(item.departmentId) && item.members.includes(at));
  const arity = treeArity(commitment.algorithm);
  // Never reached for a record this program sealed (sealing refuses a version it does not know).
  if (withProof && arity === null) throw new AppError('CONFLICT', unsupportedAlgorithm(commitment.algorithm));
  const { leaf, proof } = withProof ? merkleProof(round.hash, frames, at, arity!) : { leaf: null, proof: [] };
  const task = bundle.result.tasks.find((t) => t.uscc === uscc) ?? null;
  return {
    recordNo,
    uscc,
    detailed,
    inFrame: true,
    number: u,
    items,
    excluded,
    selected: task !== null,
    taskKey: task?.key ?? null,
    leaf,
    proof,
    frameRoot: commitment.frameRoot,
  };
}

/** The staff self-check: π, leaf and proof, within the reader's department (src/draw/draw-scope.ts). */
export async function staffSelfCheck(deps: AppDeps, actor: Actor | null, recordNo: string, uscc: string) {
  requirePermission(actor, 'draw:round:read');
  return selfCheck(deps, recordNo, uscc, true, readerDepartment(actor));
}
