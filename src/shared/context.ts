import type { AppConfig } from '../config';
import type { Db } from '../db/database';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every service needs besides its arguments; built once at start-up. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  clock: Clock;
}
