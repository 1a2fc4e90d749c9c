import { createHash } from 'node:crypto';

/**
 * RFC 3797 key string: for each entropy source, its numbers sorted ascending (numerically),
 * written in decimal and each followed by "."; each source then ends with "/".
 * [[9319], [2, 5, 8, 10, 12], [9, 18, 26, 34, 41, 45]] → "9319./2.5.8.10.12./9.18.26.34.41.45./".
 */
export function rfc3797KeyString(sources: readonly (readonly number[])[]): string {
  return sources
    .map(
      (numbers) =>
        `${[...numbers]
          .sort((a, b) => a - b)
          .map((n) => `${n}.`)
          .join('')}/`,
    )
    .join('');
}

/** The numbers of each source read back from a key string ("9319./2.5./" → [[9319], [2, 5]]). */
export function rfc3797Sources(keyString: string): number[][] {
  return keyString
    .split('/')
    .slice(0, -1)
    .map((group) => group.split('.').slice(0, -1).map(Number));
}

/**
 * RFC 3797 §5 selection from a pool of `poolSize` equal candidates: for the i-th pick (i from 0)
 * the MD5 of the key string prefixed and suffixed with i as two bytes (big-endian) is read as an
 * unsigned 128-bit integer; modulo the number still in the pool it names the remaining candidate
 * to take. Returns 1-based positions in the original pool, in order of selection.
 */
export function rfc3797Select(poolSize: number, key: string, count: number): number[] {
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError('pool must be a positive integer');
  if (!Number.isInteger(count) || count < 0 || count > poolSize)
    throw new RangeError('count must be between 0 and the pool size');
  if (poolSize > 0xffff + 1 || count > 0xffff) throw new RangeError('RFC 3797 counts selections in two bytes');
  const remaining = Array.from({ length: poolSize }, (_, i) => i + 1);
  const keyBytes = Buffer.from(key, 'utf8');
  const picks: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const counter = Buffer.from([(i >> 8) & 0xff, i & 0xff]);
    const digest = createHash('md5')
      .update(Buffer.concat([counter, keyBytes, counter]))
      .digest('hex');
    const index = Number(BigInt(`0x${digest}`) % BigInt(remaining.length));
    picks.push(remaining.splice(index, 1)[0]!);
  }
  return picks;
}
