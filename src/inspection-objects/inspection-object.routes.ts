import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { inspectionObjectInput, inspectionObjectView } from './inspection-object.schemas';
import { changeInspectionObject, createInspectionObject, objectsOfSubject } from './inspection-object.service';

const tags = ['非市场主体检查对象'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const inspectionObjectRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/subjects/:id/objects',
    {
      config: { permission: 'registry:subject:read' },
      schema: {
        tags,
        summary: '由该主体承担法律责任的场所、车辆、项目等',
        params: idParams,
        response: { 200: z.array(inspectionObjectView) },
      },
    },
    async (request) => objectsOfSubject(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/inspection-objects',
    {
      config: { permission: 'registry:subject:write' },
      schema: {
        tags,
        summary: '登记检查对象并关联责任主体',
        body: inspectionObjectInput,
        response: { 200: inspectionObjectView },
      },
    },
    async (request) => createInspectionObject(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/inspection-objects/:id',
    {
      config: { permission: 'registry:subject:write' },
      schema: {
        tags,
        summary: '修改检查对象',
        params: idParams,
        body: inspectionObjectInput,
        response: { 200: inspectionObjectView },
      },
    },
    async (request) => changeInspectionObject(deps, actorOf(request), request.params.id, request.body),
  );
};
