import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRoutes } from '../audit/audit.routes';
import { authRoutes } from '../auth/auth.routes';
import { calendarRoutes } from '../calendar/calendar.routes';
import { departmentRoutes } from '../departments/department.routes';
import { roleRoutes } from '../roles/role.routes';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { industryRoutes } from '../industries/industry.routes';
import { divisionRoutes } from '../divisions/division.routes';
import { subjectRoutes } from '../subjects/subject.routes';
import { inspectorRoutes } from '../inspectors/inspector.routes';
import { tagRoutes } from '../tags/tag.routes';
import { inspectionObjectRoutes } from '../inspection-objects/inspection-object.routes';
import { samplingItemRoutes } from '../items/sampling-item.routes';
import { supervisionItemRoutes } from '../items/supervision-item.routes';
import { userRoutes } from '../users/user.routes';
import { importRoutes } from '../imports/import.routes';
import { drawRoutes } from '../draw/draw.routes';
import { annualPlanRoutes } from '../plans/plan.routes';
import { planPublicRoutes } from '../plans/plan-public.routes';
import { specialPlanRoutes } from '../plans/special-plan.routes';
import { drawReviewRoutes } from '../draw/draw-review.routes';
import { taskAnnouncementRoutes } from '../draw/task-announcement.routes';
import { taskRoutes } from '../tasks/task.routes';
import { registrationRoutes } from '../registrations/registration.routes';
import { noticeRoutes } from '../notices/notice.routes';
import { inspectionRoutes } from '../inspections/inspection.routes';
import { inspectionRecordRoutes } from '../inspection-records/inspection-record.routes';
import { resultRoutes } from '../results/result.routes';
import { evaluationRoutes } from '../evaluations/evaluation.routes';
import { startDispatcher } from '../notifications/dispatcher';
import { creditEvaluationRoutes } from '../credit-evaluation/credit-evaluation.routes';
import { runQuarterlyEvaluation } from '../credit-evaluation/credit-run.service';
import { dailyAuditCheckpoint } from '../audit/audit-checkpoint.service';
import { supervisionRuleRoutes } from '../settings/visit-rules-setting.routes';
import { openDueRegistrations } from '../registrations/registration-confirm.service';
import { notificationRoutes } from '../notifications/notification.routes';
import { followUpRoutes } from '../follow-ups/follow-up.routes';
import { recordRoutes } from '../records/record.routes';
import { publicationRoutes } from '../publicity/publication.routes';
import { creditRepairPublicRoutes } from '../credit-repair/credit-repair-public.routes';
import { creditRepairRoutes } from '../credit-repair/credit-repair.routes';
import { creditRecordRoutes } from '../credit-records/credit-record.routes';
import { keyTargetRoutes } from '../key-targets/key-target.routes';
import { lapseKeyTargets } from '../key-targets/key-target-lapse.service';
import { riskAssessmentRoutes } from '../risk-assessment/risk-assessment.routes';
import { caseRoutes } from '../credit-measures/case.routes';
import { warningRoutes } from '../warnings/warning.routes';
import { runDueWarningRules } from '../warnings/warning-run.service';
import { transferRoutes } from '../transfers/transfer.routes';
import { assistanceRoutes } from '../transfers/assistance.routes';
import { copyRoutes } from '../transfers/copy.routes';
import { sendTransferReminders } from '../transfers/transfer-deadlines.service';
import { measureRoutes } from '../credit-measures/measure.routes';
import { sendPublicityReminders } from '../publicity/publicity-reminders.service';
import { sendPushReminders } from '../dual-notice/push-reminders.service';
import { dualNoticeRoutes } from '../dual-notice/dual-notice.routes';
import { catalogRoutes } from '../dual-notice/catalog.routes';
import { complaintIntakeRoutes } from '../complaints/complaint-intake.routes';
import { complaintPublicRoutes } from '../complaints/complaint-public.routes';
import { complaintHandlingRoutes } from '../complaints/complaint-handling.routes';
import { workPortalRoutes } from '../work-portal/work-portal.routes';
import { refreshSubjectCountsHourly } from '../work-portal/subject-snapshot.service';
import { sendComplaintReminders } from '../complaints/complaint-deadline.service';
import { performanceRoutes } from '../performance/performance.routes';
import { runDailyPerformance } from '../performance/performance-run.service';
import { portalContentRoutes } from '../portal-content/portal-content.routes';
import { aggregationRoutes } from '../aggregation/aggregation.routes';
import { dataUseRoutes } from '../audit/data-use.routes';
import { sendAnomalyReminders } from '../aggregation/anomaly.service';
import { dailyCompletenessCheck } from '../aggregation/completeness-check.service';
import { authPlugin } from './auth-plugin';
import { dataAccessAudit } from './data-access-audit';
import { securityHeaders } from './security-headers';
import { csrfProtection } from './csrf';
import { inputHygiene } from './input-hygiene';
import { handleError } from './error-handler';
import { pingDatabase } from './health.repository';

z.config(z.locales.zhCN());

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Serve the built web app from web/dist (off in module tests). */
  serveWeb?: boolean;
  /**
   * Milliseconds before the dispatcher's first run (reminders, daily jobs, outbox). The embedded database runs in the
   * server's thread, so that catch-up holds every request while it runs: `lianjian start` lets the first pages be
   * answered first. Default 0: at once (tests).
   */
  jobsAfterMs?: number;
}

