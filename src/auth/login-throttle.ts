/**
 * The lock-out rules as pure functions. Failures are counted per user name (as typed, whether or not
 * it exists) and client address: from the fifth failure in a row the address is refused for that name
 * for 1, 2, 4, 8 and then 15 minutes after each further failure, so a caller can slow down only its own
 * attempts; a success from the address, or an hour without failures, starts the count over. Over all
 * addresses, the name may fail `ACCOUNT_CEILING` times within an hour; past that it is locked until an
 * administrator unlocks it (a distributed guessing attack).
 */
export const FAILURES_BEFORE_BACKOFF = 5;
export const MAX_BACKOFF_MINUTES = 15;
export const ACCOUNT_CEILING = 50;
const HOUR_MS = 60 * 60_000;

export interface AddressCount {
  failures: number;
  blockedUntil: Date | null;
  lastFailedAt: Date;
}

/** The refusal still running for this address, if any. */
export const blockedUntil = (count: AddressCount | undefined, now: Date): Date | null =>
  count?.blockedUntil && count.blockedUntil > now ? count.blockedUntil : null;

/** The address's count after one more failure, and the refusal it earns (null below the threshold). */
export function addressFailure(previous: AddressCount | undefined, now: Date): AddressCount {
  const stale = !previous || now.getTime() - previous.lastFailedAt.getTime() > HOUR_MS;
  const failures = (stale ? 0 : previous.failures) + 1;
  const over = failures - FAILURES_BEFORE_BACKOFF;
  const minutes = over < 0 ? 0 : Math.min(MAX_BACKOFF_MINUTES, 2 ** over);
  return { failures, blockedUntil: minutes ? new Date(now.getTime() + minutes * 60_000) : null, lastFailedAt: now };
}

export interface AccountCount {
  windowStartedAt: Date;
  failures: number;
  lockedAt: Date | null;
}

/** The name's count over all addresses after one more failure; it locks when the hour's count reaches the ceiling. */
export function accountFailure(previous: AccountCount | undefined, now: Date): AccountCount {
  if (previous?.lockedAt) return { ...previous, failures: previous.failures + 1 };
  const fresh = !previous || now.getTime() - previous.windowStartedAt.getTime() >= HOUR_MS;
  const failures = (fresh ? 0 : previous.failures) + 1;
  return {
    windowStartedAt: fresh ? now : previous.windowStartedAt,
    failures,
    lockedAt: failures >= ACCOUNT_CEILING ? now : null,
  };
}
