import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    /** A second database for suites that write freely (test/support/test-platform.ts isolatedApp); null: PGlite in memory. */
    isolatedDatabaseUrl: string | null;
  }
}

/**
 * LIANJIAN_TEST_DB=postgres runs the module tests on a fresh PostgreSQL database created here
 * and dropped afterwards (server from LIANJIAN_TEST_PG_URL, default 127.0.0.1:5432); otherwise PGlite in memory.
 */
export default async function setup(project: TestProject) {
  if (process.env.LIANJIAN_TEST_DB !== 'postgres') {
    project.provide('databaseUrl', null);
    project.provide('isolatedDatabaseUrl', null);
    return;
  }
  const serverUrl = process.env.LIANJIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `lianjian_test_${process.pid}_${Date.now()}`;
  const names = [name, `${name}_isolated`];
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const n of names) await admin.query(`CREATE DATABASE ${n} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const urlOf = (n: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${n}`;
    return url.toString();
  };
  project.provide('databaseUrl', urlOf(name));
  project.provide('isolatedDatabaseUrl', urlOf(names[1]!));
  console.log(`模块测试使用 PostgreSQL 数据库 ${name}`);
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    for (const n of names) await client.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    await client.end();
  };
}
