/**
 * Failed logins from one client address for one user name (as typed, existing or not): after a few
 * in a row the address is refused for that name for a while, longer each time.
 */
export interface LoginThrottleTable {
  username: string;
  address: string;
  /** Failures in a row from this address since its last success (or since it went quiet). */
  failures: number;
  blocked_until: Date | null;
  last_failed_at: Date;
}

/**
 * Failed logins for one user name from all addresses in the current hour window; past the ceiling the
 * name is locked (`locked_at`) until an administrator unlocks it.
 */
export interface LoginLockoutTable {
  username: string;
  window_started_at: Date;
  failures: number;
  locked_at: Date | null;
}
