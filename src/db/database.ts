import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import { lockDataDir } from './data-dir-lock';
import { prepareRegisteredStatements } from './prepared-statements';
import { extractDataDirTarball } from './data-dir-tarball';
import type { Database } from './schema';
import { registerPgliteBulk, registerPostgresBulk } from './bulk-copy';

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
  /** Names the server's address in the embedded data directory's lock; nothing on PostgreSQL. */
  announce(url: string | null): void;
  /** PGlite only: the whole data directory as a gzipped tarball (a consistent copy: taken through the open database). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

/** Opens the embedded PGlite database (default) or PostgreSQL through one code path: Kysely's PostgresDialect over a pg Pool. */
export async function openDatabase(
  database: AppConfig['database'],
  /** PGlite only: `loadDataDir` restores a backup into an empty directory. */
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    pool.on('connect', prepareRegisteredStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerPostgresBulk(db, pool);
    const location = database.url.replace(/:[^:@/]*@/, ':***@');
    return { db, kind: 'postgres', location, announce: () => undefined, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dataDir = database.dataDir === 'memory://' ? 'memory://' : resolve(database.dataDir);
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  // One process at a time on a data directory (two corrupt it); taken before PGlite touches any file.
  const lock = dataDir === 'memory://' ? null : lockDataDir(dataDir, database.dataDir);
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let pglite: InstanceType<typeof PGlite>;
  try {
    // On disk, a tarball is written by Node's file calls (data-dir-tarball.ts), several times faster than PGlite's
    // loadDataDir; PGlite then opens it as an existing database (and still refuses one already there).
    let loadDataDir = options.loadDataDir;
    if (loadDataDir && dataDir !== 'memory://') {
      if (existsSync(join(dataDir, 'PG_VERSION'))) throw new Error('Database already exists, cannot load from tarball');
      extractDataDirTarball(Buffer.from(await loadDataDir.arrayBuffer()), dataDir);
      loadDataDir = undefined;
    }
    pglite = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // PGlite is a single connection: the pool is sized 1, so queries and transactions are serialised.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerPgliteBulk(db, pglite);
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    announce: (url) => lock?.announce(url),
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
