import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/test-platform';

/**
 * Routes whose reply is a file (PDF, XLSX, CSV, a photo, an auditors' JSON bundle sent as an
 * attachment) rather than a JSON body: the serializer never sees their payload, so they have no
 * response schema. Every other route must declare one, because the web app imports the
 * schemas' types and the serializer drops any key a schema does not list.
 */
const fileDownloads = [
  'GET /api/annual-plans/{id}/announcement.{format}',
  'GET /api/calendar/template.csv',
  'GET /api/credit/runs/{id}/export',
  'GET /api/draw-records/{recordNo}/bundle',
  'GET /api/draw-records/{recordNo}/frame.csv',
  'GET /api/draw-records/{recordNo}/tasks.csv',
  'GET /api/evaluations/summary.xlsx',
  'GET /api/imports/{id}/errors.csv',
  'GET /api/imports/{id}/errors.xlsx',
  'GET /api/imports/templates/inspectors.csv',
  'GET /api/imports/templates/inspectors.xlsx',
  'GET /api/imports/templates/items.csv',
  'GET /api/imports/templates/items.xlsx',
  'GET /api/imports/templates/subjects.csv',
  'GET /api/imports/templates/subjects.xlsx',
  'GET /api/imports/templates/business-registrations.csv',
  'GET /api/imports/templates/business-registrations.xlsx',
  'GET /api/imports/templates/licence-records.csv',
  'GET /api/imports/templates/licence-records.xlsx',
  'GET /api/imports/templates/penalty-records.csv',
  'GET /api/imports/templates/penalty-records.xlsx',
  'GET /api/imports/templates/credit-records.csv',
  'GET /api/imports/templates/credit-records.xlsx',
  'GET /api/publicity/export',
  'GET /api/credit-repair/penalties/{penaltyId}/documents/{kind}',
  'GET /api/credit-repair/penalties/{penaltyId}/service-receipt',
  'GET /api/credit-repair/applications/{repairNo}/evidence/{evidenceId}',
  'GET /api/complaints/{ticketNo}/attachments/{attachmentId}',
  'GET /api/risk-assessments/{id}/report.pdf',
  'GET /api/imports/templates/risk-levels.csv',
  'GET /api/imports/templates/risk-levels.xlsx',
  'GET /api/dual-notice/cases/{id}/notice.pdf',
  'GET /api/dual-notice/cases/{id}/commitment-template.pdf',
  'GET /api/dual-notice/cases/{id}/commitment-scan',
  'GET /api/inspection-photos/{id}',
  'GET /api/inspection-records/export',
  'GET /api/inspection-records/{taskNo}/report.pdf',
  'GET /api/inspections/{taskNo}/feedback.pdf',
  'GET /api/inspectors/export.csv',
  'GET /api/inspectors/export.xlsx',
  'GET /api/items/export.csv',
  'GET /api/items/export.xlsx',
  'GET /api/public/plans/{kind}/{id}/announcement.{format}',
  'GET /api/public/task-announcements/{recordNo}/pdf',
  'GET /api/public/task-announcements/{recordNo}/xlsx',
  'GET /api/special-plans/{id}/announcement.{format}',
  'GET /api/subjects/export.csv',
  'GET /api/subjects/export.xlsx',
  'GET /api/tasks/{taskNo}/notice/pdf',
  'GET /api/transfers/export.csv',
  'GET /api/performance/evaluations/{id}/report.pdf',
  'GET /api/public/guides/{code}/pdf',
  'GET /api/aggregation/templates/{recordKind}',
  'GET /api/aggregation/exchange/exports/{id}/file',
  'GET /api/audit/data-use.csv',
];

interface Operation {
  responses?: Record<string, { content?: unknown }>;
}

let t: TestApp;
let routes: Map<string, Operation>;

beforeAll(async () => {
  t = await testApp();
  await t.app.ready();
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  routes = new Map(
    Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
    ),
  );
});
afterAll(() => t.app.close());

describe('the API contract', () => {
  it('every route that answers with JSON declares its response schema (204 routes declare an empty reply)', () => {
    const declared = (op: Operation) => Object.values(op.responses ?? {}).some((r) => r.content !== undefined);
    const missing = [...routes]
      .filter(([route, op]) => !fileDownloads.includes(route) && !declared(op))
      .map(([route]) => route);
    expect(missing, '这些接口返回 JSON 却没有 response 模式：请在 *.schemas.ts 中补上').toEqual([]);
    expect(routes.size - fileDownloads.length).toBeGreaterThan(150);
  });

  it('lists only file downloads that exist', () => {
    expect(fileDownloads.filter((route) => !routes.has(route))).toEqual([]);
  });
});