/** Fastify's trustProxy: a hop count becomes "trust the nearest n hops". */
const trustProxyOption = (
  t: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) =>
  typeof t === 'number' ? (_address: string, hop: number) => hop < t : t;

/**
 * Request bodies: JSON forms are small, so 1 MB is the ceiling for every route that does not set
 * its own, and a public (no-login) route gets 64 KB. Files come as multipart and are streamed:
 * each upload route sets its own file limit (imports 200 MB, inspection photos 5 MB) under a small default.
 */
const BODY_LIMIT = 1024 * 1024;
const PUBLIC_BODY_LIMIT = 64 * 1024;
const FILE_LIMIT = 5 * 1024 * 1024;

/** Builds the HTTP app: API with OpenAPI docs at /api/docs, and the web app at /. */
export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 1000 },
    trustProxy: trustProxyOption(deps.config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(cookie);
  await app.register(securityHeaders, deps);
  // A public route's ceiling, unless the route sets its own (the bundle verification does).
  app.addHook('onRoute', (route) => {
    if ((route.config as { public?: boolean } | undefined)?.public && route.bodyLimit === undefined)
      route.bodyLimit = PUBLIC_BODY_LIMIT;
  });
  await app.register(multipart, {
    limits: { fileSize: FILE_LIMIT, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 20, headerPairs: 100 },
  });
  // Only routes that opt in (login, later the public portal) are limited.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '联检 跨部门协同监管平台 API',
        version: '0.1.0',
        description: '浏览器使用 httpOnly Cookie 会话；系统对接使用 Authorization: Bearer 令牌。',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'lj_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // "Try it out" signed in by the cookie sends the web client's header (src/http/csrf.ts); the function runs in the page.
    uiConfig: {
      requestInterceptor: (request) => {
        (request as { headers: Record<string, string> }).headers['x-lianjian-request'] = '1';
        return request;
      },
    },
  });
  await app.register(csrfProtection, deps);
  await app.register(authPlugin, deps);
  await app.register(dataAccessAudit, deps);
  await app.register(inputHygiene);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) },
      },
    },
    async () => {
      await pingDatabase(deps.db);
      return { status: 'ok' as const, database: deps.config.database.kind };
    },
  );
  for (const routes of [
    authRoutes,
    departmentRoutes,
    userRoutes,
    roleRoutes,
    auditRoutes,
    calendarRoutes,
    industryRoutes,
    divisionRoutes,
    subjectRoutes,
    tagRoutes,
    inspectionObjectRoutes,
    inspectorRoutes,
    supervisionItemRoutes,
    samplingItemRoutes,
    importRoutes,
    drawRoutes,
    drawReviewRoutes,
    taskAnnouncementRoutes,
    annualPlanRoutes,
    specialPlanRoutes,
    planPublicRoutes,
    taskRoutes,
    registrationRoutes,
    noticeRoutes,
    inspectionRoutes,
    resultRoutes,
    evaluationRoutes,
    inspectionRecordRoutes,
    notificationRoutes,
    supervisionRuleRoutes,
    followUpRoutes,
    recordRoutes,
    publicationRoutes,
    creditRepairRoutes,
    creditRepairPublicRoutes,
    catalogRoutes,
    dualNoticeRoutes,
    creditRecordRoutes,
    creditEvaluationRoutes,
    keyTargetRoutes,
    riskAssessmentRoutes,
    measureRoutes,
    caseRoutes,
    complaintIntakeRoutes,
    complaintPublicRoutes,
    warningRoutes,
    transferRoutes,
    assistanceRoutes,
    copyRoutes,
    complaintHandlingRoutes,
    performanceRoutes,
    portalContentRoutes,
    workPortalRoutes,
    aggregationRoutes,
    dataUseRoutes,
  ]) {
    await app.register(routes, deps);
  }
  // Outbound messages (短信/政务微信), deadline reminders and the daily audit checkpoint; off when the interval is 0 (tests, CLI).
  if (deps.config.notify.intervalSeconds > 0) {
    const dispatcher = startDispatcher(
      deps,
      (message, error) => app.log.error({ err: error }, message),
      [
        openDueRegistrations,
        dailyAuditCheckpoint,
        sendPublicityReminders,
        sendPushReminders,
        runQuarterlyEvaluation,
        lapseKeyTargets,
        runDueWarningRules,
        sendTransferReminders,
        sendComplaintReminders,
        runDailyPerformance,
        refreshSubjectCountsHourly,
        sendAnomalyReminders,
        dailyCompletenessCheck,
      ],
      options.jobsAfterMs ?? 0,
    );
    app.addHook('onClose', () => dispatcher.stop());
  }

  if (options.serveWeb && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist });
    // Whatever follows /public/verify/ is a 检查码 as far as the server knows (a dot, a slash, a NUL of a mangled
    // link included): the page asks the API and shows 检查码无效, never a JSON 404.
    app.get('/public/verify/*', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    // Client-side routes get the app; a missing file (an /assets/… name from an older build) gets a 404, not HTML.
    // A file extension is short: a 检查码 URL (/public/verify/HEADER.PAYLOAD.SIGNATURE) ends in an 86-character
    // signature that is all letters and digits about once in 15 codes, and must still get the app.
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      if (request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]{1,16}$/i.test(path))
        return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
    });
  }
  return app;
}
