/** 公民身份号码 (GB 11643-1999): 17 digits and a check character; only the masked form is kept. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idCardCheckCharacter(first17: string): string {
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return checkChars[sum % 11]!;
}

export function idCardProblem(input: string): string | null {
  const id = input.trim().toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return '身份证号应为 18 位（末位可为 X）';
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth)
    return '身份证号中的出生日期无效';
  if (idCardCheckCharacter(id.slice(0, 17)) !== id[17]) return '身份证号校验位错误';
  return null;
}

export const maskIdCard = (id: string): string => {
  const v = id.trim().toUpperCase();
  return `${v.slice(0, 6)}********${v.slice(14)}`;
};
