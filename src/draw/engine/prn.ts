import { hash } from 'node:crypto';
import type { HashName } from './types';

const TWO_POW_21 = 2 ** 21;
const TWO_POW_53 = 2 ** 53;

/** The first 53 bits of a hex digest as a uniform number in [0, 1), exactly. */
export function unitFromHex(hex: string): number {
  const high = parseInt(hex.slice(0, 8), 16);
  const low = parseInt(hex.slice(8, 14), 16) >>> 3;
  return (high * TWO_POW_21 + low) / TWO_POW_53;
}

export function hexDigest(name: HashName, text: string): string {
  return hash(name, text, 'hex');
}

/**
 * The permanent random number of a subject in a round: u = first 53 bits of
 * H(seed ‖ "subject" ‖ uscc) / 2^53, where seed is the round seed in lowercase hex and the
 * concatenation is of UTF-8 text. Round k of R in one year shifts it: u' = (u + (k−1)/R) mod 1,
 * so burden rotates between the rounds of a year (docs/draw.md).
 */
export function subjectNumber(name: HashName, seed: string, uscc: string, roundIndex = 1, roundsInYear = 1): number {
  const u = unitFromHex(hexDigest(name, `${seed}subject${uscc}`));
  return rotate(u, roundIndex, roundsInYear);
}

export function rotate(u: number, roundIndex: number, roundsInYear: number): number {
  if (roundsInYear <= 1 || roundIndex <= 1) return u;
  const shifted = u + (roundIndex - 1) / roundsInYear;
  return shifted >= 1 ? shifted - 1 : shifted;
}

/** 32-bit finaliser of MurmurHash3: a bijection on 32-bit integers with full avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Inspector ordering inside one task. The original specification (see docs/draw.md) orders eligible inspectors by
 * v = H(seed ‖ "inspector" ‖ task key ‖ inspector id). Hashing every (task, inspector) pair
 * costs ~14 M digests for a 1,000,000-subject city (≈ 10 s), so the task's digest
 * t = H(seed ‖ "inspector" ‖ task key) is computed once and each inspector's number is
 * v = mix(t, id): two rounds of the MurmurHash3 finaliser keyed by t's first 96 bits.
 * v stays a deterministic, seed-derived uniform ordering that anyone can recompute.
 */
export function taskKeyWords(name: HashName, seed: string, taskKey: string): [number, number, number] {
  const hex = hexDigest(name, `${seed}inspector${taskKey}`);
  return [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16), parseInt(hex.slice(16, 24), 16)];
}

export function inspectorNumber(words: readonly [number, number, number], inspectorId: number): number {
  const a = fmix32((Math.imul(inspectorId, 0x9e3779b1) ^ words[0]) >>> 0);
  const b = fmix32((a ^ words[1] ^ inspectorId) >>> 0);
  const c = fmix32((b ^ words[2]) >>> 0);
  return (a * TWO_POW_21 + (c >>> 11)) / TWO_POW_53;
}

/**
 * The task's stream of uniform numbers in [0, 1) for rejection sampling among its eligible
 * inspectors: draw r is the same keyed mix at the index 2^31 + r, which no inspector id reaches.
 */
export function taskDraw(words: readonly [number, number, number], r: number): number {
  return inspectorNumber(words, 0x80000000 + r);
}
