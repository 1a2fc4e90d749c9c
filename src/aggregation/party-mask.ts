/**
 * A citizen party's 行政相对人编码 is an identity document number (证件类型 other than 001 统一社会信用代码). The
 * received record keeps it (the provincial exchange export sends it on), but lists show it masked: the first 3 and
 * last 2 characters only.
 */
export function isCitizenCode(record: Record<string, unknown>, field: string): boolean {
  return field === '行政相对人编码' && record['证件类型'] !== undefined && record['证件类型'] !== '001';
}

const mask = (value: string) =>
  value.length <= 5
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;

/** The record as a list shows it: a citizen's identity number masked. */
export function withCitizenCodeMasked(record: Record<string, unknown>): Record<string, unknown> {
  const code = record['行政相对人编码'];
  return typeof code === 'string' && code && isCitizenCode(record, '行政相对人编码')
    ? { ...record, 行政相对人编码: mask(code) }
    : record;
}
