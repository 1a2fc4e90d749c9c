import { createHash, hash } from 'node:crypto';
import type { Frames, HashName } from './types';

/**
 * The frame snapshot's Merkle tree (docs/draw.md, 确切定义). One leaf per subject, in USCC
 * order, over the text `uscc|item:π|item:π…` for the items (by code) whose frame holds the
 * subject, π in millionths: every (uscc, item, π) triple is covered while the tree has one leaf
 * per subject, not per triple. Strata (credit classes) are not in the leaves, so a subject's own
 * proof reveals no class; they are committed separately (strataDigest).
 * Leaf = H(0x00 ‖ UTF-8 text). Each level is cut into groups of `arity` consecutive nodes (the algorithm version's,
 * algorithm.ts: 2 under /2, 16 under /3), the last group possibly shorter; a group of two or more becomes
 * H(0x01 ‖ its nodes' digests in order), a group of one moves up unchanged. An empty frame's root is H(0x02).
 */
export function forEachLeaf(frames: Frames, visit: (text: string, index: number) => void): void {
  const n = frames.usccs.length;
  const counts = new Int32Array(n + 1);
  for (const item of frames.items) for (const m of item.members) counts[m + 1] += 1;
  for (let m = 0; m < n; m += 1) counts[m + 1] += counts[m]!;
  const total = counts[n]!;
  const itemOf = new Int32Array(total);
  const positionOf = new Int32Array(total);
  const fill = counts.slice(0, n);
  frames.items.forEach((item, j) => {
    item.members.forEach((m, k) => {
      const at = fill[m]!;
      itemOf[at] = j;
      positionOf[at] = k;
      fill[m] = at + 1;
    });
  });
  // `|code:π` pieces, built once per item and π value (an item has few distinct π).
  const pieces = frames.items.map(() => new Map<number, string>());
  for (let m = 0; m < n; m += 1) {
    let text = frames.usccs[m]!;
    for (let at = counts[m]!; at < counts[m + 1]!; at += 1) {
      const j = itemOf[at]!;
      const pi = frames.items[j]!.piPpm[positionOf[at]!]!;
      let piece = pieces[j]!.get(pi);
      if (piece === undefined) pieces[j]!.set(pi, (piece = `|${frames.items[j]!.code}:${pi}`));
      text += piece;
    }
    visit(text, m);
  }
}

/** Digest of every item's strata, in member order: `code:0123…` lines joined by newlines. */
export function strataDigest(name: HashName, frames: Frames): string {
  const h = createHash(name);
  frames.items.forEach((item, j) => {
    h.update(`${j > 0 ? '\n' : ''}${item.code}:`);
    const digits = Buffer.allocUnsafe(item.stratum.length);
    for (let k = 0; k < digits.length; k += 1) digits[k] = 48 + item.stratum[k]!;
    h.update(digits);
  });
  return h.digest('hex');
}

const LEAF = Buffer.from([0]);

export function leafHash(name: HashName, text: string): Buffer {
  return hash(name, Buffer.concat([LEAF, Buffer.from(text, 'utf8')]), 'buffer');
}

const NODE = Buffer.from([1]);
function nodeHash(name: HashName, children: readonly Buffer[]): Buffer {
  return hash(name, Buffer.concat([NODE, ...children]), 'buffer');
}

/**
 * A level of the tree is one buffer of `count` digests of `width` bytes, back to back. Digests come from
 * crypto.hash as latin1 ('binary') text (one character per byte) and are written into the buffer: a Buffer returned per digest
 * cost a backing store each, and made the million-leaf root about twice as slow.
 */
export interface Level {
  bytes: Buffer;
  count: number;
  width: number;
}

export type HashText = (name: string, data: Uint8Array, encoding: 'binary') => string;

/**
 * The level above, in place in `bytes` (`count` digests of `width` bytes): group g is
 * H(0x01 ‖ nodes g·arity … g·arity + arity − 1), the last group possibly shorter; a last group of one node moves up
 * unchanged. Returns the new count. The worker threads of merkle-threads.ts run it from its source text, so it uses
 * nothing but its arguments and globals: no imports, no closures and no inner functions.
 */
export function raiseLevel(
  hashText: HashText,
  name: string,
  bytes: Buffer,
  count: number,
  width: number,
  arity: number,
) {
  const group = Buffer.allocUnsafe(1 + arity * width);
  group[0] = 1;
  let up = 0;
  for (let i = 0; i < count; i += arity, up += 1) {
    const end = Math.min(count, i + arity);
    if (end - i === 1) bytes.copy(bytes, up * width, i * width, end * width);
    else {
      bytes.copy(group, 1, i * width, end * width);
      bytes.write(hashText(name, group.subarray(0, 1 + (end - i) * width), 'binary'), up * width, width, 'latin1');
    }
  }
  return up;
}

function raise(name: HashName, level: Level, arity: number): void {
  level.count = raiseLevel(hash, name, level.bytes, level.count, level.width, arity);
}

export function rootOf(name: HashName, level: Level, arity: number): string {
  if (level.count === 0) return hash(name, Buffer.from([2]), 'hex');
  while (level.count > 1) raise(name, level, arity);
  return level.bytes.toString('hex', 0, level.width);
}

/**
 * What every leaf is made of, in typed arrays: subject m's leaf is 0x00, the UTF-8 bytes of its USCC, then pieces
 * pieceOf[counts[m]] … pieceOf[counts[m+1] − 1], piece p being the bytes pieceBytes[pieceStart[p]] …
 * pieceBytes[pieceStart[p+1] − 1] of `|code:π`. The same bytes as forEachLeaf's text in UTF-8, encoded once per item
 * and π instead of once per subject. (The worker threads of merkle-threads.ts lay out their own ranges the same way.)
 */
