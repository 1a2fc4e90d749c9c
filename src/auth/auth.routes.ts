import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { type Actor, permissionsOf, scopeOf } from './actor';
import { changeOwnPassword, login, logout, resolveSession } from './session.service';
import { issueToken, listTokens, revokeToken, tokenCreate, tokenView } from './token.service';

const meView = z.object({
  id: z.number(), username: z.string(), name: z.string(), departmentId: z.number(), departmentName: z.string(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })), permissions: z.array(z.string()),
  userScope: z.enum(['own_department', 'all']).nullable(),
  sessionIdleMinutes: z.number(),
});

const presentMe = (actor: Actor, idle: number) => ({
  id: actor.userId, username: actor.username, name: actor.name, departmentId: actor.departmentId, departmentName: actor.departmentName,
  roles: actor.roles.map((r) => ({ code: r.code, name: r.name })), permissions: permissionsOf(actor),
  userScope: scopeOf(actor, 'system:user:write'), sessionIdleMinutes: idle,
});

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: 60_000 } },
    schema: { tags: ['认证'], summary: '用户名密码登录（设置 httpOnly 会话 Cookie）', body: z.object({ username: z.string().trim().min(1, '请输入用户名'), password: z.string().min(1, '请输入密码') }), response: { 200: z.object({ user: meView }) } },
  }, async (request, reply) => {
    const { secret } = await login(deps, request.body.username, request.body.password, request.ip);
    const actor = await resolveSession(deps, secret, request.ip);
    reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: deps.config.cookieSecure, path: '/' });
    return { user: presentMe(actor, deps.config.sessionIdleMinutes) };
  });

  app.post('/api/auth/logout', { schema: { tags: ['认证'], summary: '退出登录' } }, async (request, reply) => {
    await logout(deps, actorOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['认证'], summary: '当前用户、角色与权限', response: { 200: z.object({ user: meView }) } } }, async (request) => ({
    user: presentMe(actorOf(request), deps.config.sessionIdleMinutes),
  }));

  app.post('/api/auth/password', {
    schema: { tags: ['认证'], summary: '修改本人密码', body: z.object({ oldPassword: z.string().min(1, '请输入原密码'), newPassword: z.string().min(1, '请输入新密码') }) },
  }, async (request, reply) => {
    await changeOwnPassword(deps, actorOf(request), request.body.oldPassword, request.body.newPassword);
    return reply.status(204).send();
  });

  app.get('/api/tokens', { config: { permission: 'system:token:write' }, schema: { tags: ['系统对接令牌'], summary: '令牌列表', response: { 200: z.object({ items: z.array(tokenView) }) } } }, async (request) => ({
    items: await listTokens(deps, actorOf(request)),
  }));
  app.post('/api/tokens', {
    config: { permission: 'system:token:write' },
    schema: { tags: ['系统对接令牌'], summary: '签发系统对接令牌（Bearer，仅显示一次）', body: tokenCreate, response: { 200: z.object({ id: z.string(), token: z.string() }) } },
  }, async (request) => issueToken(deps, actorOf(request), request.body));
  app.delete('/api/tokens/:id', { config: { permission: 'system:token:write' }, schema: { tags: ['系统对接令牌'], summary: '吊销令牌', params: z.object({ id: z.string() }) } }, async (request, reply) => {
    await revokeToken(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
