import type { Db } from '../db/database';

/** A cheap read of a migrated table: proves the database answers and has the schema. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.selectFrom('departments').select('id').limit(1).execute();
}
