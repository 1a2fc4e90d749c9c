import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import {
  departmentInput,
  departmentListQuery,
  departmentOption,
  departmentUpdate,
  departmentView,
} from './department.schemas';
import { changeDepartment, createDepartment, departmentOptions, searchDepartments } from './department.service';

const tags = ['部门'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const departmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/departments',
    {
      config: { permission: 'system:department:read' },
      schema: {
        tags,
        summary: '部门列表（按数据范围）',
        querystring: departmentListQuery,
        response: { 200: pageOf(departmentView) },
      },
    },
    async (request) => searchDepartments(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/departments/options',
    { schema: { tags, summary: '启用部门的选项（下拉框用）', response: { 200: z.array(departmentOption) } } },
    async () => departmentOptions(deps),
  );
  app.post(
    '/api/departments',
    {
      config: { permission: 'system:department:write' },
      schema: {
        tags,
        summary: '新增部门',
        body: departmentInput,
        response: { 200: departmentView.omit({ parentName: true, userCount: true }) },
      },
    },
    async (request) => createDepartment(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/departments/:id',
    {
      config: { permission: 'system:department:write' },
      schema: {
        tags,
        summary: '修改部门',
        params: idParams,
        body: departmentUpdate,
        response: { 200: departmentView.omit({ parentName: true, userCount: true }) },
      },
    },
    async (request) => changeDepartment(deps, actorOf(request), request.params.id, request.body),
  );
};
