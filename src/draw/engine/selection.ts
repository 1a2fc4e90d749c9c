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

/**
 * Fixed size per stratum (credit class): in each stratum the certain members (π = 1) are taken,
 * then the rest of n_h by the smallest u_i / π_i — sequential Poisson sampling, which is
 * sequential simple random sampling (smallest u_i) when π is equal within the stratum.
 * Ties in the ranking key break by member position (USCC order).
 */
function fixedPerStratum(item: FrameItem, u: Float64Array): number[] {
  const out: number[] = [];
  const { members, piPpm, stratum } = item;
  for (let h = 0; h < strata.length; h += 1) {
    let piSum = 0;
    let size = 0;
    let certain = 0;
    let ranked = 0;
    for (let k = 0; k < members.length; k += 1) {
      if (stratum[k] !== h) continue;
      size += 1;
      const pi = piPpm[k]!;
      piSum += pi;
      if (pi >= PPM) {
        out.push(members[k]!);
        certain += 1;
      } else if (pi > 0) ranked += 1;
    }
    const rest = Math.min(ranked, Math.max(0, stratumTarget(piSum, size) - certain));
    if (rest === 0) continue;
    const keys = new Float64Array(ranked);
    const at = new Int32Array(ranked);
    let r = 0;
    for (let k = 0; k < members.length; k += 1) {
      const pi = piPpm[k]!;
      if (stratum[k] !== h || pi >= PPM || pi <= 0) continue;
      keys[r] = (u[members[k]!]! * PPM) / pi;
      at[r] = members[k]!;
      r += 1;
    }
    // The rest-th smallest key is the threshold; members below it are in, ties at it go by position.
    const threshold = keys.slice().sort()[rest - 1]!;
    let taken = 0;
    for (let q = 0; q < ranked; q += 1) if (keys[q]! < threshold) taken += 1;
    for (let q = 0; q < ranked; q += 1) {
      if (keys[q]! < threshold) out.push(at[q]!);
      else if (keys[q] === threshold && taken < rest) {
        out.push(at[q]!);
        taken += 1;
      }
    }
  }
  return out.sort((a, b) => a - b);
}

export function selectMembers(item: FrameItem, u: Float64Array): number[] {
  return item.design === 'poisson' ? poisson(item, u) : fixedPerStratum(item, u);
}
