import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionNames, auditEntityTypeNames } from '../../src/audit/audit-labels';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('audit labels', () => {
  it('names every action and entity type the server code records', () => {
    const code = sources(join(import.meta.dirname, '../../src'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const actions = new Set(
      [...code.matchAll(/action: (?:lockedUntil \? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)].flatMap(
        (m) => [m[1]!, m[2]].filter(Boolean) as string[],
      ),
    );
    const entityTypes = new Set([...code.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1]!));
    expect(actions.size).toBeGreaterThan(10);
    expect([...actions].filter((a) => !auditActionNames[a])).toEqual([]);
    expect([...entityTypes].filter((e) => !auditEntityTypeNames[e])).toEqual([]);
  });
});
