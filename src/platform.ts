import type { AppConfig } from './config';
import { checkComplainantKeyAtStart } from './complaints/complainant-key';
import { type DatabaseHandle, openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ensureIndustries } from './industries/industry-catalog';
import { checkRecordKeyAtStart } from './records/record-key-check.service';
import { ensureBuiltinRoles } from './roles/role-bootstrap';
import { type AppDeps, type Clock, systemClock } from './shared/context';

export interface Platform {
  deps: AppDeps;
  database: DatabaseHandle;
  migrationsApplied: string[];
  close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations and makes sure the built-in roles exist. `loadDataDir` (embedded
 * database only): a data directory tarball loaded into the empty directory first (the prebuilt demo city).
 */
export async function openPlatform(
  config: AppConfig,
  clock: Clock = systemClock,
  options: { loadDataDir?: Blob } = {},
): Promise<Platform> {
  const database = await openDatabase(config.database, options);
  // A loaded tarball carries the lock file of the process that made it: the lock is this process's again.
  if (options.loadDataDir) database.announce(null);
  try {
    const migrationsApplied = await migrateToLatest(database.db);
    await ensureBuiltinRoles(database.db, clock.now(), config.auditHash);
    await ensureIndustries(database.db);
    await checkRecordKeyAtStart(database.db, config);
    await checkComplainantKeyAtStart(database.db, config);
    return { deps: { db: database.db, config, clock }, database, migrationsApplied, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
