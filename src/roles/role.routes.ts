import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { permissionView, roleCreate, roleInput, roleView } from './role.schemas';
import { changeRole, createRole, listPermissions, listRoles } from './role.service';

const tags = ['角色与权限'];

export const roleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/roles',
    {
      config: { permission: 'system:role:read' },
      schema: { tags, summary: '角色列表', response: { 200: z.object({ items: z.array(roleView) }) } },
    },
    async (request) => ({
      items: await listRoles(deps, actorOf(request)),
    }),
  );
  app.get(
    '/api/permissions',
    {
      config: { permission: 'system:role:read' },
      schema: { tags, summary: '权限目录（module:entity:action）', response: { 200: z.array(permissionView) } },
    },
    async () => listPermissions(),
  );
  app.post(
    '/api/roles',
    {
      config: { permission: 'system:role:write' },
      schema: { tags, summary: '新增角色', body: roleCreate, response: { 200: roleView } },
    },
    async (request) => createRole(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/roles/:code',
    {
      config: { permission: 'system:role:write' },
      schema: {
        tags,
        summary: '修改角色',
        params: z.object({ code: z.string() }),
        body: roleInput,
        response: { 200: roleView },
      },
    },
    async (request) => changeRole(deps, actorOf(request), request.params.code, request.body),
  );
};
