/**
 * Chinese full-text search without an extension: text is normalised (NFKC, so full-width letters and digits become
 * half-width; lower case; no white space, punctuation or symbols, so 国办发〔2015〕58号 and 国办发[2015]58号 are the
 * same) and matched as substrings, which works for queries of any length, one character included. The same
 * normalisation finds the matches again in the original text for highlighting.
 */
const dropped = /[\s\p{P}\p{S}]/gu;

export const normaliseText = (text: string): string => text.normalize('NFKC').toLowerCase().replace(dropped, '');

/** The query's terms (split on white space), normalised, empty ones dropped, duplicates once; at most 5. */
export function searchTerms(query: string): string[] {
  const terms = query
    .split(/\s+/)
    .map(normaliseText)
    .filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, 5);
}

export interface TextSegment {
  text: string;
  hit: boolean;
}

/** Where each term occurs in `text`, as [start, end) ranges of the original string, merged. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const chars: string[] = [];
  const origin: [number, number][] = [];
  let i = 0;
  for (const ch of text) {
    for (const n of ch.normalize('NFKC').toLowerCase().replace(dropped, '')) {
      chars.push(n);
      origin.push([i, i + ch.length]);
    }
    i += ch.length;
  }
  const flat = chars.join('');
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    let from = 0;
    for (;;) {
      const at = flat.indexOf(term, from);
      if (at < 0) break;
      // Positions count characters of `chars` (one code unit each for CJK and ASCII; surrogate pairs are not searched).
      ranges.push([origin[at]![0], origin[at + term.length - 1]![1]]);
      from = at + term.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The text cut into plain and highlighted segments (the page renders them, no HTML from the server). */
export function highlight(text: string, terms: readonly string[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}

/** A passage of the body around its first match (or its opening), about `length` characters, highlighted. */
export function snippet(body: string, terms: readonly string[], length = 120): TextSegment[] {
  const first = matchRanges(body, terms)[0];
  const start = first ? Math.max(0, first[0] - Math.floor(length / 3)) : 0;
  const end = Math.min(body.length, start + length);
  const cut = body.slice(start, end).replace(/\s+/g, ' ');
  const segments = highlight(cut, terms);
  if (start > 0) segments.unshift({ text: '…', hit: false });
  if (end < body.length) segments.push({ text: '…', hit: false });
  return segments;
}
