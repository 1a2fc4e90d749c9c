import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { type Actor, permissionsOf, scopeOf } from './actor';
import { changeOwnPassword, logout, resolveSession } from './session.service';
import { login } from './login.service';
import { endOnlineSession, listOnlineSessions } from './online-session.service';
import {
  loginBody,
  type MeView,
  meView,
  onlineSessionView,
  passwordChangeBody,
  tokenCreate,
  tokenView,
} from './auth.schemas';
import { issueToken, listTokens, revokeToken } from './token.service';

const presentMe = (actor: Actor, sessionIdleMinutes: number): MeView => {
  const permissions = permissionsOf(actor);
  return {
    id: actor.userId,
    username: actor.username,
    name: actor.name,
    departmentId: actor.departmentId,
    departmentName: actor.departmentName,
    roles: actor.roles.map((r) => ({ code: r.code, name: r.name })),
    permissions,
    scopes: Object.fromEntries(permissions.map((p) => [p, scopeOf(actor, p)!])),
    sessionIdleMinutes,
    mustChangePassword: actor.mustChangePassword ?? false,
  };
};

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/auth/login',
    {
      config: publicRoute(deps.config.loginRatePerMinute),
      schema: {
        tags: ['认证'],
        summary: '用户名密码登录（设置 httpOnly 会话 Cookie）',
        body: loginBody,
        response: { 200: z.object({ user: meView }) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { secret } = await login(deps, username, password, request.ip, request.headers['user-agent'] ?? null);
      const actor = await resolveSession(deps, secret, request.ip);
      reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.cookieSecure,
        path: '/',
      });
      return { user: presentMe(actor, deps.config.sessionIdleMinutes) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['认证'], summary: '退出登录', response: { 204: noContent } },
    },
    async (request, reply) => {
      await logout(deps, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['认证'], summary: '当前用户、角色与权限', response: { 200: z.object({ user: meView }) } },
    },
    async (request) => ({
      user: presentMe(actorOf(request), deps.config.sessionIdleMinutes),
    }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['认证'], summary: '修改本人密码', body: passwordChangeBody, response: { 204: noContent } },
    },
    async (request, reply) => {
      await changeOwnPassword(deps, actorOf(request), request.body.oldPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/sessions',
    {
      config: { permission: 'system:session:manage' },
      schema: {
        tags: ['在线会话'],
        summary: '在线会话（未退出、未超时的浏览器会话）',
        response: { 200: z.object({ items: z.array(onlineSessionView) }) },
      },
    },
    async (request) => ({ items: await listOnlineSessions(deps, actorOf(request)) }),
  );
  app.delete(
    '/api/sessions/:id',
    {
      config: { permission: 'system:session:manage' },
      schema: {
        tags: ['在线会话'],
        summary: '强制结束会话',
        params: z.object({ id: z.string().max(100) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await endOnlineSession(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { permission: 'system:token:write' },
      schema: {
        tags: ['系统对接令牌'],
        summary: '令牌列表',
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({
      items: await listTokens(deps, actorOf(request)),
    }),
  );
  app.post(
    '/api/tokens',
    {
      config: { permission: 'system:token:write' },
      schema: {
        tags: ['系统对接令牌'],
        summary: '签发系统对接令牌（Bearer，仅显示一次）',
        body: tokenCreate,
        response: { 200: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (request) => issueToken(deps, actorOf(request), request.body),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'system:token:write' },
      schema: {
        tags: ['系统对接令牌'],
        summary: '吊销令牌',
        params: z.object({ id: z.string() }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await revokeToken(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
