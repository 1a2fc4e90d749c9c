import { treeArity, unsupportedAlgorithm } from './algorithm';
import { type Commitment, commitmentHash, deriveSeed, type EntropyReveal } from './commitment';
import { drawing } from './draw';
import { finish, type StaffedTask } from './steps';
import type { Frames, RoundInspector } from './types';
import { BUNDLE_FORMAT, type DrawBundle, type RecordSignature, recordDigest } from './verify';

export interface SealInput {
  recordNo: string;
  redraw: DrawBundle['redraw'];
  commitment: Commitment;
  reveal: EntropyReveal;
  frames: Frames;
  inspectors: RoundInspector[];
  departmentNames: Record<number, string>;
}

/**
 * Run a committed round's draw once the entropy is revealed and seal it: the record digest
 * covers the commitment, the seed and the result, and `sign` (the platform key) signs it.
 */
export function sealDraw(
  input: SealInput,
  sign: ((digest: string) => RecordSignature) | null,
): DrawBundle | { problem: string } {
  return finish(sealing(input, sign));
}

/**
 * sealDraw handing out each task as it is staffed (`onTask`), so the caller can write the tasks while the draw goes on;
 * every `slice` tasks it lets the event loop run (the database connection sends what was written meanwhile). The
 * result is sealDraw's.
 */
export async function sealDrawStreaming(
  input: SealInput,
  sign: ((digest: string) => RecordSignature) | null,
  onTask: (staffed: StaffedTask) => void,
  slice = 1000,
): Promise<DrawBundle | { problem: string }> {
  const steps = sealing(input, sign);
  for (let n = 1; ; n += 1) {
    const step = steps.next();
    if (step.done) return step.value;
    onTask(step.value);
    if (n % slice === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

function* sealing(
  input: SealInput,
  sign: ((digest: string) => RecordSignature) | null,
): Generator<StaffedTask, DrawBundle | { problem: string }> {
  if (treeArity(input.commitment.algorithm) === null)
    return { problem: unsupportedAlgorithm(input.commitment.algorithm) };
  const derived = deriveSeed(input.commitment, input.reveal);
  if ('problem' in derived) return derived;
  const result = yield* drawing({
    algorithm: input.commitment.algorithm,
    round: input.commitment.round,
    seed: derived.seed,
    frames: input.frames,
    inspectors: input.inspectors,
    departmentNames: input.departmentNames,
  });
  const digest = recordDigest(input.commitment.round.hash, commitmentHash(input.commitment), derived.seed, result);
  return {
    format: BUNDLE_FORMAT,
    recordNo: input.recordNo,
    redraw: input.redraw,
    commitment: input.commitment,
    reveal: input.reveal,
    seed: derived.seed,
    frames: input.frames,
    inspectors: input.inspectors,
    departmentNames: input.departmentNames,
    result,
    recordDigest: digest,
    signature: sign ? sign(digest) : null,
  };
}

/** JSON.stringify replacer writing the engine's typed arrays as plain arrays. */
export const typedArraysAsArrays = (_key: string, value: unknown): unknown =>
  ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value;

/** JSON text of a bundle (typed arrays written as plain arrays). */
export function bundleJson(bundle: DrawBundle): string {
  return JSON.stringify(bundle, typedArraysAsArrays);
}

/** Frames read back from JSON: plain arrays become the engine's typed arrays again. */
export function framesFromJson(frames: Frames): Frames {
  return {
    ...frames,
    items: frames.items.map((item) => ({
      ...item,
      members: Int32Array.from(item.members as unknown as number[]),
      piPpm: Int32Array.from(item.piPpm as unknown as number[]),
      stratum: Uint8Array.from(item.stratum as unknown as number[]),
    })),
  };
}

/** A bundle read from a file, or why it cannot be one. */
export function parseBundle(text: string): { bundle: DrawBundle } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: '文件不是有效的 JSON' };
  }
  const b = raw as Partial<DrawBundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT)
    return { problem: `不是抽取记录包（应为 ${BUNDLE_FORMAT} 格式）` };
  const missing = (['commitment', 'reveal', 'seed', 'frames', 'inspectors', 'result', 'recordDigest'] as const).filter(
    (k) => b[k] === undefined || b[k] === null,
  );
  if (missing.length > 0) return { problem: `记录包缺少字段：${missing.join('、')}` };
  const frames = b.frames!;
  if (
    !Array.isArray(frames.usccs) ||
    !Array.isArray(frames.items) ||
    frames.items.some((i) => !Array.isArray(i.members) || !Array.isArray(i.piPpm) || !Array.isArray(i.stratum))
  ) {
    return { problem: '记录包中的抽查对象框架格式不正确' };
  }
  return { bundle: { ...(b as DrawBundle), frames: framesFromJson(frames) } };
}
