import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type HashText, type Level, digestWidth, frameRoot, raiseLevel, rootOf } from './merkle';
import { sharedUsccs } from './shared-usccs';
import type { Frames, HashName } from './types';

/**
 * The frame root of merkle.ts computed in worker threads. The leaves are cut into chunks of arity^k consecutive
 * subjects; each worker hashes its chunks' leaves and raises each chunk to its root; the chunk roots, in order, are
 * then raised by the same rule. That is the same tree: on every level below the chunks' roots a chunk's nodes group
 * among themselves (a chunk starts at a multiple of arity^k and holds a whole number of groups there), and only the
 * last chunk can end in a short group, which is also the level's last group, hashed or moved up alike in both; once
 * a short last chunk is down to one node, that node is a group of one on every level up to the chunks' roots. On two
 * cores this halves the commitment's time.
 */
export interface ThreadOptions {
  /** Workers; default the machine's parallelism, at most 4. */
  threads?: number;
  /** Below this many subjects the root is computed in this thread (starting workers costs more). */
  minSubjects?: number;
  /**
   * Leaves per chunk, a power of the tree's arity; default the largest power at most max(1,024, subjects / (4 ×
   * workers)), so at least four chunks per worker on a frame of more than 4,096 subjects per worker.
   */
  chunkSize?: number;
}

/** An item as a worker needs it: members ascending (frame positions) and their π, views shared where they can be. */
interface JobItem {
  code: string;
  members: Int32Array;
  piPpm: Int32Array;
}

interface ChunkJob {
  name: HashName;
  arity: number;
  width: number;
  size: number;
  first: number;
  last: number;
  usccBytes: Uint8Array;
  usccStart: Int32Array;
  items: JobItem[];
}

/**
 * The roots of chunks first … last − 1 (`size` leaves each; the frame's last chunk may be shorter), leaves and inner
 * nodes as in merkle.ts. The worker lays out its own subjects' leaves (merkle.ts's leafLayout, for its range): each
 * item's members in the range are found by bisection, so the layout of twelve million memberships is split between
 * the workers instead of made first in the main thread. A worker runs it from its source text, so it uses nothing but
 * its arguments and globals: no imports, no closures and no inner functions (into which a compiler could insert a
 * helper the worker lacks).
 */
