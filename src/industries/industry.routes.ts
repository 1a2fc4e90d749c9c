import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../shared/context';
import { industryCatalog } from './industry-catalog';
import { industryView } from './industry.schemas';

/** The GB/T 4754 table for pickers and filters (sections, divisions, groups, classes, in code order). */
export const industryRoutes: FastifyPluginAsyncZod<AppDeps> = async (app) => {
  app.get(
    '/api/industries',
    {
      schema: {
        tags: ['参考数据'],
        summary: '国民经济行业分类（GB/T 4754-2017）',
        response: { 200: z.array(industryView) },
      },
    },
    async () => [...industryCatalog().values()],
  );
};
