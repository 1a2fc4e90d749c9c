import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../shared/context';
import { divisionView } from './division.schemas';
import { listDivisions } from './division.service';

/** The deployment's 行政区划 for pickers and for naming division codes. */
export const divisionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/divisions',
    {
      schema: {
        tags: ['参考数据'],
        summary: '行政区划（本地部署载入）',
        response: { 200: z.array(divisionView) },
      },
    },
    async () => listDivisions(deps.db),
  );
};
