// Checks the two rules ESLint cannot see file by file (docs/architecture.md):
// 1. no import cycles in src/ or web/src, type-only imports included;
// 2. a table is written only by the capability that owns it (the folder whose *.table.ts
//    defines the table type that src/db/schema.ts lists).
// Prints every violation and exits 1 when there is one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g;

/** Resolves a relative or `@/` specifier to a file of the project, or undefined for packages. */
function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else if (specifier.startsWith('@/')) base = join(root, 'web/src', specifier.slice(2));
  else if (specifier.startsWith('@server/')) base = join(root, 'src', specifier.slice(8));
  else return undefined;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(importPattern)]
      .map((m) => resolveImport(file, m[1]!))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), i.e. the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** table name → owning capability folder, read from src/db/schema.ts. */
function tableOwners(): Map<string, string> {
  const schema = readFileSync(join(root, 'src/db/schema.ts'), 'utf8');
  const typeHome = new Map<string, string>();
  for (const m of schema.matchAll(/import type \{([^}]*)\} from '\.\.\/([a-z-]+)\//g)) {
    for (const name of m[1]!.split(',')) typeHome.set(name.trim(), m[2]!);
  }
  const owners = new Map<string, string>();
  for (const m of schema.matchAll(/^\s+([a-z_]+): ([A-Za-z]+);/gm)) {
    owners.set(m[1]!, typeHome.get(m[2]!) ?? 'db');
  }
  return owners;
}

function foreignWrites(): string[] {
  const owners = tableOwners();
  const problems: string[] = [];
  // The demo city is a fixture loader: it bulk-writes the registers it generates.
  const files = filesUnder(join(root, 'src'), /\.ts$/).filter(
    (f) => !f.includes('/src/db/') && !f.includes('/src/demo/'),
  );
  for (const file of files) {
    const capability = relative(join(root, 'src'), file).split('/')[0]!;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.(insertInto|updateTable|deleteFrom|mergeInto)\(\s*'([a-z_]+)/g)) {
      const owner = owners.get(m[2]!);
      if (owner === undefined) {
        problems.push(`${relative(root, file)}：写入未在 src/db/schema.ts 登记的表 ${m[2]}`);
      } else if (owner !== capability) {
        const line = text.slice(0, m.index).split('\n').length;
        problems.push(`${relative(root, file)}:${line}：${m[1]} ${m[2]} —— 该表属于 src/${owner}，请调用它的服务`);
      }
    }
  }
  return problems;
}

const problems: string[] = [];
for (const [name, dir, pattern] of [
  ['src', join(root, 'src'), /\.ts$/],
  ['web/src', join(root, 'web/src'), /\.(ts|vue)$/],
] as const) {
  for (const cycle of cycles(importGraph(filesUnder(dir, pattern)))) {
    problems.push(`${name} 中的循环导入：${cycle.map((f) => relative(root, f)).join(' ⇄ ')}`);
  }
}
problems.push(...foreignWrites());

if (problems.length > 0) {
  console.error(`架构检查未通过（${problems.length} 处）：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('架构检查通过：没有循环导入，每张表只由所属能力写入。');
