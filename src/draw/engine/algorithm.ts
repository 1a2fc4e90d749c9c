/**
 * Versions of the whole procedure (docs/draw.md, 确切定义). A commitment names the version it was made under; its draw
 * and every later verification run that version, so a record published under an earlier version still verifies.
 *
 * - lianjian-draw/2: the frame's Merkle tree is binary.
 * - lianjian-draw/3: the tree has 16 children to a node (about 67,000 inner nodes for a million subjects instead of
 *   a million, so the commitment hashes about half as often). Numbers, selection, merging and staffing are those of /2.
 */
export const ALGORITHM_VERSION = 'lianjian-draw/3';

const treeArities: Readonly<Record<string, number>> = {
  'lianjian-draw/2': 2,
  'lianjian-draw/3': 16,
};

/** Children per inner node of the frame's Merkle tree under `algorithm`, or null when this program does not know it. */
export function treeArity(algorithm: string): number | null {
  return Object.hasOwn(treeArities, algorithm) ? treeArities[algorithm]! : null;
}

/** The tree of the version new commitments are made under. */
export const CURRENT_TREE_ARITY = treeArities[ALGORITHM_VERSION]!;

export const unsupportedAlgorithm = (algorithm: string): string =>
  `本程序不支持算法版本 ${algorithm}（支持 ${Object.keys(treeArities).join('、')}）`;
