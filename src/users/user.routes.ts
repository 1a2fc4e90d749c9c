import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { pageOf } from '../shared/paging';
import { passwordReset, userCreate, userListQuery, userUpdate, userView } from './user.schemas';
import { changeUser, createUser, resetPassword, searchUsers, unlockUser } from './user.service';

const tags = ['用户'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const userRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/users',
    {
      config: { permission: 'system:user:read', personalData: 'user' },
      schema: {
        tags,
        summary: '用户列表（按数据范围）',
        querystring: userListQuery,
        response: { 200: pageOf(userView) },
      },
    },
    async (request) => searchUsers(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/users',
    {
      config: { permission: 'system:user:write' },
      schema: { tags, summary: '新增实名用户', body: userCreate, response: { 200: userView } },
    },
    async (request) => createUser(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/users/:id',
    {
      config: { permission: 'system:user:write' },
      schema: { tags, summary: '修改用户', params: idParams, body: userUpdate, response: { 200: userView } },
    },
    async (request) => changeUser(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'system:user:write' },
      schema: { tags, summary: '重置密码', params: idParams, body: passwordReset, response: { 204: noContent } },
    },
    async (request, reply) => {
      await resetPassword(deps, actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'system:user:write' },
      schema: { tags, summary: '解除锁定', params: idParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await unlockUser(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
