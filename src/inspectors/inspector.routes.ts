import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { declareConflict, withdrawConflict } from './inspector-conflict.service';
import {
  conflictDeclare,
  inspectorConflictView,
  inspectorCreate,
  inspectorDetail,
  inspectorListQuery,
  inspectorPage,
  inspectorUpdate,
  inspectorView,
  subjectInspectorConflict,
} from './inspector.schemas';
import {
  changeInspector,
  createInspector,
  getInspector,
  listInspectors,
  subjectInspectorConflicts,
} from './inspector.service';

const tags = ['执法检查人员名录库'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'registry:inspector:read' } as const;
const write = { permission: 'registry:inspector:write' } as const;

export const inspectorRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/inspectors',
    {
      config: { ...read, personalData: 'inspector' },
      schema: {
        tags,
        summary: '查询执法检查人员（姓名或执法证号、部门、执法领域、状态、证件状态筛选；附各证件状态人数）',
        querystring: inspectorListQuery,
        response: { 200: inspectorPage },
      },
    },
    async (request) => listInspectors(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/inspectors/:id',
    {
      config: { ...read, personalData: 'inspector' },
      schema: {
        tags,
        summary: '执法检查人员详情（含利害关系回避申报）',
        params: idParams,
        response: { 200: inspectorDetail },
      },
    },
    async (request) => getInspector(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/inspectors',
    {
      config: write,
      schema: { tags, summary: '新增执法检查人员', body: inspectorCreate, response: { 200: inspectorView } },
    },
    async (request) => createInspector(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/inspectors/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改执法检查人员',
        params: idParams,
        body: inspectorUpdate,
        response: { 200: inspectorView },
      },
    },
    async (request) => changeInspector(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/inspectors/:id/conflicts',
    {
      config: write,
      schema: {
        tags,
        summary: '申报与监管对象存在利害关系（回避）',
        params: idParams,
        body: conflictDeclare,
        response: { 200: z.array(inspectorConflictView) },
      },
    },
    async (request) => declareConflict(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/inspectors/:id/conflicts/:subjectId',
    {
      config: write,
      schema: {
        tags,
        summary: '撤回利害关系申报',
        params: idParams.extend({ subjectId: z.coerce.number().int().positive() }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await withdrawConflict(deps, actorOf(request), request.params.id, request.params.subjectId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/subjects/:id/inspector-conflicts',
    {
      config: { permission: 'registry:subject:read' },
      schema: {
        tags,
        summary: '申报与该监管对象存在利害关系的执法检查人员（姓名与部门）',
        params: idParams,
        response: { 200: z.array(subjectInspectorConflict) },
      },
    },
    async (request) => subjectInspectorConflicts(deps, actorOf(request), request.params.id),
  );
};
