/** 统一社会信用代码 (GB 32100-2015) with its embedded organisation code (GB 11714). */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccCheck = { valid: true } | { valid: false; reason: string };

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += alphabet.indexOf(first17[i]!) * usccWeights[i]!;
  return alphabet[(31 - (sum % 31)) % 31]!;
}

export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const c = first8[i]!;
    const value = /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * orgWeights[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * 登记管理部门代码 (first character) and the 机构类别代码 (second) each allows, GB 32100-2015 附录 A:
 * 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商（市场监管）,
 * A 中央军委改革和编制办公室, N 农业, Y 其他. A code outside the table (such as 000000000000000000, whose
 * check characters happen to compute) was never assigned.
 */
const categories: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { valid: false, reason: `长度应为 18 位，实际 ${code.length} 位` };
  const bad = [...code].findIndex((c) => !alphabet.includes(c));
  if (bad >= 0)
    return { valid: false, reason: `第 ${bad + 1} 位字符“${code[bad]}”不在允许的字符集内（不使用 I、O、S、V、Z）` };
  if (/^(.)\1{17}$/.test(code)) return { valid: false, reason: `18 位都是“${code[0]}”，不是登记机关赋予的代码` };
  const allowed = categories[code[0]!];
  if (!allowed)
    return {
      valid: false,
      reason: `第 1 位登记管理部门代码“${code[0]}”不存在（应为 1–9、A、N 或 Y）`,
    };
  if (!allowed.includes(code[1]!))
    return {
      valid: false,
      reason: `第 2 位机构类别代码“${code[1]}”不适用于登记管理部门代码“${code[0]}”（应为 ${[...allowed].join('、')} 之一）`,
    };
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return { valid: false, reason: '第 3–8 位行政区划码应为数字' };
  const org = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || org[8] !== orgCodeCheckCharacter(org.slice(0, 8))) {
    return {
      valid: false,
      reason: `第 9–17 位组织机构代码校验位错误（应为 ${orgCodeCheckCharacter(org.slice(0, 8))}）`,
    };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected)
    return { valid: false, reason: `第 18 位校验码错误（应为 ${expected}，实际 ${code[17]}）` };
  return { valid: true };
}

/** A valid USCC for a government organ (登记管理部门 1 机构编制, 类别 1 机关) built from a serial number. */
export function organUscc(division: string, serial: number): string {
  const org8 = `MB${String(serial).padStart(6, '0')}`;
  const first17 = `11${division}${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

/** A valid USCC for an enterprise (登记管理部门 9 市场监管, 类别 1 企业) built from a serial number (demo, tests). */
export function enterpriseUscc(division: string, serial: number): string {
  const org8 = String(serial % 100_000_000).padStart(8, '0');
  const first17 = `91${division}${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}
