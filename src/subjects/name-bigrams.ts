/**
 * Every pair of adjacent characters of a name, deduplicated. Trigram indexes cannot serve
 * 2-character queries (a common way to look up a Chinese company: 华为, 日照), a GIN index over these can.
 */
export function nameBigrams(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}
