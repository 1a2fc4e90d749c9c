import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/demo/demo-activity';
import type { OutboundAdapter, OutboundPayload } from '../../src/notifications/outbound-adapters';
import { dispatchOutbox } from '../../src/notifications/outbox.service';
import type { SubjectInput } from '../../src/subjects/subject.schemas';
import { changeSubject, getSubject } from '../../src/subjects/subject.service';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask, type TestTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp, testConfig } from '../support/test-platform';

// One folder per database leg: `npm test` runs the PGlite and PostgreSQL legs at the same time.
const notices = `test-results/notices/${testConfig().database.kind}`;

/**
 * The 企业查询码 reaches the enterprise and can be given again; each department's part of a joint visit is evaluated
 * once that department has inspected. All in March 2031 (no other test uses that year).
 */
let t: TestApp;
const s: Record<string, Session> = {};
let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };

interface Issued {
  queryCode: string | null;
  code: { token: string; tokenId: string; verifyPath: string };
  issuingDepartment: string | null;
  queryCodes: {
    reissue: boolean;
    channel: string | null;
    contact: string | null;
    delivery: string;
    superseded: boolean;
  }[];
  reissue: { allowed: boolean; reason: string };
}
interface Verification {
  progress: { name: string; inspected: boolean; inspectedOn: string | null }[];
  evaluation: {
    open: boolean;
    submitted: boolean;
    reason: string;
    parts: { departmentId: number; name: string; state: string; reason: string }[];
  };
}

async function at(iso: string): Promise<void> {
  setChinaTime(t, iso);
  for (const u of ['scjg_staff', 'scjg_jc01', 'yjgl_admin', 'yjgl_jc01', 'lianxi', 'admin'])
    s[u] = await login(t.app, u);
}

/** The register's contact of a subject, changed the way the register page does (every other field kept). */
async function setContact(subjectId: number, contactPhone: string | null, contactEmail: string | null) {
  const admin = await actorOfUser(t.deps.db, 'admin');
  const v = await getSubject(t.deps, admin, subjectId);
  await changeSubject(t.deps, admin, subjectId, {
    uscc: v.uscc,
    keepFlaggedUscc: v.usccProblem !== null,
    legacyRegNo: v.legacyRegNo,
    name: v.name,
    kind: v.kind,
    legalRepresentative: v.legalRepresentative,
    contactPhone,
    contactEmail,
    divisionCode: v.divisionCode,
    registeredAddress: v.registeredAddress,
    businessAddress: v.businessAddress,
    businessScope: v.businessScope,
    industryCodes: v.industries.map((i) => i.code),
    registrationDate: v.registrationDate,
    status: v.status,
    creditClass: v.creditClass,
    industryRisk: v.industryRisk as SubjectInput['industryRisk'],
    whitelisted: v.whitelisted,
  });
}

/** The outbound messages to the subject's contact about a task, oldest first. */
const contactMessages = (taskNo: string) =>
  t.deps.db
    .selectFrom('outbound_contact_messages as c')
    .innerJoin('outbound_messages as m', 'm.id', 'c.message_id')
    .select(['m.id', 'm.status', 'c.phone', 'c.email', 'c.body', 'c.secret'])
    .where('c.task_no', '=', taskNo)
    .orderBy('m.id')
    .execute();

/** A gateway that keeps what it was given. */
function capturingAdapter(): OutboundAdapter & { sent: OutboundPayload[] } {
  const sent: OutboundPayload[] = [];
  return { kind: 'webhook', sent, send: async (p) => void sent.push(p) };
}

const verify = async (token: string) =>
  (await call(t.app, null, 'GET', `/api/public/inspection-codes/${token}`)).json() as Verification;
const evaluate = (token: string, body: object) =>
  call(t.app, null, 'POST', `/api/public/inspection-codes/${token}/evaluation`, body);
const enterprise = (uscc: string, queryCode: string) =>
  call(t.app, null, 'POST', '/api/public/enterprise/notices', { uscc, queryCode });

