import { z } from 'zod';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const dayExceptionView = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
export type DayException = z.infer<typeof dayExceptionView>;

export const calendarYearView = z.object({
  year: z.number(),
  source: z.enum(['builtin', 'admin']),
  holidays: z.number(),
  workdays: z.number(),
  workingDays: z.number(),
  fileName: z.string().nullable(),
  loadedAt: z.string().nullable(),
  loadedBy: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof calendarYearView>;

export const calendarYearDaysView = z.object({
  year: z.number(),
  source: calendarYearView.shape.source,
  days: z.array(dayExceptionView),
});
export type CalendarYearDays = z.infer<typeof calendarYearDaysView>;

export const calendarLoad = z.object({
  fileName: z.string().trim().min(1).max(200),
  content: z.string().min(1, '文件为空').max(200_000, '文件过大'),
});

export const addWorkingDaysQuery = z.object({ date: isoDate, n: z.coerce.number().int().min(-1000).max(1000) });
export const countWorkingDaysQuery = z.object({ from: isoDate, to: isoDate });
export const addMonthsQuery = z.object({ date: isoDate, months: z.coerce.number().int().min(-1200).max(1200) });
