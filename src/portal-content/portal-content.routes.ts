import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../shared/context';
import { catalogRoutes } from './catalog.routes';
import { exposureCaseRoutes } from './exposure-case.routes';
import { guideRoutes } from './guide.routes';
import { knowledgeRoutes } from './knowledge.routes';
import { newsRoutes } from './news.routes';

/** 服务门户 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十六条、第三十八条): every route of the capability. */
export const portalContentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  for (const routes of [catalogRoutes, exposureCaseRoutes, newsRoutes, knowledgeRoutes, guideRoutes])
    await app.register(routes, deps);
};
