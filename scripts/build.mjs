// Compiles the server and CLI into one ES module, dist/cli/main.js, with a source map (run it with
// `node --enable-source-maps`). Packages stay external: they load from node_modules at run time, so the
// release installs them with `npm ci --omit=dev` and the bundle holds only this project's code.
//
// The output sits two levels below the package root on purpose: src/industries/industry-catalog.ts and
// src/http/app.ts find reference/ and web/dist relative to their own file ('../../…'), and from
// dist/cli/main.js those same paths reach the same folders.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const runtime = new Set(Object.keys(pkg.dependencies));
const builtins = new Set(builtinModules);

const result = await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // The stack traces name src/… files: the map keeps the sources, so none of src/ is needed at run time.
  sourcesContent: true,
  metafile: true,
  logLevel: 'warning',
});

// A package imported by the server but listed only in devDependencies would pass every test in a checkout
// and fail in the release, where `npm ci --omit=dev` leaves it out: refuse to build instead.
const packageName = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');
const missing = new Set();
for (const output of Object.values(result.metafile.outputs))
  for (const { path, external } of output.imports) {
    if (!external || path.startsWith('node:') || builtins.has(path)) continue;
    if (!runtime.has(packageName(path))) missing.add(packageName(path));
  }
if (missing.size > 0) {
  console.error(`服务端引用的包不在 package.json 的 dependencies 中（发布包里不会安装）：${[...missing].join('、')}`);
  // No output, or `npm start` would take the refused bundle for an up-to-date one.
  rmSync('dist/cli', { recursive: true, force: true });
  process.exit(1);
}
const bytes = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('main.js'))[1].bytes;
console.log(`已构建 dist/cli/main.js（${(bytes / 1024).toFixed(0)} KB）`);
