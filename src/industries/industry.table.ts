/** GB/T 4754-2017 industries, copied from the reference file so SQL can join and filter on them. */
export interface IndustryTable {
  code: string;
  level: number;
  section: string;
  name: string;
}