interface LeafLayout {
  counts: Int32Array;
  pieceOf: Int32Array;
  pieceBytes: Uint8Array;
  pieceStart: Int32Array;
}

function leafLayout(frames: Frames): LeafLayout {
  const n = frames.usccs.length;
  const counts = new Int32Array(n + 1);
  for (const item of frames.items) for (const m of item.members) counts[m + 1] += 1;
  for (let m = 0; m < n; m += 1) counts[m + 1] += counts[m]!;
  // An item has few distinct π: the last one seen is tried first, then the item's short list.
  const pieceOf = new Int32Array(counts[n]!);
  const pieces: Buffer[] = [];
  const fill = counts.slice(0, n);
  for (const item of frames.items) {
    const { members, piPpm } = item;
    const seen: number[] = [];
    const ids: number[] = [];
    let lastPi = -1;
    let lastId = -1;
    for (let k = 0; k < members.length; k += 1) {
      const pi = piPpm[k]!;
      if (pi !== lastPi) {
        const at = seen.indexOf(pi);
        if (at >= 0) lastId = ids[at]!;
        else {
          lastId = pieces.push(Buffer.from(`|${item.code}:${pi}`, 'utf8')) - 1;
          seen.push(pi);
          ids.push(lastId);
        }
        lastPi = pi;
      }
      pieceOf[fill[members[k]!]!++] = lastId;
    }
  }
  const pieceStart = new Int32Array(pieces.length + 1);
  pieces.forEach((piece, p) => (pieceStart[p + 1] = pieceStart[p]! + piece.length));
  const total = pieceStart[pieces.length]!;
  const pieceBytes = new Uint8Array(total);
  pieces.forEach((piece, p) => pieceBytes.set(piece, pieceStart[p]!));
  return { counts, pieceOf, pieceBytes, pieceStart };
}

/** The digest size of a hash, in bytes. */
export const digestWidth = (name: HashName): number => hash(name, '', 'binary').length;

/** Every leaf's digest, as one level (the leaf bytes written into one scratch buffer, not built as text). */
function leafDigests(name: HashName, frames: Frames): Level {
  const n = frames.usccs.length;
  const { counts, pieceOf, pieceBytes, pieceStart } = leafLayout(frames);
  let longest = 0;
  for (let p = 0; p + 1 < pieceStart.length; p += 1) longest = Math.max(longest, pieceStart[p + 1]! - pieceStart[p]!);
  const width = digestWidth(name);
  const level: Level = { bytes: Buffer.allocUnsafe(n * width), count: n, width };
  let scratch = Buffer.allocUnsafe(4096);
  for (let m = 0; m < n; m += 1) {
    const uscc = frames.usccs[m]!;
    const need = 1 + uscc.length * 3 + (counts[m + 1]! - counts[m]!) * longest;
    if (need > scratch.length) scratch = Buffer.allocUnsafe(need * 2);
    scratch[0] = 0;
    let at = 1 + scratch.write(uscc, 1, 'utf8');
    for (let p = counts[m]!; p < counts[m + 1]!; p += 1)
      for (let b = pieceStart[pieceOf[p]!]!, end = pieceStart[pieceOf[p]! + 1]!; b < end; b += 1)
        scratch[at++] = pieceBytes[b]!;
    level.bytes.write(hash(name, scratch.subarray(0, at), 'binary'), m * width, width, 'latin1');
  }
  return level;
}

export function frameRoot(name: HashName, frames: Frames, arity: number): string {
  return rootOf(name, leafDigests(name, frames), arity);
}

/** One subject's leaf text (forEachLeaf's text for that subject alone). */
function leafText(frames: Frames, index: number): string {
  let text = frames.usccs[index]!;
  for (const item of frames.items) {
    const k = item.members.indexOf(index);
    if (k >= 0) text += `|${item.code}:${item.piPpm[k]!}`;
  }
  return text;
}

/** One level of a proof: the digests of the other nodes of the leaf's group on that level, before it and after it. */
export interface ProofStep {
  left: string[];
  right: string[];
}

/** The groups' other nodes from a leaf up to the root, so one subject can check its own leaf. */
export function merkleProof(
  name: HashName,
  frames: Frames,
  index: number,
  arity: number,
): { leaf: string; proof: ProofStep[] } {
  const level = leafDigests(name, frames);
  const proof: ProofStep[] = [];
  const digest = (k: number) => level.bytes.toString('hex', k * level.width, (k + 1) * level.width);
  let i = index;
  while (level.count > 1) {
    const first = i - (i % arity);
    const end = Math.min(level.count, first + arity);
    if (end - first > 1) {
      const left: string[] = [];
      const right: string[] = [];
      for (let k = first; k < i; k += 1) left.push(digest(k));
      for (let k = i + 1; k < end; k += 1) right.push(digest(k));
      proof.push({ left, right });
    }
    raise(name, level, arity);
    i = Math.floor(i / arity);
  }
  return { leaf: leafText(frames, index), proof };
}

export function rootFromProof(name: HashName, leafText: string, proof: readonly ProofStep[]): string {
  return proof
    .reduce(
      (acc, step) =>
        nodeHash(name, [
          ...step.left.map((h) => Buffer.from(h, 'hex')),
          acc,
          ...step.right.map((h) => Buffer.from(h, 'hex')),
        ]),
      leafHash(name, leafText),
    )
    .toString('hex');
}
