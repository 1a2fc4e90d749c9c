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
  const taken = new Uint8Array(n);
  for (let k = 0; k < n; k += 1) {
    const pi = piPpm[k]!;
    if (pi >= PPM) taken[k] = 1;
    else if (pi > 0 && rest[stratum[k]!]! > 0) keys[fill[stratum[k]!]++] = (u[members[k]!]! * PPM) / pi;
  }
  // The rest-th smallest key of each stratum is its threshold; members below it are in, ties at it go by position.
  const threshold = rest.map((r, h) =>
    r > 0 ? kthSmallest(keys.slice(start[h]!, start[h]! + ranked[h]!), r - 1) : -1,
  );
  const below = threshold.map(() => 0);
  for (let h = 0; h < H; h += 1) {
    for (let q = start[h]!; q < start[h]! + (rest[h]! > 0 ? ranked[h]! : 0); q += 1)
      if (keys[q]! < threshold[h]!) below[h] += 1;
  }
  const seen = start.slice();
  for (let k = 0; k < n; k += 1) {
    const h = stratum[k]!;
    const pi = piPpm[k]!;
    if (pi >= PPM || pi <= 0 || rest[h]! === 0) continue;
    const key = keys[seen[h]++]!;
    if (key < threshold[h]!) taken[k] = 1;
    else if (key === threshold[h]! && below[h]! < rest[h]!) {
      taken[k] = 1;
      below[h] += 1;
    }
  }
  // Members ascend, so walking them in order gives the selection sorted.
  const out: number[] = [];
  for (let k = 0; k < n; k += 1) if (taken[k]) out.push(members[k]!);
  return out;
}

export function selectMembers(item: FrameItem, u: Float64Array): number[] {
  return item.design === 'poisson' ? poisson(item, u) : fixedPerStratum(item, u);
}
