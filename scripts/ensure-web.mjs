// Builds the web app when web/dist is missing or older than its sources, so `npm start` always serves the current UI.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    if (entry.name === 'dist' || entry.name === 'node_modules') return max;
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

const built = 'web/dist/index.html';
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest('web'), newest('src'))) {
  console.log('构建网页……');
  execSync('npm run --silent build:web', { stdio: 'inherit' });
}