function chunkRoots(hash: HashText, raise: typeof raiseLevel, job: ChunkJob): Uint8Array {
  const { name, arity, width, size, first, last, usccBytes, usccStart, items } = job;
  const n = usccStart.length - 1;
  const lo = first * size;
  const hi = Math.min(n, last * size);
  const span = hi - lo;
  // Memberships per subject of the range, then each membership's piece (`|code:π`, one per item and π value).
  const counts = new Int32Array(span + 1);
  const from = new Int32Array(items.length);
  const to = new Int32Array(items.length);
  for (let j = 0; j < items.length; j += 1) {
    const members = items[j]!.members;
    let a = 0;
    let b = members.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (members[mid]! < lo) a = mid + 1;
      else b = mid;
    }
    let c = a;
    let d = members.length;
    while (c < d) {
      const mid = (c + d) >>> 1;
      if (members[mid]! < hi) c = mid + 1;
      else d = mid;
    }
    from[j] = a;
    to[j] = c;
    for (let k = a; k < c; k += 1) counts[members[k]! - lo + 1] += 1;
  }
  for (let m = 0; m < span; m += 1) counts[m + 1] += counts[m]!;
  const pieceOf = new Int32Array(counts[span]!);
  const fill = counts.slice(0, span);
  const pieces: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (let j = 0; j < items.length; j += 1) {
    const { code, members, piPpm } = items[j]!;
    const seen: number[] = [];
    const ids: number[] = [];
    let lastPi = -1;
    let lastId = -1;
    for (let k = from[j]!; k < to[j]!; k += 1) {
      const pi = piPpm[k]!;
      if (pi !== lastPi) {
        const at = seen.indexOf(pi);
        if (at >= 0) lastId = ids[at]!;
        else {
          lastId = pieces.push(encoder.encode(`|${code}:${pi}`)) - 1;
          seen.push(pi);
          ids.push(lastId);
        }
        lastPi = pi;
      }
      pieceOf[fill[members[k]! - lo]!++] = lastId;
    }
  }
  const pieceStart = new Int32Array(pieces.length + 1);
  let longest = 0;
  for (let p = 0; p < pieces.length; p += 1) {
    pieceStart[p + 1] = pieceStart[p]! + pieces[p]!.length;
    longest = Math.max(longest, pieces[p]!.length);
  }
  const pieceBytes = new Uint8Array(pieceStart[pieces.length]!);
  for (let p = 0; p < pieces.length; p += 1) pieceBytes.set(pieces[p]!, pieceStart[p]!);

  const roots = new Uint8Array((last - first) * width);
  const level = Buffer.allocUnsafe(size * width);
  let scratch = Buffer.allocUnsafe(4096);
  for (let c = first; c < last; c += 1) {
    const chunkFrom = c * size;
    const chunkTo = Math.min(n, chunkFrom + size);
    for (let m = chunkFrom; m < chunkTo; m += 1) {
      const r = m - lo;
      const need = 1 + usccStart[m + 1]! - usccStart[m]! + (counts[r + 1]! - counts[r]!) * longest;
      if (need > scratch.length) scratch = Buffer.allocUnsafe(need * 2);
      scratch[0] = 0;
      let at = 1;
      for (let b = usccStart[m]!; b < usccStart[m + 1]!; b += 1) scratch[at++] = usccBytes[b]!;
      for (let p = counts[r]!; p < counts[r + 1]!; p += 1)
        for (let b = pieceStart[pieceOf[p]!]!, end = pieceStart[pieceOf[p]! + 1]!; b < end; b += 1)
          scratch[at++] = pieceBytes[b]!;
      level.write(hash(name, scratch.subarray(0, at), 'binary'), (m - chunkFrom) * width, width, 'latin1');
    }
    let count = chunkTo - chunkFrom;
    while (count > 1) count = raise(hash, name, level, count, width, arity);
    roots.set(level.subarray(0, width), (c - first) * width);
  }
  return roots;
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const raiseLevel = ${raiseLevel.toString()};
const chunkRoots = ${chunkRoots.toString()};
parentPort.postMessage(chunkRoots(hash, raiseLevel, workerData));
`;

function inWorker(job: ChunkJob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 },
    });
    worker.once('message', (roots: Uint8Array) => resolve(roots));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`默克尔树工作线程异常退出（退出码 ${code}）`));
    });
  });
}

/** The largest power of `arity` (arity^0 = 1 included) at most `limit`. */
function largestPower(arity: number, limit: number): number {
  let size = 1;
  while (size * arity <= limit) size *= arity;
  return size;
}

export async function frameRootInThreads(
  name: HashName,
  frames: Frames,
  arity: number,
  options: ThreadOptions = {},
): Promise<string> {
  const n = frames.usccs.length;
  const threads = options.threads ?? Math.min(4, availableParallelism());
  if (threads < 2 || n < (options.minSubjects ?? 100_000)) return frameRoot(name, frames, arity);
  const size = options.chunkSize ?? largestPower(arity, Math.max(1024, n / (threads * 4)));
  if (largestPower(arity, size) !== size) throw new Error(`chunkSize must be a power of ${arity}, not ${size}`);
  const width = digestWidth(name);
  const chunks = Math.ceil(n / size);
  const perWorker = Math.ceil(chunks / threads);
  const jobs: ChunkJob[] = [];
  const usccs = sharedUsccs(frames.usccs);
  // Views on shared memory (buildFrames allocates the frames' columns there) reach the workers without a copy.
  const items = frames.items.map(({ code, members, piPpm }) => ({ code, members, piPpm }));
  for (let first = 0; first < chunks; first += perWorker)
    jobs.push({ name, arity, width, size, first, last: Math.min(chunks, first + perWorker), ...usccs, items });
  const parts = await Promise.all(jobs.map(inWorker));
  const level: Level = { bytes: Buffer.concat(parts), count: chunks, width };
  return rootOf(name, level, arity);
}
