import type { CalendarYearDays, CalendarYearView, DayException } from '@server/calendar/calendar.schemas';
import { http } from '@/api/http';

export type { CalendarYearDays, DayException };

export const TEMPLATE_URL = '/api/calendar/template.csv';

export const calendarApi = {
  years: () => http.get<{ items: CalendarYearView[] }>('/api/calendar/years').then((r) => r.items),
  year: (year: number) => http.get<CalendarYearDays>(`/api/calendar/years/${year}`),
  load: (fileName: string, content: string) =>
    http.post<{ year: number; holidays: number; workdays: number }>('/api/calendar/years', { fileName, content }),
  addWorkingDays: (date: string, n: number) =>
    http.get<{ result: string }>('/api/calendar/add-working-days', { date, n }).then((r) => r.result),
  countWorkingDays: (from: string, to: string) =>
    http.get<{ count: number }>('/api/calendar/count-working-days', { from, to }).then((r) => r.count),
  addMonths: (date: string, months: number) =>
    http.get<{ result: string }>('/api/calendar/add-months', { date, months }).then((r) => r.result),
};

export const sourceLabel: Record<CalendarYearView['source'], string> = { builtin: '内置', admin: '管理员载入' };
