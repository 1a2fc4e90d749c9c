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

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { valid: false, reason: `长度应为 18 位，实际 ${code.length} 位` };
  const bad = [...code].findIndex((c) => !alphabet.includes(c));
  if (bad >= 0)
    return { valid: false, reason: `第 ${bad + 1} 位字符“${code[bad]}”不在允许的字符集内（不使用 I、O、S、V、Z）` };
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
