import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { taskNoParams, taskPage, taskQuery, taskView } from './task.schemas';
import { getTask, listTasks } from './task.service';

const tags = ['检查任务'];
const read = { permission: 'task:task:read' } as const;

export const taskRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get('/api/tasks', { config: read, schema: { tags, summary: '检查任务单（按部门、检查人员、抽取记录、状态筛选；mine=true 为本人任务）', querystring: taskQuery, response: { 200: taskPage } } }, async (request) =>
    listTasks(deps, actorOf(request), request.query));
  app.get('/api/tasks/:taskNo', { config: read, schema: { tags, summary: '检查任务：对象、检查期、各部门事项与检查人员', params: taskNoParams, response: { 200: taskView } } }, async (request) =>
    getTask(deps, actorOf(request), request.params.taskNo));
};
