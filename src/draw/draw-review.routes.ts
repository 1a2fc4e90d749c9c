import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { drawReviewView, recordNoParams } from './draw.schemas';
import { drawReview } from './draw-review.service';

export const drawReviewRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/draw-records/:recordNo/review',
    {
      config: { permission: 'draw:round:read' },
      schema: {
        tags: ['双随机抽取'],
        summary: '抽取审核：合并前后入企次数、联合检查占比、人员负荷、按区划和信用分类分布（内部）',
        params: recordNoParams,
        response: { 200: drawReviewView },
      },
    },
    async (request) => drawReview(deps, actorOf(request), request.params.recordNo),
  );
};
