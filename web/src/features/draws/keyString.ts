/**
 * RFC 3797 key string from the drawn numbers of each source: each source's numbers sorted
 * ascending, each followed by ".", each source ended by "/" — e.g. 9319./2.5.8.10.12./.
 * Numbers may be typed separated by spaces, commas or other non-digits.
 */
export function keyStringOf(sources: readonly string[]): string {
  return sources
    .map((text) => (text.match(/\d+/g) ?? []).map((n) => Number(n)).sort((a, b) => a - b))
    .filter((numbers) => numbers.length > 0)
    .map((numbers) => `${numbers.map((n) => `${n}.`).join('')}/`)
    .join('');
}
