// What the readers produce, apart from the engine and the table source so that the readers depend on neither.

/** A cell as read from CSV (always text) or XLSX (text, number, boolean or date). */
export type CellValue = string | number | boolean | Date | null;

/** One row of a sheet: its spreadsheet row number (header = 1) and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}
