import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSubjectOf } from '../audit/audit.service';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { formatCalendarFile } from './calendar-file';
import {
  addMonthsQuery,
  addWorkingDaysQuery,
  calendarLoad,
  calendarYearView,
  countWorkingDaysQuery,
  calendarYearDaysView,
} from './calendar.schemas';
import {
  addWorkingDays,
  calendarYearDays,
  countWorkingDays,
  deadlineAfterMonths,
  listCalendarYears,
  loadCalendarYear,
} from './calendar.service';

const tags = ['工作日历'];
const read = { permission: 'calendar:year:read' } as const;

export const calendarRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/calendar/years',
    {
      config: read,
      schema: {
        tags,
        summary: '已有节假日数据的年度',
        response: { 200: z.object({ items: z.array(calendarYearView) }) },
      },
    },
    async () => ({
      items: await listCalendarYears(deps),
    }),
  );
  app.get(
    '/api/calendar/years/:year',
    {
      config: read,
      schema: {
        tags,
        summary: '某年的放假日与调休上班日',
        params: z.object({ year: z.coerce.number().int().min(1900).max(2200) }),
        response: { 200: calendarYearDaysView },
      },
    },
    async (request) => calendarYearDays(deps, request.params.year),
  );
  app.get(
    '/api/calendar/template.csv',
    { config: read, schema: { tags, summary: '节假日文件模板（CSV）' } },
    async (_request, reply) => {
      const sample = formatCalendarFile(2027, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2027-10-09', kind: 'workday', name: '国庆节调休上班' },
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', "attachment; filename*=UTF-8''%E8%8A%82%E5%81%87%E6%97%A5%E6%A8%A1%E6%9D%BF.csv")
        .send(sample);
    },
  );
  app.post(
    '/api/calendar/years',
    {
      config: { permission: 'calendar:year:write' },
      schema: {
        tags,
        summary: '载入（或重新载入）一个年度的节假日安排',
        body: calendarLoad,
        response: { 200: z.object({ year: z.number(), holidays: z.number(), workdays: z.number() }) },
      },
    },
    async (request) =>
      loadCalendarYear(deps, auditSubjectOf(actorOf(request)), request.body.fileName, request.body.content),
  );
  app.get(
    '/api/calendar/add-working-days',
    {
      config: read,
      schema: {
        tags,
        summary: '日期加 N 个工作日',
        querystring: addWorkingDaysQuery,
        response: { 200: z.object({ date: z.string(), n: z.number(), result: z.string() }) },
      },
    },
    async (request) => addWorkingDays(deps, request.query.date, request.query.n),
  );
  app.get(
    '/api/calendar/count-working-days',
    {
      config: read,
      schema: {
        tags,
        summary: '两日期之间的工作日数（不含起始日，含结束日）',
        querystring: countWorkingDaysQuery,
        response: { 200: z.object({ from: z.string(), to: z.string(), count: z.number() }) },
      },
    },
    async (request) => countWorkingDays(deps, request.query.from, request.query.to),
  );
  app.get(
    '/api/calendar/add-months',
    {
      config: read,
      schema: {
        tags,
        summary: '按月计算的期限（末日遇休息日顺延）',
        querystring: addMonthsQuery,
        response: { 200: z.object({ date: z.string(), months: z.number(), result: z.string() }) },
      },
    },
    async (request) => deadlineAfterMonths(deps, request.query.date, request.query.months),
  );
};
