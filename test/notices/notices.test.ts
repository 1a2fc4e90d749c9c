import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src/tasks/task-lifecycle';
import { createTask, moveTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp, testConfig } from '../support/test-platform';

// One folder per database leg: `npm test` runs the PGlite and PostgreSQL legs at the same time.
const notices = `test-results/notices/${testConfig().database.kind}`;

let t: TestApp;
let lianxi: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let serial = Math.floor(Math.random() * 900_000);

/** A task as the draw leaves it after the announcement (已发布): one market-regulation item, two inspectors. */
export async function publishedTask(
  t: TestApp,
  windowFrom: string,
  windowTo: string,
  status: TaskStatus = '已发布',
): Promise<{ id: number; taskNo: string; uscc: string; name: string }> {
  serial += 1;
  const db = t.deps.db;
  const dept = await db
    .selectFrom('departments')
    .select('id')
    .where('name', 'like', '%市场监督%')
    .executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('sampling_items as s')
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 's.id')
    .select(['s.code', 's.name'])
    .where('s.department_id', '=', dept.id)
    .where('s.name', 'not like', '%信用%')
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const inspectors = await db
    .selectFrom('inspectors')
    .select('id')
    .where('department_id', '=', dept.id)
    .orderBy('id')
    .limit(2)
    .execute();
  const subject = await db
    .selectFrom('subjects')
    .select('id')
    .where('name', 'not like', '%信用%')
    .orderBy('id')
    .offset(serial % 500)
    .limit(1)
    .executeTakeFirstOrThrow();
  const task = await createTask(t, {
    items: [item.code],
    inspectors: inspectors.map((p) => ({ id: Number(p.id), departmentId: Number(dept.id) })),
    subjectId: Number(subject.id),
    window: { from: windowFrom, to: windowTo },
    source: '抽取',
    status,
  });
  return { id: task.id, taskNo: task.taskNo, uscc: task.uscc, name: task.subjectName };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const verify = (token: string) => call(t.app, null, 'GET', `/api/public/inspection-codes/${token}`);
const evaluate = (token: string, body: object) =>
  call(t.app, null, 'POST', `/api/public/inspection-codes/${token}/evaluation`, body);

interface Issued {
  queryCode: string | null;
  taskStatus: string;
  code: { token: string; tokenId: string; verifyPath: string; revokedAt: string | null } | null;
  facts: {
    departments: {
      name: string;
      items: { checkItems: unknown[] }[];
      inspectors: { name: string; certificateNo: string }[];
    }[];
    materials: string[];
  };
}

