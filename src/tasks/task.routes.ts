import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  chooseInspectorsInput,
  staffingView,
  taskNoParams,
  taskOrigins as taskOriginsView,
  taskPage,
  taskQuery,
  taskView,
  windowInput,
} from './task.schemas';
import { getTask, listTasks, taskOrigins } from './task.service';
import { chooseInspectors, restaffTask, taskStaffing } from './task-staffing-actions.service';
import { changeTaskWindow } from './task-window.service';

const tags = ['检查任务'];
const read = { permission: 'task:task:read' } as const;
const write = { permission: 'task:task:write' } as const;

export const taskRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/tasks',
    {
      config: read,
      schema: {
        tags,
        summary:
          '检查任务单（按部门、检查人员、抽取轮次或记录、来源、专项方案、状态、检查期、排期日期筛选；mine=true 为本人任务；unstaffed=true 未配齐人员、false 已配齐人员；scheduled=true 已排期、false 未排期）',
        querystring: taskQuery,
        response: { 200: taskPage },
      },
    },
    async (request) => listTasks(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/tasks/origins',
    {
      config: read,
      schema: {
        tags,
        summary: '检查任务单可按其筛选的抽取轮次和专项检查方案（有本人可见任务的）',
        response: { 200: taskOriginsView },
      },
    },
    async (request) => taskOrigins(deps, actorOf(request)),
  );
  app.get(
    '/api/tasks/:taskNo',
    {
      config: read,
      schema: {
        tags,
        summary: '检查任务：对象、检查期、各部门事项与检查人员、来源与合并关系',
        params: taskNoParams,
        response: { 200: taskView },
      },
    },
    async (request) => getTask(deps, actorOf(request), request.params.taskNo),
  );
  app.get(
    '/api/tasks/:taskNo/staffing',
    {
      config: read,
      schema: {
        tags,
        summary: '选派执法检查人员：各部门人员及不能选派的原因、选派记录（种子与结果）',
        params: taskNoParams,
        response: { 200: staffingView },
      },
    },
    async (request) => taskStaffing(deps, actorOf(request), request.params.taskNo),
  );
  app.put(
    '/api/tasks/:taskNo/inspectors',
    {
      config: write,
      schema: {
        tags,
        summary: '指定本部门的执法检查人员（逐项核对回避、资格、执法证、轮换、任务量，须说明理由）',
        params: taskNoParams,
        body: chooseInspectorsInput,
        response: { 200: taskView },
      },
    },
    async (request) => chooseInspectors(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.post(
    '/api/tasks/:taskNo/restaff',
    {
      config: write,
      schema: {
        tags,
        summary: '按规则重新随机选派（保留已选派人员，补齐缺少的部门与人数）',
        params: taskNoParams,
        response: { 200: taskView },
      },
    },
    async (request) => restaffTask(deps, actorOf(request), request.params.taskNo),
  );
  app.put(
    '/api/tasks/:taskNo/window',
    {
      config: write,
      schema: {
        tags,
        summary:
          '调整尚未排期、尚未出具告知书的非抽取任务的检查期（同一年度内，须说明理由；已选派人员按新检查期重新核对，不符合的重新选派并通知）',
        params: taskNoParams,
        body: windowInput,
        response: { 200: taskView },
      },
    },
    async (request) => changeTaskWindow(deps, actorOf(request), request.params.taskNo, request.body),
  );
};
