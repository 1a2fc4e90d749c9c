import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chinaDate } from '../../src/shared/china-date';
import { launchPlatform } from './platform-process';

/**
 * The browser run loads the demo city once: `lianjian start` on an empty directory, exactly as each test file's
 * platform started before, stopped at once; startPlatform then gives every file its own copy of that directory
 * (its own database, uploads, audit checkpoints and signing key), so the files stay independent of each other.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-browser-template-'));
  const dataDir = join(dir, 'data');
  const day = chinaDate(new Date());
  const platform = await launchPlatform(dataDir);
  await platform.stop();
  project.provide('platformTemplate', { dataDir, chinaDate: day });
  return () => rmSync(dir, { recursive: true, force: true });
}