/** The department's inspector checks in (when nobody has), records every check item 符合 and submits. */
async function submitPart(taskNo: string, who: string, departmentId: number): Promise<void> {
  const view = (await call(t.app, s[who]!, 'GET', `/api/inspections/${taskNo}`)).json() as {
    visit: { checkedInAt: string | null } | null;
    departments: { id: number; checks: { checkItemId: number }[] }[];
  };
  if (!view.visit?.checkedInAt)
    expect((await call(t.app, s[who]!, 'POST', `/api/inspections/${taskNo}/check-in`)).statusCode).toBe(200);
  for (const c of view.departments.find((d) => d.id === departmentId)!.checks) {
    const res = await call(t.app, s[who]!, 'PUT', `/api/inspections/${taskNo}/results/${c.checkItemId}`, {
      result: '符合',
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const submitted = await call(t.app, s[who]!, 'POST', `/api/inspections/${taskNo}/submit`, {});
  expect(submitted.statusCode, submitted.body).toBe(200);
}

let joint: TestTask;
let quiet: TestTask;
let first: Issued;

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  await at('2031-03-03T09:00:00');
  const window = { from: '2031-03-01', to: '2031-03-31' };
  joint = await createTask(t, {
    items: ['SCJG-CC-02', 'YJGL-CC-02'],
    inspectors: [scjg, yjgl],
    subjectOffset: 57,
    window,
    source: '抽取',
    routine: true,
  });
  quiet = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg], subjectOffset: 58, window });
  await setContact(joint.subjectId, '13912345678', null);
  await setContact(quiet.subjectId, null, null);
});
afterAll(async () => {
  await t.app.close();
});

