import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

/**
 * LIANJIAN_TEST_DB=postgres runs the module tests on a fresh PostgreSQL database created here
 * and dropped afterwards (server from LIANJIAN_TEST_PG_URL, default 127.0.0.1:5432); otherwise PGlite in memory.
 */
export default async function setup(project: TestProject) {
  if (process.env.LIANJIAN_TEST_DB !== 'postgres') {
    project.provide('databaseUrl', null);
    return;
  }
  const serverUrl = process.env.LIANJIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `lianjian_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());
  console.log(`模块测试使用 PostgreSQL 数据库 ${name}`);
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}
