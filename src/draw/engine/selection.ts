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
 *
 * How, in two passes over the frame: the first counts each stratum; the second keeps, in member order, the certain
 * members and the ranked members whose key is below a bound c_h chosen so that a few more than the stratum's rest r
 * fall under it (P(key < c) = c·π/PPM, so about c·Σπ/PPM do: c_h is set for r + 4√r + 16). The r-th smallest key is
 * then found among those few instead of among all. A stratum that keeps fewer than r (a four-sigma event) is passed
 * again without a bound, so the selection is always exactly that of ranking every key.
 */
function fixedPerStratum(item: FrameItem, u: Float64Array): number[] {
  const { members, piPpm, stratum } = item;
  const n = members.length;
  const H = strata.length;
  const size = new Int32Array(H);
  const piSum = new Float64Array(H);
  const certain = new Int32Array(H);
  const ranked = new Int32Array(H);
  const rankedPiSum = new Float64Array(H);
  for (let k = 0; k < n; k += 1) {
    const h = stratum[k]!;
    const pi = piPpm[k]!;
    size[h] += 1;
    piSum[h] += pi;
    if (pi >= PPM) certain[h] += 1;
    else if (pi > 0) {
      ranked[h] += 1;
      rankedPiSum[h] += pi;
    }
  }
  const rest = Array.from(size, (sz, h) =>
    Math.min(ranked[h]!, Math.max(0, stratumTarget(piSum[h]!, sz) - certain[h]!)),
  );
  const bound = rest.map((r, h) => (r === 0 ? -1 : ((r + 4 * Math.sqrt(r) + 16) * PPM) / rankedPiSum[h]!));
  let kept = keepUnder(item, u, rest, bound);
  if (rest.some((r, h) => kept.perStratum[h]! < r))
    kept = keepUnder(
      item,
      u,
      rest,
      bound.map((c, h) => (kept.perStratum[h]! < rest[h]! ? Infinity : c)),
    );
  const { count, at, key } = kept;
  // Per stratum: the rest-th smallest kept key is the threshold; keys below it are in, and keys equal to it (ties)
  // are taken by position until the stratum has its rest.
  const threshold = new Array<number>(H).fill(-1);
  const tiesLeft = new Array<number>(H).fill(0);
  for (let h = 0; h < H; h += 1) {
    if (rest[h]! === 0) continue;
    const scratch = scratchOf(kept.perStratum[h]!);
    let fill = 0;
    for (let j = 0; j < count; j += 1) if (stratum[at[j]!]! === h && key[j]! >= 0) scratch[fill++] = key[j]!;
    const t = kthSmallest(scratch, rest[h]! - 1);
    let below = 0;
    for (let j = 0; j < fill; j += 1) if (scratch[j]! < t) below += 1;
    threshold[h] = t;
    tiesLeft[h] = rest[h]! - below;
  }
  const out: number[] = [];
  for (let j = 0; j < count; j += 1) {
    const k = at[j]!;
    const kj = key[j]!;
    if (kj < 0) {
      out.push(members[k]!);
      continue;
    }
    const h = stratum[k]!;
    if (kj < threshold[h]!) out.push(members[k]!);
    else if (kj === threshold[h]! && tiesLeft[h]! > 0) {
      out.push(members[k]!);
      tiesLeft[h] -= 1;
    }
  }
  return out;
}

/** Kept members of one item, in member order: their positions and keys (−1 for a certain member). Reused buffers. */
let keptAt = new Int32Array(1024);
let keptKey = new Float64Array(1024);

/** The second pass: certain members, and ranked members of a stratum still to draw whose key is below its bound. */
function keepUnder(item: FrameItem, u: Float64Array, rest: readonly number[], bound: readonly number[]) {
  const { members, piPpm, stratum } = item;
  const perStratum = new Array<number>(strata.length).fill(0);
  let count = 0;
  for (let k = 0; k < members.length; k += 1) {
    const pi = piPpm[k]!;
    let key: number;
    if (pi >= PPM) key = -1;
    else {
      const h = stratum[k]!;
      if (pi <= 0 || rest[h]! === 0) continue;
      key = (u[members[k]!]! * PPM) / pi;
      if (!(key < bound[h]!)) continue;
      perStratum[h] += 1;
    }
    if (count === keptAt.length) {
      const at = new Int32Array(count * 2);
      at.set(keptAt);
      keptAt = at;
      const keys = new Float64Array(count * 2);
      keys.set(keptKey);
      keptKey = keys;
    }
    keptAt[count] = k;
    keptKey[count] = key;
    count += 1;
  }
  return { count, at: keptAt, key: keptKey, perStratum };
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
