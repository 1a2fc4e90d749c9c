/**
 * Visitor addresses a public route's limit remembers within its window. The counts are kept in memory, least
 * recently seen forgotten first; a guesser forgotten before its window ends would start again from zero, so the store
 * must outlast the window at the busiest public route's design load: the 检查码 verification at 3,000 requests a
 * second, in the worst case each from a new address, is 180,000 addresses a minute (some 200 bytes each when full).
 * The library's default (5,000) let a guesser that paused for a few seconds behind that many citizens start afresh.
 */
const VISITORS_KEPT = 200_000;

/** Route config of a public endpoint (no login): at most `max` requests per minute per client. */
export const publicRoute = (max: number) =>
  ({ public: true, rateLimit: { max, timeWindow: 60_000, cache: VISITORS_KEPT } }) as const;
