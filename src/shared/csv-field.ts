/**
 * One CSV field as every CSV this platform writes spells it. Text a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return: `=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a
 * leading apostrophe, which Excel and WPS show as text and do not display; a plain number such as
 * -3.5 is left as it is, since it is harmless and a reader expects the number. Fields with a comma,
 * a quote or a line break are quoted (RFC 4180).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
