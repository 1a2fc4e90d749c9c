import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { kindEnum } from './aggregation.schemas';
import {
  createExchangeExport,
  exchangeExports,
  exchangeFile,
  exchangeMappings,
  setExchangeMapping,
} from './exchange-export.service';

const tags = ['数据汇聚'];
const manage = { permission: 'aggregation:manage' } as const;
const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

const exportView = z.object({
  id: z.number().int(),
  batchNo: z.string(),
  recordKind: z.string(),
  from: z.string(),
  to: z.string(),
  inserted: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  refused: z.number().int(),
  refusals: z.array(z.object({ key: z.string(), reason: z.string() })),
  exportedBy: z.string(),
  exportedAt: z.string(),
});

/** 省级交换导出 and the national code mapping it needs. */
export async function exchangeRoutes(parent: FastifyInstance, deps: AppDeps) {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/aggregation/exchange/mappings',
    {
      config: manage,
      schema: {
        tags,
        summary: '监管事项与国家监管事项目录编码、检查实施清单编码的对应',
        response: {
          200: z.array(
            z.object({
              itemCode: z.string(),
              itemName: z.string(),
              departmentName: z.string(),
              catalogCode: z.string().nullable(),
              listCode: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => exchangeMappings(deps, actorOf(request)),
  );
  app.put(
    '/api/aggregation/exchange/mappings/:itemCode',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置监管事项的国家编码对应',
        params: z.object({ itemCode: z.string().trim().min(1).max(64) }),
        body: z.object({
          catalogCode: z.string().regex(/^\d{14}$/, '监管事项目录编码应为 14 位数字'),
          listCode: z
            .string()
            .trim()
            .toUpperCase()
            .regex(
              /^[0-9A-Z]{18}[1-5][0-9A-Z]{0,45}$/,
              '检查实施清单编码应为实施机构统一社会信用代码加第 19 位 1–5 开头的序号',
            ),
        }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await setExchangeMapping(deps, actorOf(request), { itemCode: request.params.itemCode, ...request.body });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/aggregation/exchange/exports',
    { config: manage, schema: { tags, summary: '省级交换导出记录', response: { 200: z.array(exportView) } } },
    async (request) => exchangeExports(deps, actorOf(request)),
  );
  app.post(
    '/api/aggregation/exchange/exports',
    {
      config: manage,
      schema: {
        tags,
        summary: '生成省级交换数据（按数据类别和期间；已交换的记录只在变更时以 u、删除时以 d 再次交换）',
        body: z.object({ kind: kindEnum, from: isoDate, to: isoDate }),
        response: {
          200: exportView.pick({
            id: true,
            batchNo: true,
            inserted: true,
            updated: true,
            deleted: true,
            refused: true,
            refusals: true,
          }),
        },
      },
    },
    async (request) => createExchangeExport(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/aggregation/exchange/exports/:id/file',
    {
      config: manage,
      schema: {
        tags,
        summary: '下载省级交换数据文件（CSV、XLSX）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      },
    },
    async (request, reply) => {
      const file = await exchangeFile(deps, actorOf(request), request.params.id, request.query.format);
      return reply
        .header(
          'content-type',
          request.query.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          `attachment; filename="exchange.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
}
