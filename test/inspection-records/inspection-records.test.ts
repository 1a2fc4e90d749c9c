import { excel } from '../../src/imports/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../../src/auth/session.service';
import { EXPORT_PAGE, recordRows } from '../../src/inspection-records/inspection-record-export';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, setChinaTime, testApp } from '../support/test-platform';

const ExcelJS = excel();

let t: TestApp;
let scjgStaff: Session;
let yjglAdmin: Session;
let jc: Session;
let siteTask: string;
let offTask: string;
let scjg: { id: number; departmentId: number };

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const required = [
  '监管事项目录编码',
  '检查实施清单编码',
  '检查名称',
  '检查编号',
  '对象名称',
  '对象代码',
  '证件类型',
  '对象性质',
  '行政区划代码',
  '检查形式',
  '检查类别',
  '检查结果',
  '检查日期',
  '检查人员',
  '检查人员执法证号',
];

/** Moves the test clock to a China-time instant and signs everyone in again (sessions time out). */
async function moveToAndSignIn(iso: string): Promise<void> {
  setChinaTime(t, iso);
  [scjgStaff, yjglAdmin, jc] = await Promise.all(['scjg_staff', 'yjgl_admin', 'scjg_jc01'].map((u) => login(t.app, u)));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

async function xlsxRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

interface Check {
  checkItemId: number;
}
async function checksOf(s: Session, taskNo: string): Promise<Check[]> {
  const view = (await call(t.app, s, 'GET', `/api/inspections/${taskNo}`)).json() as {
    departments: { id: number; checks: Check[] }[];
  };
  return view.departments.find((d) => d.id === scjg.departmentId)!.checks;
}

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  await moveToAndSignIn('2026-12-01T09:00:00');
  siteTask = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
  offTask = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
  // On site: check-in, one finding with a photo, the rest 符合, submitted.
  await moveToAndSignIn('2026-12-03T09:30:00');
  expect((await call(t.app, jc, 'POST', `/api/inspections/${siteTask}/check-in`)).statusCode).toBe(200);
  const checks = await checksOf(jc, siteTask);
  for (const [i, c] of checks.entries())
    expect(
      (
        await call(
          t.app,
          jc,
          'PUT',
          `/api/inspections/${siteTask}/results/${c.checkItemId}`,
          i === 0 ? { result: '不符合', notes: '未建立进货查验记录' } : { result: '符合' },
        )
      ).statusCode,
    ).toBe(200);
  const m = Buffer.concat([
    Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n',
    ),
    png,
    Buffer.from('\r\n--b--\r\n'),
  ]);
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/inspections/${siteTask}/photos?checkItemId=${checks[0]!.checkItemId}`,
        payload: m,
        headers: { ...jc.headers, 'content-type': 'multipart/form-data; boundary=b' },
      })
    ).statusCode,
  ).toBe(200);
  expect((await call(t.app, jc, 'POST', `/api/inspections/${siteTask}/submit`, {})).statusCode).toBe(200);
});
afterAll(async () => {
  await t.app.close();
});

describe('inspection records', () => {
  it('records an off-site inspection in place of a visit; the task becomes 已检查; another department cannot', async () => {
    const checks = await checksOf(scjgStaff, offTask);
    const body = {
      method: '远程视频检查并比对在线监测数据',
      dataSource: '市场监管在线监测平台',
      conductedOn: '2026-12-03',
      results: checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    };
    expect((await call(t.app, yjglAdmin, 'POST', `/api/inspection-records/${offTask}/offsite`, body)).statusCode).toBe(
      404,
    );
    const partial = await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${offTask}/offsite`, {
      ...body,
      results: body.results.slice(1),
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('没有录入结果');
    const res = await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${offTask}/offsite`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ method: body.method, conductedOn: '2026-12-03' });
    expect((await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${offTask}/offsite`, body)).statusCode).toBe(
      409,
    );
    const view = (await call(t.app, scjgStaff, 'GET', `/api/inspections/${offTask}`)).json() as {
      task: { status: string };
    };
    expect(view.task.status).toBe('已检查');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', offTask).execute();
    expect(audit.map((a) => a.action)).toContain('inspection.offsite');
  });

  it('transfers a finding to case investigation with its evidence; audited; another department cannot see it', async () => {
    const checks = await checksOf(scjgStaff, siteTask);
    const wrong = await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${siteTask}/transfers`, {
      checkItemId: checks[1]!.checkItemId,
      targetUnit: '市市场监管综合行政执法支队',
      reason: '涉嫌违法',
    });
    expect(wrong.statusCode).toBe(409);
    expect(
      (
        await call(t.app, yjglAdmin, 'POST', `/api/inspection-records/${siteTask}/transfers`, {
          checkItemId: checks[0]!.checkItemId,
          targetUnit: 'x',
          reason: 'y',
        })
      ).statusCode,
    ).toBe(404);
    const res = await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${siteTask}/transfers`, {
      checkItemId: checks[0]!.checkItemId,
      targetUnit: '市市场监管综合行政执法支队',
      reason: '未建立进货查验记录，涉嫌违反食品安全法第五十三条',
    });
    expect(res.statusCode, res.body).toBe(200);
    const transfer = res.json() as { status: string; evidence: { result: string; notes: string; photoIds: number[] } };
    expect(transfer.status).toBe('待受理');
    expect(transfer.evidence.result).toBe('不符合');
    expect(transfer.evidence.notes).toBe('未建立进货查验记录');
    expect(transfer.evidence.photoIds).toHaveLength(1);
    const list = (await call(t.app, scjgStaff, 'GET', `/api/inspection-records/${siteTask}/transfers`)).json() as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(1);
    expect((await call(t.app, yjglAdmin, 'GET', `/api/inspection-records/${siteTask}/transfers`)).statusCode).toBe(404);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', siteTask).execute();
    expect(audit.map((a) => a.action)).toContain('inspection.case_transfer');
  });

  it('exports one row per task and department with every required national field (XLSX and CSV); 非现场 shown; scoped to the department', async () => {
    const xlsx = await call(
      t.app,
      scjgStaff,
      'GET',
      '/api/inspection-records/export?from=2026-12-01&to=2026-12-31&format=xlsx',
    );
    expect(xlsx.statusCode, xlsx.body.slice(0, 300)).toBe(200);
    const csv = await call(
      t.app,
      scjgStaff,
      'GET',
      '/api/inspection-records/export?from=2026-12-01&to=2026-12-31&format=csv',
    );
    expect(csv.statusCode).toBe(200);
    for (const rows of [await xlsxRows(xlsx.rawPayload), parseCsv(csv.body.replace(/^\uFEFF/, ''))]) {
      const header = rows[0]!;
      for (const h of required) expect(header).toContain(h);
      const ours = rows
        .slice(1)
        .filter(
          (r) =>
            r[header.indexOf('检查编号')]!.startsWith(siteTask) || r[header.indexOf('检查编号')]!.startsWith(offTask),
        );
      expect(ours).toHaveLength(2);
      for (const r of ours) for (const h of required) expect(r[header.indexOf(h)], h).not.toBe('');
      const site = ours.find((r) => r[header.indexOf('检查编号')]!.startsWith(siteTask))!;
      const off = ours.find((r) => r[header.indexOf('检查编号')]!.startsWith(offTask))!;
      expect(site[header.indexOf('检查形式')]).toBe('现场');
      expect(site[header.indexOf('检查结果')]).toContain('已移送');
      expect(site[header.indexOf('检查日期')]).toBe('2026-12-03');
      expect(off[header.indexOf('检查形式')]).toBe('非现场');
      expect(off[header.indexOf('检查方式')]).toContain('远程视频');
      expect(off[header.indexOf('检查结果')]).toBe('未发现问题');
      for (const r of ours) expect(r[header.indexOf('检查类别')]).toBe('日常检查');
      expect(off[header.indexOf('实施主体')]).toBe('市市场监督管理局');
      expect(site[header.indexOf('检查人员执法证号')]).toMatch(/：\S+/);
    }
    const other = await call(t.app, yjglAdmin, 'GET', '/api/inspection-records/export?format=csv');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(siteTask);
    expect(other.body).not.toContain(offTask);
  });

  it('streams the export page by page: one record per page gives exactly the rows of one big page', async () => {
    const actor = await resolveSession(t.deps, scjgStaff.headers.cookie!.replace(/^lj_session=/, ''), null, {
      touch: false,
    });
    const collect = async (pageSize: number) => {
      const rows: unknown[] = [];
      for await (const row of recordRows(t.deps, actor, { from: '2026-12-01', to: '2026-12-31' }, pageSize))
        rows.push(row);
      return rows;
    };
    const whole = await collect(EXPORT_PAGE);
    expect(whole.length).toBeGreaterThanOrEqual(2);
    expect(await collect(1)).toEqual(whole);
  });

  it('produces the 法治体检报告 PDF with the findings; another department cannot', async () => {
    const res = await call(t.app, scjgStaff, 'GET', `/api/inspection-records/${siteTask}/report.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.LIANJIAN_SAVE_PDF)
      (await import('node:fs')).writeFileSync(process.env.LIANJIAN_SAVE_PDF, res.rawPayload);
    expect((await call(t.app, yjglAdmin, 'GET', `/api/inspection-records/${siteTask}/report.pdf`)).statusCode).toBe(
      404,
    );
  });
});
