export interface CalendarYearTable {
  year: number;
  file_name: string;
  holidays: number;
  workdays: number;
  loaded_by: number | null;
  loaded_at: Date;
}
export interface CalendarDayTable {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
}
