import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { rotate } from './prn';
import { sharedUsccs } from './shared-usccs';
import type { HashName } from './types';

/**
 * The permanent random numbers of a whole frame (prn.ts `subjectNumber` for every subject), in two threads when the
 * frame is large. The call stays synchronous, as the draw and its verification are: this thread computes the first
 * half while a worker computes the second half chunk by chunk, then takes the second half's chunks from its end
 * until the two meet, and waits (Atomics.wait) for the chunks the worker has in hand. A worker that fails to start,
 * throws or stalls costs time, never a number: whatever it has not finished, this thread computes. Both threads run
 * the same function, so both halves follow the one rule.
 */
export interface NumberThreadOptions {
  /** Below this many subjects everything is computed in this thread (starting a worker costs about 80 ms). */
  minSubjects?: number;
  /** Subjects per chunk the two threads share out. */
  chunkSize?: number;
  /** A chunk the worker holds this long without finishing any is computed here as well. */
  stallMs?: number;
}

type HashText = (name: string, data: string, encoding: 'binary') => string;
type Rotate = typeof rotate;

interface NumbersJob {
  name: HashName;
  /** seed ‖ "subject". */
  prefix: string;
  /** Credit codes of frame positions usccsFrom, usccsFrom + 1, …: as strings (this thread) or as shared bytes. */
  usccs: readonly string[] | null;
  usccBytes: Uint8Array | null;
  usccStart: Int32Array | null;
  usccsFrom: number;
  /** Frame positions [from, to) in chunks of `chunk`. */
  from: number;
  to: number;
  chunk: number;
  roundIndex: number;
  roundsInYear: number;
  /** The whole frame's numbers. */
  out: Float64Array;
  /** Per chunk 0 free, 1 taken, 2 done; the last slot counts the chunks done. */
  state: Int32Array;
}

/**
 * Takes the job's free chunks in order (descending: from the end) and computes them. A worker runs it from its source
 * text, so it uses nothing but its arguments and globals: no imports, no closures and no inner functions. The number
 * is prn.ts `subjectNumber` from the digest's bytes as latin1 text: the first 7 bytes give the first 53 bits.
 */
function computeChunks(hashText: HashText, rotateNumber: Rotate, job: NumbersJob, descending: boolean): void {
  const {
    name,
    prefix,
    usccs,
    usccBytes,
    usccStart,
    usccsFrom,
    from,
    to,
    chunk,
    roundIndex,
    roundsInYear,
    out,
    state,
  } = job;
  const bytes = usccBytes === null ? null : Buffer.from(usccBytes.buffer, usccBytes.byteOffset, usccBytes.byteLength);
  const chunks = state.length - 1;
  for (let step = 0; step < chunks; step += 1) {
    const c = descending ? chunks - 1 - step : step;
    if (Atomics.compareExchange(state, c, 0, 1) !== 0) continue;
    const end = Math.min(to, from + (c + 1) * chunk);
    for (let m = from + c * chunk; m < end; m += 1) {
      const k = m - usccsFrom;
      const uscc = usccs !== null ? usccs[k]! : bytes!.toString('utf8', usccStart![k], usccStart![k + 1]);
      const b = hashText(name, prefix + uscc, 'binary');
      const high = ((b.charCodeAt(0) << 24) | (b.charCodeAt(1) << 16) | (b.charCodeAt(2) << 8) | b.charCodeAt(3)) >>> 0;
      const low = ((b.charCodeAt(4) << 16) | (b.charCodeAt(5) << 8) | b.charCodeAt(6)) >>> 3;
      out[m] = rotateNumber((high * 2097152 + low) / 9007199254740992, roundIndex, roundsInYear);
    }
    Atomics.store(state, c, 2);
    Atomics.add(state, chunks, 1);
    Atomics.notify(state, chunks);
  }
}

const workerSource = `
const { workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const rotateNumber = (${rotate.toString()});
const computeChunks = (${computeChunks.toString()});
computeChunks(hash, rotateNumber, workerData, false);
`;

function chunkState(from: number, to: number, chunk: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer((Math.ceil((to - from) / chunk) + 1) * 4));
}

type Frame = Omit<NumbersJob, 'from' | 'to' | 'chunk' | 'state'>;

/** Positions [from, to) computed here, as one chunk nobody else takes. */
function inThisThread(hashText: HashText, frame: Frame, from: number, to: number): void {
  const chunk = Math.max(1, to - from);
  computeChunks(hashText, rotate, { ...frame, from, to, chunk, state: chunkState(from, to, chunk) }, false);
}

/**
 * The worker for the second half, reading its credit codes as shared bytes (null if it cannot be started: this thread
 * then computes everything).
 */
function startWorker(second: NumbersJob, usccs: readonly string[]): Worker | null {
  try {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { ...second, usccs: null, ...sharedUsccs(usccs, second.from, second.to), usccsFrom: second.from },
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    // Its failure is handled by the caller (its chunks are computed there); the event must not go unheard.
    worker.on('error', () => undefined);
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}

export function subjectNumbers(
  name: HashName,
  seed: string,
  usccs: readonly string[],
  roundIndex: number,
  roundsInYear: number,
  options: NumberThreadOptions = {},
): Float64Array {
  const n = usccs.length;
  const chunk = options.chunkSize ?? 4096;
  const threaded = n >= (options.minSubjects ?? 200_000) && availableParallelism() >= 2;
  const out = threaded ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
  const frame: Frame = {
    name,
    prefix: `${seed}subject`,
    usccs,
    usccBytes: null,
    usccStart: null,
    usccsFrom: 0,
    roundIndex,
    roundsInYear,
    out,
  };
  if (!threaded) {
    inThisThread(hash, frame, 0, n);
    return out;
  }
  const split = n >> 1;
  const second: NumbersJob = { ...frame, from: split, to: n, chunk, state: chunkState(split, n, chunk) };
  const worker = startWorker(second, usccs);
  inThisThread(hash, frame, 0, split);
  computeChunks(hash, rotate, second, true);
  const { state } = second;
  const chunks = state.length - 1;
  const stallMs = options.stallMs ?? 2000;
  while (Atomics.load(state, chunks) < chunks) {
    const seen = Atomics.load(state, chunks);
    if (Atomics.wait(state, chunks, seen, stallMs) !== 'timed-out' || Atomics.load(state, chunks) !== seen) continue;
    // The worker holds chunks and finishes none: compute them here (it may still write the same numbers).
    for (let c = 0; c < chunks; c += 1)
      if (Atomics.load(state, c) === 1) {
        inThisThread(hash, frame, split + c * chunk, Math.min(n, split + (c + 1) * chunk));
        Atomics.store(state, c, 2);
        Atomics.add(state, chunks, 1);
      }
  }
  void worker?.terminate();
  return out;
}
