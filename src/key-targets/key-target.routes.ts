import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  keyTargetIdParams,
  keyTargetInput,
  keyTargetLiftInput,
  keyTargetList,
  keyTargetPage,
  keyTargetQuery,
  keyTargetView,
} from './key-target.schemas';
import { addKeyTarget, liftKeyTarget, listKeyTargets, subjectKeyTargets } from './key-target.service';

const tags = ['重点抽查对象'];
const write = { permission: 'keytarget:write' } as const;

export const keyTargetRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/key-targets',
    {
      config: write,
      schema: {
        tags,
        summary: '重点抽查对象（本部门列入的，或全部）：列入原因、来源、有效期',
        querystring: keyTargetQuery,
        response: { 200: keyTargetPage },
      },
    },
    async (request) => listKeyTargets(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/key-targets',
    {
      config: write,
      schema: {
        tags,
        summary: '人工列入重点抽查对象（须写明理由）',
        body: keyTargetInput,
        response: { 201: keyTargetView },
      },
    },
    async (request, reply) => reply.status(201).send(await addKeyTarget(deps, actorOf(request), request.body)),
  );
  app.post(
    '/api/key-targets/:id/lift',
    {
      config: write,
      schema: {
        tags,
        summary: '解除重点抽查对象（须写明理由；本部门列入的，或全部）',
        params: keyTargetIdParams,
        body: keyTargetLiftInput,
        response: { 200: keyTargetView },
      },
    },
    async (request) => liftKeyTarget(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/subjects/:id/key-targets',
    {
      config: { permission: 'registry:subject:read' },
      schema: {
        tags,
        summary: '一个监管对象的重点抽查对象列入记录（含已到期、已解除）',
        params: keyTargetIdParams,
        response: { 200: keyTargetList },
      },
    },
    async (request) => subjectKeyTargets(deps, actorOf(request), request.params.id),
  );
};
