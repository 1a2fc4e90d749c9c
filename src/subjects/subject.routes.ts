import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  subjectCreditInput,
  subjectFieldOwnershipView,
  subjectInput,
  subjectListQuery,
  subjectPage,
  subjectView,
} from './subject.schemas';
import { changeSubjectCredit, subjectFieldOwnership } from './subject-credit.service';
import { changeSubject, createSubject, getSubject, listSubjects } from './subject.service';

const tags = ['监管对象名录库'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const subjectRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/subjects',
    {
      config: { permission: 'registry:subject:read', personalData: 'subject' },
      schema: {
        tags,
        summary: '查询监管对象（18 位代码精确查找，名称 2 字起模糊查找；行业、区划、信用分类等筛选）',
        querystring: subjectListQuery,
        response: { 200: subjectPage },
      },
    },
    async (request) => listSubjects(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/subjects/field-ownership',
    {
      config: { permission: 'registry:subject:read' },
      schema: {
        tags,
        summary: '当前用户可修改的监管对象字段（信用风险分类、白名单、各部门行业风险）',
        response: { 200: subjectFieldOwnershipView },
      },
    },
    async (request) => subjectFieldOwnership(actorOf(request)),
  );
  app.get(
    '/api/subjects/:id',
    {
      config: { permission: 'registry:subject:read', personalData: 'subject' },
      schema: { tags, summary: '监管对象详情', params: idParams, response: { 200: subjectView } },
    },
    async (request) => getSubject(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/subjects',
    {
      config: { permission: 'registry:subject:write' },
      schema: { tags, summary: '新增监管对象', body: subjectInput, response: { 200: subjectView } },
    },
    async (request) => createSubject(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/subjects/:id',
    {
      config: { permission: 'registry:subject:write' },
      schema: { tags, summary: '修改监管对象', params: idParams, body: subjectInput, response: { 200: subjectView } },
    },
    async (request) => changeSubject(deps, actorOf(request), request.params.id, request.body),
  );
  app.put(
    '/api/subjects/:id/credit',
    {
      config: { permission: 'registry:subject:credit' },
      schema: {
        tags,
        summary: '修改监管对象的信用风险分类和白名单（信用主管部门）',
        params: idParams,
        body: subjectCreditInput,
        response: { 200: subjectView },
      },
    },
    async (request) => changeSubjectCredit(deps, actorOf(request), request.params.id, request.body),
  );
};
