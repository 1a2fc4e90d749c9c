import { PPM } from './inclusion';
import type { FrameItem } from './types';
import { strata } from './types';

/** Poisson design: member i is selected iff u_i < π_i. */
function poisson(item: FrameItem, u: Float64Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < item.members.length; k += 1) {
    const m = item.members[k]!;
    if (u[m]! * PPM < item.piPpm[k]!) out.push(m);
  }
  return out;
}

/** n_h: the stratum's expected size Σπ rounded (= round(ratio × |F_h|) when π is equal in it). */
export function stratumTarget(piSumPpm: number, size: number): number {
  return Math.min(size, Math.round(piSumPpm / PPM));
}

/** The k-th smallest value (0-based) of `values`, which it reorders: Hoare's selection, O(n) expected. */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Fixed size per stratum (credit class): in each stratum the certain members (π = 1) are taken,
 * then the rest of n_h by the smallest u_i / π_i — sequential Poisson sampling, which is
 * sequential simple random sampling (smallest u_i) when π is equal within the stratum.
 * Ties in the ranking key break by member position (USCC order).
 */
function fixedPerStratum(item: FrameItem, u: Float64Array): number[] {
  const { members, piPpm, stratum } = item;
  const n = members.length;
  const H = strata.length;
  const size = new Array<number>(H).fill(0);
  const piSum = new Array<number>(H).fill(0);
  const certain = new Array<number>(H).fill(0);
  const ranked = new Array<number>(H).fill(0);
  for (let k = 0; k < n; k += 1) {
    const h = stratum[k]!;
    const pi = piPpm[k]!;
    size[h] += 1;
    piSum[h] += pi;
    if (pi >= PPM) certain[h] += 1;
    else if (pi > 0) ranked[h] += 1;
  }
  const rest = size.map((sz, h) => Math.min(ranked[h]!, Math.max(0, stratumTarget(piSum[h]!, sz) - certain[h]!)));
  // Ranking keys of the strata that take any, each stratum in its own range, in member order.
  const start = new Array<number>(H).fill(0);
  let total = 0;
  for (let h = 0; h < H; h += 1) {
    start[h] = total;
    if (rest[h]! > 0) total += ranked[h]!;
  }
  const keys = new Float64Array(total);
  const fill = start.slice();
  for (let k = 0; k < n; k += 1) {
    const pi = piPpm[k]!;
    if (pi > 0 && pi < PPM && rest[stratum[k]!]! > 0) keys[fill[stratum[k]!]++] = (u[members[k]!]! * PPM) / pi;
  }
  // The rest-th smallest key of each stratum is its threshold (found in a scratch copy; the keys keep member order).
  const threshold = rest.map((r, h) => {
    if (r === 0) return -1;
    const scratch = scratchOf(ranked[h]!);
    scratch.set(keys.subarray(start[h]!, start[h]! + ranked[h]!));
    return kthSmallest(scratch, r - 1);
  });
  // One pass in member order: certain members and keys below the threshold are in; members whose key equals the
  // threshold are ties, taken afterwards by position until the stratum has its rest.
  const out: number[] = [];
  const ties: number[] = [];
  const below = threshold.map(() => 0);
  const seen = start.slice();
  for (let k = 0; k < n; k += 1) {
    const pi = piPpm[k]!;
    if (pi >= PPM) {
      out.push(members[k]!);
      continue;
    }
    const h = stratum[k]!;
    if (pi <= 0 || rest[h]! === 0) continue;
    const key = keys[seen[h]++]!;
    if (key < threshold[h]!) {
      out.push(members[k]!);
      below[h] += 1;
    } else if (key === threshold[h]!) ties.push(k);
  }
  const tiesTaken: number[] = [];
  for (const k of ties) {
    const h = stratum[k]!;
    if (below[h]! < rest[h]!) {
      tiesTaken.push(members[k]!);
      below[h] += 1;
    }
  }
  if (tiesTaken.length === 0) return out;
  // Both lists ascend (members ascend): merged, the selection stays sorted.
  const merged = new Array<number>(out.length + tiesTaken.length);
  let i = 0;
  let j = 0;
  for (let at = 0; at < merged.length; at += 1)
    merged[at] = j >= tiesTaken.length || (i < out.length && out[i]! < tiesTaken[j]!) ? out[i++]! : tiesTaken[j++]!;
  return merged;
}

/** One scratch buffer for the threshold searches, grown as needed (kthSmallest reorders what it is given). */
let scratchBuffer = new Float64Array(1024);
function scratchOf(length: number): Float64Array {
  if (scratchBuffer.length < length) scratchBuffer = new Float64Array(Math.max(length, scratchBuffer.length * 2));
  return scratchBuffer.subarray(0, length);
}

export function selectMembers(item: FrameItem, u: Float64Array): number[] {
  return item.design === 'poisson' ? poisson(item, u) : fixedPerStratum(item, u);
}
