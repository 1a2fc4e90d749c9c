import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../auth/permissions';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { complaintMatters, updateMatterDeadlines } from './complaint-deadline.service';
import { dispatchRules, removeDispatchRule, saveDispatchRule } from './complaint-dispatch-rules.service';
import {
  dispatchComplaint,
  giveBackComplaint,
  redispatchComplaint,
  refuseComplaint,
} from './complaint-dispatch.service';
import { acceptComplaint, replyComplaint } from './complaint-handling.service';
import {
  complaintCounts,
  complaintDetail,
  complaintPage,
  complaintQuery,
  dispatchInput,
  dispatchRuleInput,
  dispatchRuleView,
  idParams,
  itemOptions,
  matterInput,
  matterParams,
  matterView,
  noteInput,
  reasonInput,
  redispatchInput,
  replyInput,
  superviseInput,
  taskCreated,
  taskInput,
  ticketParams,
  verifyInput,
} from './complaint-handling.schemas';
import { countComplaints, getComplaint, listComplaints } from './complaint-list.service';
import { superviseComplaint } from './complaint-supervision.service';
import { createVerificationTask, recordVerification, verificationItems } from './complaint-verify.service';

const tags = ['投诉举报办理'];
const read = { permission: 'complaint:read' } as const;
const write = { permission: 'complaint:write' } as const;
const dispatch = { permission: 'complaint:dispatch' } as const;
const supervise = { permission: 'complaint:supervise' } as const;

/** 投诉举报 handling by the staff: list, detail, dispatch, 退回, 受理, 核查, 答复, 督办, rules and deadlines. */
export const complaintHandlingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/complaints',
    {
      config: read,
      schema: {
        tags,
        summary: '投诉举报（部门只看分派给本部门的），按状态、事项、渠道、部门、超期、督办筛选',
        querystring: complaintQuery,
        response: { 200: complaintPage },
      },
    },
    async (request) => listComplaints(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/complaints/counts',
    {
      config: read,
      schema: {
        tags,
        summary: '投诉举报按状态、按事项的件数（同一筛选条件）',
        querystring: complaintQuery,
        response: { 200: complaintCounts },
      },
    },
    async (request) => countComplaints(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/complaints/:ticketNo',
    {
      config: read,
      schema: {
        tags,
        summary: '投诉举报详情、办理过程与可执行的操作',
        params: ticketParams,
        response: { 200: complaintDetail },
      },
    },
    async (request) => getComplaint(deps, actorOf(request), request.params.ticketNo),
  );

  const step = (
    path: string,
    config: { permission: Permission },
    summary: string,
    body: z.ZodType,
    run: (ticketNo: string, body: never, request: Parameters<typeof actorOf>[0]) => Promise<void>,
  ) =>
    app.post(
      `/api/complaints/:ticketNo/${path}`,
      { config, schema: { tags, summary, params: ticketParams, body, response: { 204: noContent } } },
      async (request, reply) => {
        await run(request.params.ticketNo, request.body as never, request);
        return reply.status(204).send();
      },
    );
  step(
    'dispatch',
    dispatch,
    '分派给承办部门（待分派 → 待受理）',
    dispatchInput,
    (no, b: z.infer<typeof dispatchInput>, r) => dispatchComplaint(deps, actorOf(r), no, b),
  );
  step(
    'redispatch',
    dispatch,
    '改派给另一个部门（须填写理由）',
    redispatchInput,
    (no, b: z.infer<typeof redispatchInput>, r) => redispatchComplaint(deps, actorOf(r), no, b),
  );
  step(
    'give-back',
    write,
    '承办部门退回（须填写理由，回到待分派）',
    reasonInput,
    (no, b: z.infer<typeof reasonInput>, r) => giveBackComplaint(deps, actorOf(r), no, b.reason),
  );
  step('refuse', write, '不予受理（须填写理由）', reasonInput, (no, b: z.infer<typeof reasonInput>, r) =>
    refuseComplaint(deps, actorOf(r), no, b.reason),
  );
  step('accept', write, '承办部门受理（开始核查时限）', noteInput, (no, b: z.infer<typeof noteInput>, r) =>
    acceptComplaint(deps, actorOf(r), no, b.note),
  );
  step(
    'verify',
    write,
    '登记核查结论（现场或非现场；属实、部分属实、不属实）',
    verifyInput,
    (no, b: z.infer<typeof verifyInput>, r) => recordVerification(deps, actorOf(r), no, b),
  );
  step('reply', write, '答复投诉举报人（办结）', replyInput, (no, b: z.infer<typeof replyInput>, r) =>
    replyComplaint(deps, actorOf(r), no, b.reply),
  );
  step('supervise', supervise, '督办超期的投诉举报', superviseInput, (no, b: z.infer<typeof superviseInput>, r) =>
    superviseComplaint(deps, actorOf(r), no, b, 1),
  );
  step('escalate', supervise, '督办后仍超期的，挂牌督办', superviseInput, (no, b: z.infer<typeof superviseInput>, r) =>
    superviseComplaint(deps, actorOf(r), no, b, 2),
  );
  app.get(
    '/api/complaints/:ticketNo/verification-items',
    {
      config: write,
      schema: {
        tags,
        summary: '本部门适用于被投诉对象的随机抽查事项（现场核查任务可选）',
        params: ticketParams,
        response: { 200: itemOptions },
      },
    },
    async (request) => verificationItems(deps, actorOf(request), request.params.ticketNo),
  );
  app.post(
    '/api/complaints/:ticketNo/verification-task',
    {
      config: write,
      schema: {
        tags,
        summary: '生成投诉核查任务（现场核查，与其他部门计划的检查自动匹配合并）',
        params: ticketParams,
        body: taskInput,
        response: { 200: taskCreated },
      },
    },
    async (request) => createVerificationTask(deps, actorOf(request), request.params.ticketNo, request.body),
  );

  app.get(
    '/api/complaint-dispatch-rules',
    { config: read, schema: { tags, summary: '投诉分派规则', response: { 200: z.array(dispatchRuleView) } } },
    async (request) => dispatchRules(deps, actorOf(request)),
  );
  app.post(
    '/api/complaint-dispatch-rules',
    {
      config: dispatch,
      schema: { tags, summary: '新增分派规则', body: dispatchRuleInput, response: { 200: dispatchRuleView } },
    },
    async (request) => saveDispatchRule(deps, actorOf(request), null, request.body),
  );
  app.put(
    '/api/complaint-dispatch-rules/:id',
    {
      config: dispatch,
      schema: {
        tags,
        summary: '修改分派规则',
        params: idParams,
        body: dispatchRuleInput,
        response: { 200: dispatchRuleView },
      },
    },
    async (request) => saveDispatchRule(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/complaint-dispatch-rules/:id',
    { config: dispatch, schema: { tags, summary: '删除分派规则', params: idParams, response: { 204: noContent } } },
    async (request, reply) => {
      await removeDispatchRule(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/complaint-matters',
    { config: read, schema: { tags, summary: '投诉事项与办理时限（工作日）', response: { 200: z.array(matterView) } } },
    async (request) => complaintMatters(deps, actorOf(request)),
  );
  app.put(
    '/api/complaint-matters/:code',
    {
      config: dispatch,
      schema: {
        tags,
        summary: '修改投诉事项的办理时限',
        params: matterParams,
        body: matterInput,
        response: { 200: matterView },
      },
    },
    async (request) => updateMatterDeadlines(deps, actorOf(request), request.params.code, request.body),
  );
};
