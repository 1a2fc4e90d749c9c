// Builds what `npm start` runs when it is missing or older than its sources: the server bundle (dist/) and the
// web app (web/dist); and, before a first start on an empty embedded data directory, the prebuilt demo city
// (dist/demo, src/demo/demo-snapshot.ts) when it is missing or older than the server bundle. In the release there
// are no sources, only the built output, which must then be present (it has no prebuilt demo city: the demo is seeded).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    if (entry.name === 'dist' || entry.name === 'node_modules') return max;
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

const server = 'dist/cli/main.js';
const web = 'web/dist/index.html';
if (!existsSync('src')) {
  const absent = [server, web].filter((file) => !existsSync(file));
  if (absent.length > 0) {
    console.error(`发布包不完整，缺少：${absent.join('、')}`);
    process.exit(1);
  }
} else {
  const sources = newest('src');
  // package.json counts: a package moved between dependencies and devDependencies changes what the build accepts.
  if (builtAt(server) < Math.max(sources, statSync('package.json').mtimeMs, statSync('scripts/build.mjs').mtimeMs)) {
    console.log('构建服务端……');
    execSync('npm run --silent build:server', { stdio: 'inherit' });
  }
  // The web app imports the server's schemas and types (@server), so a change in src/ rebuilds it too.
  if (builtAt(web) < Math.max(newest('web'), sources)) {
    console.log('构建网页……');
    execSync('npm run --silent build:web', { stdio: 'inherit' });
  }
  // Only worth it when this start will load it: no PostgreSQL, no database in the data directory yet.
  const dataDir = process.env.LIANJIAN_DATA_DIR || './data';
  const firstEmbeddedStart =
    !process.env.DATABASE_URL && dataDir !== 'memory://' && !existsSync(join(dataDir, 'PG_VERSION'));
  if (firstEmbeddedStart && builtAt('dist/demo/demo-city.json') < builtAt(server)) {
    console.log('生成预构建演示库……');
    execSync('npm run --silent build:demo', { stdio: 'inherit' });
  }
}
