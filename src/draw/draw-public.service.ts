import { PPM } from './engine/inclusion';
import { merkleProof } from './engine/merkle';
import { subjectNumber } from './engine/prn';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { unpackBundle, unpackSnapshot } from './draw-snapshot';

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
 * A subject's own case (DRAW.md, Verifiability 4): its number u, for every item whose frame
 * held it the threshold π and the decision, the reasons it was excluded, and its Merkle leaf
 * and proof against the committed root. Nothing about other subjects; no credit class.
 */
export async function selfCheck(deps: AppDeps, recordNo: string, uscc: string) {
  const row = await deps.db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select(['r.bundle', 'd.frame_snapshot', 'd.round_no'])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();
  if (!row) throw notFound(`抽取记录 ${recordNo} `);
  const bundle = unpackBundle(row.bundle);
  const { itemNames } = unpackSnapshot(row.frame_snapshot);
  const { frames, commitment } = bundle;
  const round = commitment.round;
  const at = indexOf(frames.usccs, uscc);
  const excluded = frames.excluded.filter((e) => e.uscc === uscc).map((e) => ({ itemCode: e.itemCode, itemName: e.itemCode ? (itemNames[e.itemCode] ?? e.itemCode) : null, reason: e.reason }));
  if (at < 0) {
    if (excluded.length === 0) throw new AppError('NOT_FOUND', `统一社会信用代码 ${uscc} 不在本轮任何抽查事项的对象范围内`);
    return { recordNo, uscc, inFrame: false, number: null, items: [], excluded, selected: false, leaf: null, proof: [], frameRoot: commitment.frameRoot };
  }
  const u = subjectNumber(round.hash, bundle.seed, uscc, round.roundIndex, round.roundsInYear);
  const items = frames.items.flatMap((item, j) => {
    const k = item.members.indexOf(at);
    if (k < 0) return [];
    return [{
      itemCode: item.code, itemName: itemNames[item.code] ?? item.code, design: item.design, pi: item.piPpm[k]! / PPM,
      selected: bundle.result.selections[j]!.members.includes(at),
    }];
  });
  const { leaf, proof } = merkleProof(round.hash, frames, at);
  const task = bundle.result.tasks.find((t) => t.uscc === uscc) ?? null;
  return {
    recordNo, uscc, inFrame: true, number: u, items, excluded, selected: task !== null, taskKey: task?.key ?? null,
    leaf, proof, frameRoot: commitment.frameRoot,
  };
}
