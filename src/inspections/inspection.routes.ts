import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { feedbackSheetPdf } from './feedback-sheet';
import {
  checkEntry,
  checkInInput,
  feedbackQuery,
  inspectionView,
  myInspections as myInspectionsView,
  PHOTO_MAX_BYTES,
  photoCreated,
  photoParams,
  photoQuery,
  resultInput,
  resultParams,
  resultsInput,
  scheduleInput,
  submitInput,
  taskNoParams,
} from './inspection.schemas';
import {
  subjectHistory as subjectHistoryView,
  subjectHistoryParams,
  subjectHistoryQuery,
} from './subject-history.schemas';
import { subjectHistory } from './subject-history.service';
import { getInspection, getPhoto, myInspections } from './inspection.service';
import { checkIn, scheduleVisit } from './inspection-visit.service';
import { addPhoto, recordResult, submitResults } from './inspection-recording.service';
import { recordResults } from './inspection-batch.service';

const tags = ['检查实施'];
const read = { permission: 'task:task:read' } as const;
const record = { permission: 'task:result:write' } as const;

/** Scheduling, the inspector's check-in, results per check item, photos, submission and the 反馈单. */
export const inspectionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/subjects/:id/inspection-history',
    {
      config: read,
      schema: {
        tags,
        summary: '监管对象的检查记录：各任务各部门的检查（现场/非现场）与本年度计入抽查规则的检查次数和事项',
        params: subjectHistoryParams,
        querystring: subjectHistoryQuery,
        response: { 200: subjectHistoryView },
      },
    },
    async (request) => subjectHistory(deps, actorOf(request), request.params.id, request.query.year),
  );
  app.get(
    '/api/inspections/mine',
    {
      config: read,
      schema: {
        tags,
        summary: '本人（执法检查人员）的待检查与近期任务，按检查日期排列',
        response: { 200: myInspectionsView },
      },
    },
    async (request) => myInspections(deps, actorOf(request)),
  );
  app.get(
    '/api/inspections/:taskNo',
    {
      config: read,
      schema: {
        tags,
        summary: '检查任务的排期、签到、各部门检查事项与结果',
        params: taskNoParams,
        response: { 200: inspectionView },
      },
    },
    async (request) => getInspection(deps, actorOf(request), request.params.taskNo),
  );
  app.put(
    '/api/inspections/:taskNo/schedule',
    {
      config: { permission: 'task:task:write' },
      schema: {
        tags,
        summary: '排期（检查期内）或说明理由改期；排在休息日须确认 confirmNonWorkingDay',
        params: taskNoParams,
        body: scheduleInput,
        response: { 200: inspectionView },
      },
    },
    async (request) => scheduleVisit(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.post(
    '/api/inspections/:taskNo/check-in',
    {
      config: record,
      schema: {
        tags,
        summary: '现场签到（记录时间，任务转为检查中；休息日签到须确认 confirmNonWorkingDay）',
        params: taskNoParams,
        body: checkInInput,
        response: { 200: inspectionView },
      },
    },
    async (request) => checkIn(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.put(
    '/api/inspections/:taskNo/results/:checkItemId',
    {
      config: record,
      schema: {
        tags,
        summary: '录入一个检查事项的结果（符合／不符合／不适用，可重复提交覆盖）',
        params: resultParams,
        body: resultInput,
        response: { 200: checkEntry },
      },
    },
    async (request) =>
      recordResult(deps, actorOf(request), request.params.taskNo, request.params.checkItemId, request.body),
  );
  app.put(
    '/api/inspections/:taskNo/results',
    {
      config: record,
      schema: {
        tags,
        summary:
          '一次保存本部门多个检查事项的结果（一个事务：有一项不能保存则都不保存，逐项说明原因；同一请求重复发送不产生变化）',
        params: taskNoParams,
        body: resultsInput,
        response: { 200: inspectionView },
      },
    },
    async (request) => recordResults(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.post(
    '/api/inspections/:taskNo/photos',
    {
      config: record,
      schema: {
        tags,
        summary: '上传检查照片（multipart/form-data，一个图片文件，不超过 5 MB）',
        params: taskNoParams,
        querystring: photoQuery,
        response: { 200: photoCreated },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('BAD_FILE', '请以 multipart/form-data 方式上传图片');
      const part = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('BAD_FILE', '请求中没有文件');
      const data = await part.toBuffer().catch(() => {
        throw new AppError('BAD_FILE', '图片不能超过 5 MB', [{ field: 'file', message: '超过 5 MB' }]);
      });
      if (part.file.truncated)
        throw new AppError('BAD_FILE', '图片不能超过 5 MB', [{ field: 'file', message: '超过 5 MB' }]);
      return addPhoto(deps, actorOf(request), request.params.taskNo, request.query.checkItemId, {
        fileName: part.filename,
        contentType: part.mimetype,
        data,
      });
    },
  );
  app.get(
    '/api/inspection-photos/:id',
    { config: read, schema: { tags, summary: '检查照片', params: photoParams } },
    async (request, reply) => {
      const photo = await getPhoto(deps, actorOf(request), request.params.id);
      // Served as stored evidence only: never sniffed into another type, never run as a document.
      return reply
        .type(photo.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(photo.data);
    },
  );
  app.post(
    '/api/inspections/:taskNo/submit',
    {
      config: record,
      schema: {
        tags,
        summary: '提交本部门检查结果（各部门均提交后任务转为已检查）；不能当场反馈的填写承诺送达日期',
        params: taskNoParams,
        body: submitInput,
        response: { 200: inspectionView },
      },
    },
    async (request) => submitResults(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.get(
    '/api/inspections/:taskNo/feedback.pdf',
    {
      config: read,
      schema: { tags, summary: '反馈单 PDF（一个部门）', params: taskNoParams, querystring: feedbackQuery },
    },
    async (request, reply) => {
      const pdf = await feedbackSheetPdf(deps, actorOf(request), request.params.taskNo, request.query.departmentId);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename*=UTF-8''${encodeURIComponent(`反馈单-${request.params.taskNo}.pdf`)}`,
        )
        .send(pdf);
    },
  );
};
