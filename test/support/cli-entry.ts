import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
export const bin = join(root, 'bin/lianjian.js');
const bundle = join(root, 'dist/cli/main.js');

/**
 * How a test starts `lianjian` as a process: `node ARGS… <command>`. From a source checkout bin/lianjian.js compiles
 * the TypeScript through tsx at every start (seconds of CPU each time); `npm test` builds the bundle first and sets
 * LIANJIAN_TEST_BUILT=1, and the processes then run that bundle, as the release does. Without it (one test file
 * run by hand, maybe with an older build lying around) they run the sources, which are never stale.
 */
export function cliArgs(...args: string[]): string[] {
  if (process.env.LIANJIAN_TEST_BUILT !== '1') return [bin, ...args];
  if (!existsSync(bundle)) throw new Error(`LIANJIAN_TEST_BUILT=1，但没有构建产物 ${bundle}（先运行 npm run build）`);
  return ['--enable-source-maps', bundle, ...args];
}