describe('the 企业查询码 reaches the enterprise', () => {
  it('the subject register keeps a contact; a form that does not send it leaves it as it was', async () => {
    const res = await call(t.app, s.admin!, 'GET', `/api/subjects/${joint.subjectId}`);
    expect(res.json()).toMatchObject({ contactPhone: '13912345678', contactEmail: null });
    const bad = await call(t.app, s.admin!, 'PUT', `/api/subjects/${joint.subjectId}`, {
      ...(res.json() as object),
      contactPhone: '12345',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('issuing the notice sends the 查询码 with the 检查码 link to the registered mobile; the platform keeps no clear code', async () => {
    const res = await call(t.app, s.scjg_staff!, 'POST', `/api/tasks/${joint.taskNo}/notice`, {});
    expect(res.statusCode, res.body).toBe(200);
    first = res.json() as Issued;
    expect(first.queryCode).toMatch(/^[2-9A-Z]{10}$/);
    expect(first.issuingDepartment).toBe('市市场监督管理局');
    expect(first.queryCodes).toEqual([
      {
        issuedAt: expect.any(String),
        issuedBy: '张晓梅',
        reissue: false,
        channel: '短信',
        contact: '139****5678',
        delivery: '待发送',
        superseded: false,
      },
    ]);
    const [message] = await contactMessages(joint.taskNo);
    expect(message).toMatchObject({ status: '待发送', phone: '13912345678', secret: first.queryCode });
    expect(message!.body).not.toContain(first.queryCode!);

    const gateway = capturingAdapter();
    expect(await dispatchOutbox(t.deps, { adapter: gateway, ids: [Number(message!.id)] })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    const [payload] = gateway.sent;
    expect(payload!.recipient).toEqual({ name: joint.subjectName, phone: '13912345678', email: null });
    expect(payload!.body).toContain(`企业查询码：${first.queryCode}`);
    expect(payload!.link).toBe(first.code.verifyPath);
    expect(payload!.taskNo).toBe(joint.taskNo);
    // Sent: the secret is erased; the administrators' list never shows it.
    expect((await contactMessages(joint.taskNo))[0]).toMatchObject({ status: '已发送', secret: null });
    const listed = await call(t.app, s.admin!, 'GET', `/api/outbound-messages?keyword=${joint.taskNo}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items[0]).toMatchObject({ toContact: true, recipient: { phone: '13912345678' } });
    expect(listed.body).not.toContain(first.queryCode!);
    const view = (await call(t.app, s.scjg_staff!, 'GET', `/api/tasks/${joint.taskNo}/notice`)).json() as Issued;
    expect(view.queryCodes[0]).toMatchObject({ delivery: '已发送', contact: '139****5678' });
    expect(view.reissue.allowed).toBe(true);
  });

  it('with no contact in the register no message is sent, and the notice page says so', async () => {
    const res = await call(t.app, s.scjg_staff!, 'POST', `/api/tasks/${quiet.taskNo}/notice`, {});
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json() as Issued;
    expect(issued.queryCode).toMatch(/^[2-9A-Z]{10}$/);
    expect(issued.queryCodes).toMatchObject([{ channel: null, contact: null, delivery: '未发送' }]);
    expect(await contactMessages(quiet.taskNo)).toEqual([]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', issued.code.tokenId)
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('未发送');
  });

  it('the re-downloaded PDF no longer ends in a dead end: it says where the code went and whom to ask for a new one', async () => {
    const res = await call(t.app, s.scjg_staff!, 'GET', `/api/tasks/${joint.taskNo}/notice/pdf`);
    expect(res.statusCode).toBe(200);
    mkdirSync(notices, { recursive: true });
    writeFileSync(`${notices}/notice-again.pdf`, res.rawPayload);
    const text = execFileSync('pdftotext', [`${notices}/notice-again.pdf`, '-'])
      .toString()
      .replace(/\s+/g, '');
    expect(text).toContain('已通过短信发送至139****5678');
    expect(text).toContain('如遗失查询码，请联系市市场监督管理局重新发放');
    expect(text).not.toContain('仅显示一次');
    expect(text).not.toContain(first.queryCode!);
    execFileSync('pdftoppm', ['-png', '-r', '60', `${notices}/notice-again.pdf`, `${notices}/notice-again`]);
  });
});

describe('the issuing department gives a new 查询码', () => {
  let second: Issued;

  it('refuses another department of the task and a user without the right to issue notices', async () => {
    const other = await call(t.app, s.yjgl_admin!, 'POST', `/api/tasks/${joint.taskNo}/notice/query-code`, {});
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain('由出具告知书的市市场监督管理局重新发放');
    const view = (await call(t.app, s.yjgl_admin!, 'GET', `/api/tasks/${joint.taskNo}/notice`)).json() as Issued;
    expect(view.reissue).toMatchObject({ allowed: false });
    expect(
      (await call(t.app, s.scjg_jc01!, 'POST', `/api/tasks/${joint.taskNo}/notice/query-code`, {})).statusCode,
    ).toBe(403);
  });

  it('a new 查询码 works at once for 企业查询 and the old one does not; it is sent, shown once and audited without the code', async () => {
    expect((await enterprise(joint.uscc, first.queryCode!)).statusCode).toBe(200);
    const res = await call(t.app, s.scjg_staff!, 'POST', `/api/tasks/${joint.taskNo}/notice/query-code`, {});
    expect(res.statusCode, res.body).toBe(200);
    second = res.json() as Issued;
    expect(second.queryCode).toMatch(/^[2-9A-Z]{10}$/);
    expect(second.queryCode).not.toBe(first.queryCode);
    expect(second.code.tokenId).toBe(first.code.tokenId);
    expect(second.queryCodes).toMatchObject([
      { reissue: true, channel: '短信', contact: '139****5678', delivery: '待发送', superseded: false },
      { reissue: false, delivery: '已发送', superseded: true },
    ]);
    const old = await enterprise(joint.uscc, first.queryCode!);
    expect(old.statusCode).toBe(400);
    const fresh = await enterprise(joint.uscc, second.queryCode!);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json().notices[0]).toMatchObject({
      facts: { taskNo: joint.taskNo },
      progress: [
        { name: '市市场监督管理局', inspected: false },
        { name: '市应急管理局', inspected: false },
      ],
    });

    const messages = await contactMessages(joint.taskNo);
    expect(messages).toHaveLength(2);
    const gateway = capturingAdapter();
    await dispatchOutbox(t.deps, { adapter: gateway, ids: [Number(messages[1]!.id)] });
    expect(gateway.sent[0]!.body).toContain(`企业查询码：${second.queryCode}（此前的查询码已作废）`);
    expect(gateway.sent[0]!.title).toContain('重新发放');

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', first.code.tokenId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection_code.issue', 'inspection_code.reissue_query_code']);
    const entry = JSON.stringify(audit[1]);
    expect(entry).toContain('139****5678');
    for (const code of [first.queryCode!, second.queryCode!]) expect(JSON.stringify(audit)).not.toContain(code);
    const stored = await t.deps.db
      .selectFrom('inspection_codes')
      .select('query_code_hash')
      .where('token_id', '=', first.code.tokenId)
      .executeTakeFirstOrThrow();
    expect(stored.query_code_hash).not.toContain(second.queryCode!);
  });

  it('a PDF asked for with the old 查询码 does not print it; with the new one it does', async () => {
    const text = (queryCode: string) =>
      call(t.app, s.scjg_staff!, 'GET', `/api/tasks/${joint.taskNo}/notice/pdf?queryCode=${queryCode}`).then((res) => {
        writeFileSync(`${notices}/notice-code.pdf`, res.rawPayload);
        return execFileSync('pdftotext', [`${notices}/notice-code.pdf`, '-'])
          .toString()
          .replace(/\s+/g, '');
      });
    expect(await text(first.queryCode!)).not.toContain(first.queryCode!);
    expect(await text(second.queryCode!)).toContain(`企业查询码：${second.queryCode}`);
  });

  describe("each department's part is evaluated once that department has inspected", () => {
    it('while only 市场监管 has submitted: the page says who inspected, and only that part opens', async () => {
      await submitPart(joint.taskNo, 'scjg_jc01', scjg.departmentId);
      const v = await verify(first.code.token);
      expect(v.progress).toEqual([
        { name: '市市场监督管理局', inspected: true, inspectedOn: '2031-03-03', offsite: false },
        { name: '市应急管理局', inspected: false, inspectedOn: null, offsite: false },
      ]);
      expect(v.evaluation.open).toBe(true);
      expect(v.evaluation.reason).not.toContain('检查尚未实施');
      expect(v.evaluation.reason).toContain('市应急管理局尚未提交检查结果');
      expect(v.evaluation.parts.map((p) => [p.name, p.state])).toEqual([
        ['市市场监督管理局', '可评价'],
        ['市应急管理局', '未开放'],
      ]);
      expect(v.evaluation.parts[1]!.reason).toContain('尚未提交检查结果');
    });

    it('the old 查询码 no longer evaluates; the open part takes the new one, the closed part is refused with its reason', async () => {
      const old = await evaluate(first.code.token, {
        queryCode: first.queryCode,
        departmentId: scjg.departmentId,
        satisfaction: 5,
      });
      expect(old.statusCode).toBe(400);
      expect(old.json().error.message).toContain('企业查询码不正确');
      const closed = await evaluate(first.code.token, {
        queryCode: second.queryCode,
        departmentId: yjgl.departmentId,
        satisfaction: 5,
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.message).toContain('市应急管理局：尚未提交检查结果');
      const ok = await evaluate(first.code.token, {
        queryCode: second.queryCode,
        departmentId: scjg.departmentId,
        satisfaction: 4,
        comments: '市场监管检查讲解清楚',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const after = ok.json() as Verification;
      expect(after.evaluation.parts.map((p) => p.state)).toEqual(['已评价', '未开放']);
      expect(after.evaluation.submitted).toBe(false);
      expect(after.evaluation.open).toBe(false);
      const again = await evaluate(first.code.token, {
        queryCode: second.queryCode,
        departmentId: scjg.departmentId,
        satisfaction: 1,
      });
      expect(again.statusCode).toBe(409);
      const list = (await call(t.app, s.yjgl_admin!, 'GET', `/api/tasks/${joint.taskNo}/evaluations`)).json();
      expect(list).toMatchObject([
        { department: '市市场监督管理局', satisfaction: 4, comments: '市场监管检查讲解清楚' },
      ]);
    });

    it('once 应急管理 submits too, its part opens and is evaluated on its own', async () => {
      await submitPart(joint.taskNo, 'yjgl_jc01', yjgl.departmentId);
      const v = await verify(first.code.token);
      expect(v.evaluation.parts.map((p) => p.state)).toEqual(['已评价', '可评价']);
      const ok = await evaluate(first.code.token, {
        queryCode: second.queryCode,
        departmentId: yjgl.departmentId,
        satisfaction: 3,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((ok.json() as Verification).evaluation).toMatchObject({ submitted: true, open: false });
    });
  });

  it('refuses a new 查询码 once the evaluation has closed (30 days after the window)', async () => {
    await at('2031-05-01T09:00:00');
    const view = (await call(t.app, s.scjg_staff!, 'GET', `/api/tasks/${quiet.taskNo}/notice`)).json() as Issued;
    expect(view.reissue).toMatchObject({ allowed: false });
    const res = await call(t.app, s.scjg_staff!, 'POST', `/api/tasks/${quiet.taskNo}/notice/query-code`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('评价已于 2031-04-30 截止');
  });
});
