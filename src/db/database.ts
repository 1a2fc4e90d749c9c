import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import type { Database } from './schema';

// One mapping for both engines: int8 → number (ids and counts stay far below 2^53),
// date → 'YYYY-MM-DD' string (calendar dates have no time zone).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location, for logs: the data directory or the URL without password. */
  location: string;
  close(): Promise<void>;
}

/** Opens the embedded PGlite database (default) or PostgreSQL through one code path: Kysely's PostgresDialect over a pg Pool. */
export async function openDatabase(database: AppConfig['database']): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: database.url.replace(/:[^:@/]*@/, ':***@'), close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dataDir = database.dataDir === 'memory://' ? 'memory://' : resolve(database.dataDir);
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // PGlite is a single connection: the pool is sized 1, so queries and transactions are serialised.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
