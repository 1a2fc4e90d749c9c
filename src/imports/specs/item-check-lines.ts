import type { CheckItemInput } from '../../items/supervision-item.schemas';
import { checkMethods } from '../../items/supervision-item.schemas';
import type { CheckMethod } from '../../items/supervision-item.table';
import { type CellParser, cellText } from '../cell-parsers';

/** One line of the 检查内容 cell: a check item without its code. */
export type CheckLine = Omit<CheckItemInput, 'code'>;

/** A check item as stored for the item (withdrawn ones too: a line listed again gets its old code back). */
export interface StoredCheck extends CheckLine {
  code: string;
  active: boolean;
}

const isMethod = (text: string): text is CheckMethod => (checkMethods as readonly string[]).includes(text);

/** 检查内容: one check item per line, `内容｜方式｜依据` (full-width ｜ or ASCII |); every bad line is named. */
export const checkLinesCell: CellParser = (cell) => {
  const lines = cellText(cell)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const value: CheckLine[] = [];
  lines.forEach((line, i) => {
    const parts = line.split(/[｜|]/).map((p) => p.trim());
    if (parts.length !== 3) {
      problems.push(`第 ${i + 1} 条“${line}”应写成“内容｜方式｜依据”`);
      return;
    }
    const [content, method, basis] = parts as [string, string, string];
    if (!isMethod(method)) problems.push(`第 ${i + 1} 条的检查方式“${method}”应为 ${checkMethods.join('、')} 之一`);
    else value.push({ content, method, basis });
  });
  return problems.length ? { problem: problems.join('；') } : { value };
};

/** The inverse of checkLinesCell, for exports. */
export const checkLinesText = (checks: readonly CheckLine[]): string =>
  checks.map((c) => `${c.content}｜${c.method}｜${c.basis}`).join('\n');

const MAX_CODE = 40;

/**
 * Gives each line a check-item code, so that re-importing an export changes nothing and an edited line
 * stays the same check item (sampling items link check items by id). A line keeps the code of a stored
 * check item with the same content (active ones first); an unmatched line takes the code of the active
 * item at its position, if that one is unmatched (its content was edited); the rest get new codes
 * `<事项编码>-NN`, never reusing a stored one.
 */
export function assignCheckCodes(
  itemCode: string,
  lines: readonly CheckLine[],
  stored: readonly StoredCheck[],
): CheckItemInput[] {
  const taken = new Set<string>();
  const codes: (string | undefined)[] = lines.map((line) => {
    const same = [...stored]
      .sort((a, b) => Number(b.active) - Number(a.active))
      .find((s) => s.content === line.content && !taken.has(s.code));
    if (same) taken.add(same.code);
    return same?.code;
  });
  const active = stored.filter((s) => s.active);
  lines.forEach((_, i) => {
    const atPosition = active[i];
    if (codes[i] === undefined && atPosition && !taken.has(atPosition.code)) {
      codes[i] = atPosition.code;
      taken.add(atPosition.code);
    }
  });
  const used = new Set([...stored.map((s) => s.code), ...taken]);
  let n = 0;
  const fresh = () => {
    for (;;) {
      n += 1;
      const suffix = String(n).padStart(2, '0');
      const code = `${itemCode}-${suffix}`.length <= MAX_CODE ? `${itemCode}-${suffix}` : suffix;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
  return lines.map((line, i) => ({ code: codes[i] ?? fresh(), ...line }));
}
