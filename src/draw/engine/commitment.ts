import { canonicalJson } from '../../shared/canonical-json';
import { ALGORITHM_VERSION, CURRENT_TREE_ARITY } from './algorithm';
import { frameRoot, strataDigest } from './merkle';
import { hexDigest } from './prn';
import { rfc3797Sources } from './rfc3797';
import type { Frames, HashName, RoundInspector, RoundParams } from './types';

/**
 * Where the round's randomness will come from, declared before it exists. `drawsAt` is the moment
 * the declared lottery draws (China time, 'YYYY-MM-DDTHH:mm:00+08:00'; with several sources, the
 * last of them): the platform refuses numbers before it. Commitments made before the time was
 * declared lack it.
 */
export type EntropyDeclaration =
  { kind: 'lottery'; description: string; sources: number; drawsAt?: string } | { kind: 'local'; seedHash: string };

/** What is published before the draw (docs/draw.md, 确切定义). */
export interface Commitment {
  algorithm: string;
  round: RoundParams;
  /** Merkle root over the frame snapshot. */
  frameRoot: string;
  /** Digest of the members' strata (credit classes), kept out of the public leaves. */
  strataDigest: string;
  frameSubjects: number;
  frameItems: { code: string; design: string; size: number }[];
  /** Digest of the inspector snapshot, so assignment inputs cannot change after the seed is known. */
  inspectorDigest: string;
  entropy: EntropyDeclaration;
  committedAt: string;
  /**
   * The credit evaluation whose classes the frame holds: the run pushed last before the commitment, with the digest of
   * its results (null: none pushed yet). Absent in commitments made before it was recorded.
   */
  creditRun?: CreditRunRef | null;
}

export interface CreditRunRef {
  runNo: string;
  resultsDigest: string | null;
}

export function inspectorDigest(hash: HashName, inspectors: readonly RoundInspector[]): string {
  return hexDigest(hash, canonicalJson([...inspectors].sort((a, b) => a.id - b.id)));
}

export function buildCommitment(
  round: RoundParams,
  frames: Frames,
  inspectors: readonly RoundInspector[],
  entropy: EntropyDeclaration,
  committedAt: string,
  creditRun?: CreditRunRef | null,
  /** The frame's Merkle root when already computed (merkle-threads.ts); otherwise computed here. */
  knownFrameRoot?: string,
): Commitment {
  return {
    ...(creditRun === undefined ? {} : { creditRun }),
    algorithm: ALGORITHM_VERSION,
    round,
    frameRoot: knownFrameRoot ?? frameRoot(round.hash, frames, CURRENT_TREE_ARITY),
    strataDigest: strataDigest(round.hash, frames),
    frameSubjects: frames.usccs.length,
    frameItems: frames.items.map((i) => ({ code: i.code, design: i.design, size: i.members.length })),
    inspectorDigest: inspectorDigest(round.hash, inspectors),
    entropy,
    committedAt,
  };
}

export function commitmentHash(commitment: Commitment): string {
  return hexDigest(commitment.round.hash, canonicalJson(commitment));
}

/** The revealed entropy: a key string formed as in RFC 3797, or the local seed whose hash was committed. */
export type EntropyReveal = { kind: 'lottery'; keyString: string } | { kind: 'local'; seed: string };

/**
 * seed = H(commitment hash ‖ key string) — or ‖ the local seed, which must hash to what was
 * committed. Returns the seed or the reason it cannot be formed.
 */
export function deriveSeed(commitment: Commitment, reveal: EntropyReveal): { seed: string } | { problem: string } {
  const hash = commitment.round.hash;
  const committed = commitmentHash(commitment);
  if (commitment.entropy.kind !== reveal.kind) return { problem: '录入的随机源类型与承诺时声明的不一致' };
  if (reveal.kind === 'local') {
    if (commitment.entropy.kind !== 'local' || hexDigest(hash, reveal.seed) !== commitment.entropy.seedHash) {
      return { problem: '本地随机种子与承诺时公布的摘要不符' };
    }
    return { seed: hexDigest(hash, committed + reveal.seed) };
  }
  if (!/^([0-9]+\.)+\/(([0-9]+\.)+\/)*$/.test(reveal.keyString))
    return { problem: '密钥串格式应为 RFC 3797：各随机源的数字升序、每个数字后加“.”，每个随机源以“/”结束' };
  const groups = rfc3797Sources(reveal.keyString);
  if (groups.some((g) => g.some((n, i) => i > 0 && n < g[i - 1]!)))
    return { problem: '密钥串中每个随机源的数字应按升序排列' };
  const sources = groups.length;
  if (commitment.entropy.kind === 'lottery' && sources !== commitment.entropy.sources) {
    return { problem: `承诺声明了 ${commitment.entropy.sources} 个随机源，密钥串含 ${sources} 个` };
  }
  return { seed: hexDigest(hash, committed + reveal.keyString) };
}
