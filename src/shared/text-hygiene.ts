/**
 * Text no part of the platform stores: the NUL character (PostgreSQL refuses it in text and JSON) and a
 * lone UTF-16 surrogate (half of a character, which has no UTF-8 form). Requests with them are refused
 * (src/http/input-hygiene.ts); imported cells with them are field errors (src/imports/cell-parsers.ts).
 */
export type TextFault = 'nul' | 'surrogate';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textFault(text: string): TextFault | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return null;
}

/** What a fault is called in a message (Chinese). */
export const textFaultNames: Record<TextFault, string> = {
  nul: '空字符',
  surrogate: '不成对的 UTF-16 代理字符',
};

/** The text with NUL removed and each lone surrogate replaced by U+FFFD, safe to show and to store. */
export const visibleText = (text: string): string =>
  text.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
