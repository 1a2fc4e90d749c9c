import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../auth/actor';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { createAnnualPlan, getAnnualPlan, listAnnualPlans, setSubmissionDeadline } from './annual-plan.service';
import { createJointItem, deleteJointItem, reviewEntry, saveEntry } from './annual-plan-entries.service';
import { publishAnnualPlan, reviseAnnualPlan, submissionReminders } from './annual-plan-publish.service';
import { type Announcement, announcementPdf, announcementXlsx } from './plan-documents';
import { announcementOf } from './plan-public.service';
import {
  annualPlanCreate,
  annualPlanSummary,
  annualPlanView,
  entryInput,
  jointItemInput,
  reasonInput,
  reminderView,
  submissionDeadlineInput,
} from './plan.schemas';

const tags = ['检查计划'];
const read = { permission: 'plan:plan:read' } as const;
const write = { permission: 'plan:plan:write' } as const;
const manage = { permission: 'plan:plan:manage' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const entryParams = idParams.extend({ entryId: z.coerce.number().int().positive() });
export const formatParams = z.object({ format: z.enum(['pdf', 'xlsx'], { message: '格式应为 pdf 或 xlsx' }) });

/** Sends an announcement as PDF or XLSX with a Chinese file name. */
export async function sendAnnouncement(reply: FastifyReply, a: Announcement, format: 'pdf' | 'xlsx') {
  const body = format === 'pdf' ? await announcementPdf(a) : await announcementXlsx(a);
  const type =
    format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="announcement.${format}"; filename*=UTF-8''${encodeURIComponent(`${a.title}.${format}`)}`,
    )
    .send(body);
}

export const annualPlanRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/annual-plans',
    {
      config: read,
      schema: { tags, summary: '年度日常检查计划列表（含各修订版本）', response: { 200: z.array(annualPlanSummary) } },
    },
    async (request) => listAnnualPlans(deps, actorOf(request)),
  );
  app.post(
    '/api/annual-plans',
    {
      config: manage,
      schema: {
        tags,
        summary: '编制年度日常检查计划（联席会议办公室），设定部门报送截止日期',
        body: annualPlanCreate,
        response: { 200: annualPlanView },
      },
    },
    async (request) => createAnnualPlan(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/annual-plans/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '年度计划：条目、联合抽查事项、修订版本',
        params: idParams,
        response: { 200: annualPlanView },
      },
    },
    async (request) => getAnnualPlan(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/annual-plans/:id/submission-deadline',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改部门报送截止日期',
        params: idParams,
        body: submissionDeadlineInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) =>
      setSubmissionDeadline(deps, actorOf(request), request.params.id, request.body.submissionDeadline),
  );
  app.get(
    '/api/annual-plans/:id/reminders',
    {
      config: manage,
      schema: {
        tags,
        summary: '报送提醒：有抽查事项但未报送的部门及剩余（逾期）工作日',
        params: idParams,
        response: { 200: reminderView },
      },
    },
    async (request) => submissionReminders(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/annual-plans/:id/entries',
    {
      config: write,
      schema: {
        tags,
        summary: '部门报送计划条目（本部门的随机抽查事项、抽查时间、检查内容、需准备材料）',
        params: idParams,
        body: entryInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) => saveEntry(deps, actorOf(request), request.params.id, request.body, null),
  );
  app.put(
    '/api/annual-plans/:id/entries/:entryId',
    {
      config: write,
      schema: {
        tags,
        summary: '修改并重新报送条目（已采纳的不能修改）',
        params: entryParams,
        body: entryInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) => saveEntry(deps, actorOf(request), request.params.id, request.body, request.params.entryId),
  );
  app.post(
    '/api/annual-plans/:id/entries/:entryId/accept',
    { config: manage, schema: { tags, summary: '采纳条目', params: entryParams, response: { 200: annualPlanView } } },
    async (request) => reviewEntry(deps, actorOf(request), request.params.id, request.params.entryId, { accept: true }),
  );
  app.post(
    '/api/annual-plans/:id/entries/:entryId/return',
    {
      config: manage,
      schema: {
        tags,
        summary: '退回条目（说明理由）',
        params: entryParams,
        body: reasonInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) =>
      reviewEntry(deps, actorOf(request), request.params.id, request.params.entryId, {
        accept: false,
        reason: request.body.reason,
      }),
  );
  app.post(
    '/api/annual-plans/:id/joint-items',
    {
      config: manage,
      schema: {
        tags,
        summary: '编入联合抽查事项（发起部门、配合部门）',
        params: idParams,
        body: jointItemInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) => createJointItem(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/annual-plans/:id/joint-items/:jointId',
    {
      config: manage,
      schema: {
        tags,
        summary: '撤销联合抽查事项',
        params: idParams.extend({ jointId: z.coerce.number().int().positive() }),
        response: { 200: annualPlanView },
      },
    },
    async (request) => deleteJointItem(deps, actorOf(request), request.params.id, request.params.jointId),
  );
  app.post(
    '/api/annual-plans/:id/publish',
    {
      config: manage,
      schema: { tags, summary: '向社会公布（公布后不可修改）', params: idParams, response: { 200: annualPlanView } },
    },
    async (request) => publishAnnualPlan(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/annual-plans/:id/revisions',
    {
      config: manage,
      schema: {
        tags,
        summary: '修订已公布的计划：形成新版本，原版本保留可查',
        params: idParams,
        body: reasonInput,
        response: { 200: annualPlanView },
      },
    },
    async (request) => reviseAnnualPlan(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/annual-plans/:id/announcement.:format',
    { config: read, schema: { tags, summary: '计划公告（PDF / XLSX）', params: idParams.extend(formatParams.shape) } },
    async (request, reply) => {
      requirePermission(actorOf(request), 'plan:plan:read');
      return sendAnnouncement(reply, await announcementOf(deps.db, 'annual', request.params.id), request.params.format);
    },
  );
};
