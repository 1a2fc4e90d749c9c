import { createHash, randomBytes } from 'node:crypto';

/** Statuses before any visit: a notice cannot be issued for 待发布, 已作废 or 已合并 tasks. */
export const notIssuable = new Set(['待发布', '已作废', '已合并']);
/** Statuses before the results are in: the evaluation opens after these (or when the window has ended). */
export const beforeVisit = new Set(['待发布', '已发布', '已排期', '检查中']);
/** A code stays readable for 30 days after the window ends. */
const VALID_DAYS_AFTER_WINDOW = 30;
/** 查询码 alphabet without look-alike characters (0/O, 1/I/L). */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const verifyPathOf = (token: string): string => `/public/verify/${token}`;

export const hashQueryCode = (uscc: string, code: string): string =>
  createHash('sha256').update(`${uscc.toUpperCase()}:${code.toUpperCase()}`).digest('hex');

export function newQueryCode(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => QUERY_ALPHABET[b % QUERY_ALPHABET.length]).join('');
}

/** Window end (China time, end of day) plus 30 days. */
export function expiryOf(windowTo: string): Date {
  return new Date(new Date(`${windowTo}T23:59:59+08:00`).getTime() + VALID_DAYS_AFTER_WINDOW * 86_400_000);
}
