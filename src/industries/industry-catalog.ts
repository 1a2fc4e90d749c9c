import { readFileSync } from 'node:fs';
import type { Db } from '../db/database';
import { anyIndustryStored, insertIndustries } from './industry.repository';

/** GB/T 4754-2017: sections (level 1, a letter), divisions (2 digits), groups (3), classes (4). */
export interface Industry {
  level: 1 | 2 | 3 | 4;
  code: string;
  section: string;
  name: string;
}

const source = new URL('../../reference/gbt4754-2017-industries.csv', import.meta.url);
let catalog: Map<string, Industry> | undefined;

/** The national industry table shipped in reference/ (replaceable file), parsed once. */
export function industryCatalog(): Map<string, Industry> {
  if (catalog) return catalog;
  const rows = readFileSync(source, 'utf8').trim().split(/\r?\n/).slice(1);
  catalog = new Map(
    rows.map((line) => {
      const [level, code, section, ...name] = line.split(',');
      return [
        code!,
        { level: Number(level) as Industry['level'], code: code!, section: section!, name: name.join(',') },
      ];
    }),
  );
  return catalog;
}

/** Why a code is not a usable GB/T 4754 code, or null. Subjects carry division-, group- or class-level codes. */
export function industryCodeProblem(code: string): string | null {
  const industry = industryCatalog().get(code);
  if (!industry) return `行业代码 ${code} 不在 GB/T 4754-2017 中`;
  if (industry.level === 1) return `行业代码 ${code} 是门类，请填写大类、中类或小类代码`;
  return null;
}

export const industryName = (code: string): string | null => industryCatalog().get(code)?.name ?? null;

/** Fills the industries table from the reference file when it is empty (SQL joins and filters use it). */
export async function ensureIndustries(db: Db): Promise<void> {
  if (await anyIndustryStored(db)) return;
  const all = [...industryCatalog().values()];
  for (let i = 0; i < all.length; i += 500) {
    await insertIndustries(db, all.slice(i, i + 500));
  }
}
