import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { divisionsNamed, knownDivisionCodes, listDivisions, upsertDivisions } from './division.repository';
import { divisionLevels, type DivisionTable } from './division.table';

export { listDivisions };

/** code → name for the given division codes; a code with no entry is absent (pages then show the code). */
export async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await divisionsNamed(db, [...new Set(codes)])).map((d) => [d.code, d.name]));
}

const codePattern = /^\d{6}(\d{3}|\d{6})?$/;

/**
 * Loads a division table (each row: code, name, parent code, level), all or nothing. Every problem is
 * reported with its row number (1-based, as the operator's file counts them after the header).
 */
export async function loadDivisions(db: Db, rows: readonly DivisionTable[]): Promise<number> {
  const problems: string[] = [];
  const inFile = new Set<string>();
  rows.forEach((row, i) => {
    const at = `第 ${i + 1} 行`;
    if (!codePattern.test(row.code)) problems.push(`${at}：区划代码“${row.code}”应为 6、9 或 12 位数字`);
    if (inFile.has(row.code)) problems.push(`${at}：区划代码 ${row.code} 重复`);
    inFile.add(row.code);
    if (row.name.trim() === '') problems.push(`${at}：名称不能为空`);
    if (!(divisionLevels as readonly string[]).includes(row.level)) {
      problems.push(`${at}：层级“${row.level}”应为 ${divisionLevels.join('、')} 之一`);
    }
  });
  const parents = rows.map((r) => r.parent_code).filter((p): p is string => p !== null && !inFile.has(p));
  const known = await knownDivisionCodes(db, parents);
  rows.forEach((row, i) => {
    if (row.parent_code !== null && !inFile.has(row.parent_code) && !known.has(row.parent_code)) {
      problems.push(`第 ${i + 1} 行：上级区划 ${row.parent_code} 不存在`);
    }
  });
  if (problems.length > 0)
    throw new AppError('VALIDATION', `行政区划表有 ${problems.length} 处错误：${problems.join('；')}`);
  await upsertDivisions(
    db,
    rows.map((r) => ({ ...r, name: r.name.trim() })),
  );
  return rows.length;
}