beforeAll(async () => {
  t = await testApp();
  [lianxi, scjgStaff, yjglAdmin] = await Promise.all(
    ['lianxi', 'scjg_staff', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
});
afterAll(async () => {
  await t.app.close();
});

describe('检查告知书 and 检查码', () => {
  let task: { id: number; taskNo: string; uscc: string };
  let issued: Issued;

  beforeAll(async () => {
    task = await publishedTask(t, day(1), day(20));
  });

  it('issues a notice with a signed 检查码 and a one-time 查询码 for a published task, audited; only the task’s departments may', async () => {
    expect((await call(t.app, yjglAdmin, 'POST', `/api/tasks/${task.taskNo}/notice`, {})).statusCode).toBe(403);
    const res = await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice`, {});
    expect(res.statusCode, res.body).toBe(200);
    issued = res.json() as Issued;
    expect(issued.queryCode).toMatch(/^[2-9A-Z]{10}$/);
    expect(issued.code!.token.split('.')).toHaveLength(3);
    expect(issued.facts.departments[0]!.inspectors.length).toBeGreaterThan(0);
    expect(issued.facts.departments[0]!.inspectors[0]!.certificateNo).not.toBe('');
    expect(issued.facts.departments[0]!.items[0]!.checkItems.length).toBeGreaterThan(0);
    expect(issued.facts.materials.length).toBeGreaterThan(0);
    // Generating again returns the same code and no new 查询码.
    const again = (await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice`, {})).json() as Issued;
    expect(again.code!.tokenId).toBe(issued.code!.tokenId);
    expect(again.queryCode).toBeNull();
    const stored = await t.deps.db
      .selectFrom('inspection_codes')
      .select('query_code_hash')
      .where('token_id', '=', issued.code!.tokenId)
      .executeTakeFirstOrThrow();
    expect(stored.query_code_hash).not.toContain(issued.queryCode!);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', issued.code!.tokenId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection_code.issue']);
  });

  it('refuses a notice for a task not yet published', async () => {
    const draft = await publishedTask(t, day(1), day(20), '待发布');
    const res = await call(t.app, lianxi, 'POST', `/api/tasks/${draft.taskNo}/notice`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('待发布');
  });

  it('the public page says 真实有效 and shows only the notice’s facts, never credit, class, risk or π', async () => {
    const res = await verify(issued.code!.token);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      status: string;
      message: string;
      facts: { taskNo: string; expectedDate: string | null };
    };
    expect(body.status).toBe('真实有效');
    expect(body.facts.taskNo).toBe(task.taskNo);
    expect(body.facts.expectedDate).toBeNull();
    for (const word of ['信用', 'credit', 'class', 'π', '风险', 'risk', 'probability', 'queryCode', 'query_code'])
      expect(res.body).not.toContain(word);
  });

  it('rejects a token with one character changed in the payload or in the signature, with a clear message', async () => {
    const [header, payload, signature] = issued.code!.token.split('.') as [string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (const forged of [
      `${header}.${flip(payload, 10)}.${signature}`,
      `${header}.${payload}.${flip(signature, 5)}`,
      'not-a-token',
    ]) {
      const res = await verify(forged);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { status: string; message: string; facts: unknown };
      expect(body.status).toBe('无效');
      expect(body.message).toContain('无效或已被篡改');
      expect(body.facts).toBeNull();
    }
  });

  it('shows the scheduled visit date once the task is scheduled', async () => {
    const scheduled = await call(t.app, scjgStaff, 'PUT', `/api/inspections/${task.taskNo}/schedule`, {
      visitOn: day(3),
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const body = (await verify(issued.code!.token)).json() as {
      status: string;
      facts: { expectedDate: string | null };
    };
    expect(body.status).toBe('真实有效');
    expect(body.facts.expectedDate).toBe(day(3));
  });

  it('the PDF notice is a PDF with the QR (rendered to PNG for a look)', async () => {
    const res = await call(
      t.app,
      scjgStaff,
      'GET',
      `/api/tasks/${task.taskNo}/notice/pdf?queryCode=${issued.queryCode}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    mkdirSync(notices, { recursive: true });
    writeFileSync(`${notices}/notice.pdf`, res.rawPayload);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', `${notices}/notice.pdf`, `${notices}/notice`]);
    } catch {
      // pdftoppm (poppler-utils) is only needed to look at the rendering.
    }
  });

  it("with the public address configured, the notice and the printed QR point there instead of the request's host", async () => {
    const plain = (await call(t.app, scjgStaff, 'GET', `/api/tasks/${task.taskNo}/notice`)).json() as {
      code: { verifyUrl: string | null };
    };
    expect(plain.code.verifyUrl).toBeNull();
    const configured = await testApp({ publicBaseUrl: 'https://lianjian.rizhao.example.gov.cn' });
    try {
      const staff = await login(configured.app, 'scjg_staff');
      const view = (await call(configured.app, staff, 'GET', `/api/tasks/${task.taskNo}/notice`)).json() as {
        code: { verifyUrl: string; verifyPath: string };
      };
      expect(view.code.verifyUrl).toBe(`https://lianjian.rizhao.example.gov.cn${view.code.verifyPath}`);
      const pdf = await call(configured.app, staff, 'GET', `/api/tasks/${task.taskNo}/notice/pdf`);
      mkdirSync(notices, { recursive: true });
      writeFileSync(`${notices}/notice-public-url.pdf`, pdf.rawPayload);
      const text = execFileSync('pdftotext', [`${notices}/notice-public-url.pdf`, '-'])
        .toString()
        .replace(/\s+/g, '');
      expect(text).toContain('https://lianjian.rizhao.example.gov.cn/public/verify/');
      expect(text).not.toContain('localhost');
    } finally {
      await configured.app.close();
    }
  });

  it('the enterprise view opens the notice with USCC and the right 查询码 and refuses a wrong one', async () => {
    const ok = await call(t.app, null, 'POST', '/api/public/enterprise/notices', {
      uscc: task.uscc,
      queryCode: issued.queryCode!.toLowerCase(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const answer = ok.json() as { notices: { facts: { taskNo: string }; verifyPath: string; status: string }[] };
    expect(answer.notices).toHaveLength(1);
    expect(answer.notices[0]!.facts.taskNo).toBe(task.taskNo);
    expect(answer.notices[0]!.verifyPath).toBe(issued.code!.verifyPath);
    expect(answer.notices[0]!.status).toBe('真实有效');
    const wrong = await call(t.app, null, 'POST', '/api/public/enterprise/notices', {
      uscc: task.uscc,
      queryCode: 'ABCDEFGHJK',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('查询码不正确');
  });

  it('refuses the evaluation before the visit and accepts it once after the results are in; the departments see it', async () => {
    const before = await verify(issued.code!.token);
    expect(before.json().evaluation).toMatchObject({ open: false, submitted: false });
    expect(before.json().evaluation.reason).toContain('检查尚未实施');
    const early = await evaluate(issued.code!.token, {
      queryCode: issued.queryCode,
      satisfaction: 5,
      comments: '很好',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('检查尚未实施');
    await moveTask(t, task.id, 'complete');
    expect((await verify(issued.code!.token)).json().evaluation.open).toBe(true);
    const bad = await evaluate(issued.code!.token, { queryCode: issued.queryCode, satisfaction: 2, complaint: true });
    expect(bad.statusCode).toBe(400);
    // Whoever saw the QR (the inspector too) cannot evaluate without the 查询码 given to the subject.
    const noCode = await evaluate(issued.code!.token, { satisfaction: 5 });
    expect(noCode.statusCode).toBe(400);
    const wrongCode = await evaluate(issued.code!.token, { queryCode: 'ABCDEFGHJK', satisfaction: 5 });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().error.message).toContain('企业查询码不正确');
    const res = await evaluate(issued.code!.token, {
      queryCode: issued.queryCode!.toLowerCase(),
      satisfaction: 2,
      comments: '检查时间过长',
      complaint: true,
      complaintText: '检查人员未出示执法证',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evaluation).toMatchObject({ open: false, submitted: true });
    expect((await evaluate(issued.code!.token, { queryCode: issued.queryCode, satisfaction: 5 })).statusCode).toBe(409);
    const list = await call(t.app, scjgStaff, 'GET', `/api/tasks/${task.taskNo}/evaluations`);
    expect(list.json()).toMatchObject([
      { satisfaction: 2, comments: '检查时间过长', complaint: true, complaintText: '检查人员未出示执法证' },
    ]);
    expect((await call(t.app, yjglAdmin, 'GET', `/api/tasks/${task.taskNo}/evaluations`)).statusCode).toBe(404);
    // After the visit, revoking the code does not open a second evaluation: no new code is issued.
    expect(
      (await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice/revoke`, { reason: '测试：检查后撤销' }))
        .statusCode,
    ).toBe(200);
    const reissue = await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice`, {});
    expect(reissue.statusCode).toBe(409);
    expect(reissue.json().error.message).toContain('不能再签发新的检查码');
  });

  it('opens the evaluation when the window has ended even without recorded results', async () => {
    const past = await publishedTask(t, day(-20), day(-2));
    const code = ((await call(t.app, lianxi, 'POST', `/api/tasks/${past.taskNo}/notice`, {})).json() as Issued).code!;
    expect((await verify(code.token)).json()).toMatchObject({ status: '真实有效', evaluation: { open: true } });
  });

  it('a revoked code says 已撤销 with the reason (audited), and a new notice gets a new code', async () => {
    const other = await publishedTask(t, day(1), day(20));
    const first = ((await call(t.app, lianxi, 'POST', `/api/tasks/${other.taskNo}/notice`, {})).json() as Issued).code!;
    expect(
      (await call(t.app, lianxi, 'POST', `/api/tasks/${other.taskNo}/notice/revoke`, { reason: '' })).statusCode,
    ).toBe(400);
    const revoked = await call(t.app, lianxi, 'POST', `/api/tasks/${other.taskNo}/notice/revoke`, {
      reason: '检查人员变更，重新出具告知书',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const body = (await verify(first.token)).json() as {
      status: string;
      message: string;
      revokeReason: string;
      evaluation: { open: boolean };
    };
    expect(body.status).toBe('已撤销');
    expect(body.revokeReason).toBe('检查人员变更，重新出具告知书');
    expect(body.message).toContain('检查人员变更，重新出具告知书');
    expect(
      (await call(t.app, lianxi, 'POST', `/api/tasks/${other.taskNo}/notice/revoke`, { reason: '再撤一次' }))
        .statusCode,
    ).toBe(409);
    const second = (await call(t.app, lianxi, 'POST', `/api/tasks/${other.taskNo}/notice`, {})).json() as Issued & {
      history: unknown[];
    };
    expect(second.code!.tokenId).not.toBe(first.tokenId);
    expect(second.history).toHaveLength(1);
    expect((await verify(second.code!.token)).json().status).toBe('真实有效');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', first.tokenId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection_code.issue', 'inspection_code.revoke']);
  });

  it('a code says 已过期 30 days after the window ends (controlled clock)', async () => {
    const soon = await publishedTask(t, day(0), day(1));
    const code = ((await call(t.app, lianxi, 'POST', `/api/tasks/${soon.taskNo}/notice`, {})).json() as Issued).code!;
    expect((await verify(code.token)).json().status).toBe('真实有效');
    t.clock.advanceMinutes(33 * 24 * 60);
    const body = (await verify(code.token)).json() as {
      status: string;
      message: string;
      evaluation: { open: boolean };
    };
    expect(body.status).toBe('已过期');
    expect(body.message).toContain('已于');
    expect(body.evaluation.open).toBe(false);
  });
});
