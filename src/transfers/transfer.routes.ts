import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { getTransfer, listTransfers } from './transfer-query.service';
import { listOverdue } from './transfer-deadlines.service';
import { exportTransfers } from './transfer-export';
import {
  acceptTransfer,
  recordOutcome,
  recordReceipt,
  resendTransfer,
  returnTransfer,
  sendTransfer,
} from './transfer.service';
import {
  outcomeInput,
  overdueList,
  receiptInput,
  resendInput,
  returnInput,
  transferDetail,
  transferInput,
  transferNoParams,
  transferPage,
  transferQuery,
} from './transfer.schemas';

const tags = ['移送与协查'];
const read = { permission: 'transfer:read' } as const;
const write = { permission: 'transfer:write' } as const;

/** 案件移送、线索移送: sent, received, accepted or returned, and their outcomes. */
export const transferRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/transfers',
    {
      config: read,
      schema: {
        tags,
        summary: '案件移送和线索移送（本部门发起或接收的，或全部）',
        querystring: transferQuery,
        response: { 200: transferPage },
      },
    },
    async (request) => listTransfers(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/transfers/export.csv',
    {
      config: read,
      schema: { tags, summary: '导出移送登记簿 CSV（本部门发起或接收的，或全部）', querystring: transferQuery },
    },
    async (request, reply) => {
      const csv = await exportTransfers(deps, actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('移送登记簿.csv')}`)
        .send(csv);
    },
  );
  app.get(
    '/api/transfers/overdue',
    {
      config: read,
      schema: {
        tags,
        summary: '逾期未受理的移送和逾期未答复的协查请求（本部门的，或全部）',
        response: { 200: overdueList },
      },
    },
    async (request) => listOverdue(deps, actorOf(request)),
  );
  app.get(
    '/api/transfers/:transferNo',
    {
      config: read,
      schema: {
        tags,
        summary: '移送详情、办理过程和材料',
        params: transferNoParams,
        response: { 200: transferDetail },
      },
    },
    async (request) => getTransfer(deps, actorOf(request), request.params.transferNo),
  );
  app.post(
    '/api/transfers',
    {
      config: write,
      schema: {
        tags,
        summary: '移送投诉举报、风险预警或其他线索：到平台内的部门，或公安机关、检察机关等外部机关',
        body: transferInput,
        response: { 200: z.object({ transferNo: z.string() }) },
      },
    },
    async (request) => sendTransfer(deps, actorOf(request), request.body),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B | null,
    run: (no: string, input: z.infer<B>, actor: ReturnType<typeof actorOf>) => Promise<void>,
  ) =>
    app.post(
      `/api/transfers/:transferNo/${path}`,
      {
        config: write,
        schema: {
          tags,
          summary,
          params: transferNoParams,
          ...(body ? { body } : {}),
          response: { 200: transferDetail },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await run(request.params.transferNo, request.body as z.infer<B>, actor);
        return getTransfer(deps, actor, request.params.transferNo);
      },
    );
  step('accept', '接收部门受理移送', null, (no, _b, actor) => acceptTransfer(deps, actor, no));
  step('receipt', '移送外部机关的，移送部门登记对方回执', receiptInput, (no, b, actor) =>
    recordReceipt(deps, actor, no, b.receiptNo),
  );
  step('return', '退回移送（须填写理由）', returnInput, (no, b, actor) => returnTransfer(deps, actor, no, b.reason));
  step('resend', '被退回后重新移送', resendInput, (no, b, actor) => resendTransfer(deps, actor, no, b));
  step(
    'outcome',
    '登记办理结果：立案、不予立案、已处罚（关联行政处罚决定）、移送司法机关',
    outcomeInput,
    (no, b, actor) => recordOutcome(deps, actor, no, b),
  );
};
