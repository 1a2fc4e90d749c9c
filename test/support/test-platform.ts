import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config';
import { seedDemo, skipDemoPasswordChange } from '../../src/demo/demo-seed';
import { buildApp } from '../../src/http/app';
import { openPlatform, type Platform } from '../../src/platform';
import type { AppDeps, Clock } from '../../src/shared/context';

let shared: Promise<Platform> | undefined;
let isolated: Promise<Platform> | undefined;

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return configOn(inject('databaseUrl'), overrides);
}

/**
 * Audit checkpoints and their key go with the database, as in a deployment: one directory for each of the run's two
 * databases (the shared one, the isolated one)
 * (each checkpoint is also an entry of the chain, and verification compares the two), never the working directory.
 */
const auditFilesOf = new Map<string, string>();

function configOn(
  url: string | null,
  overrides: Partial<AppConfig>,
  which: 'shared' | 'isolated' = 'shared',
): AppConfig {
  if (!auditFilesOf.has(which)) auditFilesOf.set(which, mkdtempSync(join(tmpdir(), 'lianjian-test-audit-')));
  const auditFiles = auditFilesOf.get(which)!;
  // Tests log in far more often than people do; the login rate limit has its own test.
  // No notification dispatcher timer: tests send outbound messages explicitly (test/notifications/notifications.test.ts).
  const base = loadConfig({
    LIANJIAN_DATA_DIR: 'memory://',
    LIANJIAN_LOGIN_RATE_PER_MINUTE: '10000',
    LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0',
    // Uploads of this test process only: a test that cleans the folder never touches another run's files.
    LIANJIAN_UPLOAD_DIR: join(tmpdir(), `lianjian-test-uploads-${process.pid}`),
    LIANJIAN_AUDIT_CHECKPOINT_DIR: join(auditFiles, 'audit-checkpoints'),
    LIANJIAN_AUDIT_KEY_FILE: join(auditFiles, 'keys', 'audit-checkpoint.key'),
    LIANJIAN_RECORD_KEY_FILE: join(auditFiles, 'keys', 'record-id.key'),
    LIANJIAN_COMPLAINANT_KEY_FILE: join(auditFiles, 'keys', 'complainant.key'),
    ...(url ? { DATABASE_URL: url } : {}),
  });
  return { ...base, ...overrides };
}

async function openDemoPlatform(config: AppConfig): Promise<Platform> {
  const platform = await openPlatform(config);
  // A small demo city keeps the shared database quick to build; the generator is the same.
  await seedDemo(platform.deps, { subjects: 600 });
  // Tests sign in as the demo accounts throughout; the change at first login has its own tests (test/auth).
  await skipDemoPasswordChange(platform.deps.db);
  return platform;
}

/** One migrated database for the whole run, with the demo city loaded. */
export function testPlatform(): Promise<Platform> {
  shared ??= openDemoPlatform(testConfig());
  return shared;
}

/**
 * A second migrated database with the same demo city, for the suites that call every route with whatever they
 * generate (the route matrix, the bad-input corpus): their writes never reach the database the other tests share.
 */
function isolatedPlatform(): Promise<Platform> {
  isolated ??= openDemoPlatform(configOn(inject('isolatedDatabaseUrl'), {}, 'isolated'));
  return isolated;
}

/** A clock tests can move: deadlines, lock-outs and idle expiry depend on it. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** Moves a test clock to a China-time instant such as '2026-12-01T09:00:00' (back or forward). */
export function setChinaTime(t: { clock: TestClock }, iso: string): void {
  const target = new Date(`${iso}+08:00`).getTime();
  t.clock.advanceMinutes((target - t.clock.now().getTime()) / 60_000);
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: TestClock;
}

/** An HTTP app over the shared database with its own clock (and optionally its own config). */
export async function testApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const platform = await testPlatform();
  const clock = new TestClock();
  const deps: AppDeps = { db: platform.deps.db, config: testConfig(overrides), clock };
  const app = await buildApp(deps);
  appDeps.set(app, deps);
  return { app, deps, clock };
}

/** An HTTP app over the isolated database (see isolatedPlatform): for suites whose writes must not reach the shared one. */
export async function isolatedApp(): Promise<TestApp> {
  const platform = await isolatedPlatform();
  const clock = new TestClock();
  const deps: AppDeps = { db: platform.deps.db, config: platform.deps.config, clock };
  const app = await buildApp(deps);
  appDeps.set(app, deps);
  return { app, deps, clock };
}

const appDeps = new WeakMap<FastifyInstance, AppDeps>();
/** The database an app built here works on (the shared one unless it is an isolated app). */
export async function databaseOf(app: FastifyInstance): Promise<AppDeps['db']> {
  return appDeps.get(app)?.db ?? (await testPlatform()).deps.db;
}
