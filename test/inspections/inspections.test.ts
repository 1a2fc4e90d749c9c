import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, setChinaTime, testApp } from '../support/test-platform';

let t: TestApp;
let scjgStaff: Session;
let yjglAdmin: Session;
let jc: Session;
let yjglJc: Session;

/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Moves the test clock to a China-time instant (back or forward) and signs everyone in again (sessions time out). */
async function moveToAndSignIn(iso: string): Promise<void> {
  setChinaTime(t, iso);
  [scjgStaff, yjglAdmin, jc, yjglJc] = await Promise.all(
    ['scjg_staff', 'yjgl_admin', 'scjg_jc01', 'yjgl_jc01'].map((u) => login(t.app, u)),
  );
}

function multipart(fileName: string, contentType: string, data: Buffer) {
  const boundary = '----lianjian' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  session: Session,
  taskNo: string,
  checkItemId: number,
  fileName: string,
  contentType: string,
  data: Buffer,
) {
  const m = multipart(fileName, contentType, data);
  return t.app.inject({
    method: 'POST',
    url: `/api/inspections/${taskNo}/photos?checkItemId=${checkItemId}`,
    payload: m.body,
    headers: { ...session.headers, 'content-type': m.contentType },
  });
}

interface View {
  task: { status: string };
  visit: {
    visitOn: string | null;
    checkedInOn: string | null;
    dueOn: string | null;
    changes: { previousOn: string | null; visitOn: string; reason: string | null }[];
  };
  departments: {
    id: number;
    name: string;
    checks: { checkItemId: number; result: string | null; late: boolean; photos: { id: number }[] }[];
    submission: { overall: string; late: boolean; dueOn: string; feedbackPromisedOn: string | null } | null;
  }[];
  myDepartmentId: number | null;
}

let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };
let joint: string;
let single: string;

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  await moveToAndSignIn('2026-12-01T09:00:00');
  joint = (await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] })).taskNo;
  single = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
});
afterAll(async () => {
  await t.app.close();
});

describe('inspection execution', () => {
  it('schedules within the window and reschedules only with a reason; department scope applies', async () => {
    const outside = await call(t.app, scjgStaff, 'PUT', `/api/inspections/${joint}/schedule`, {
      visitOn: '2027-01-05',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('检查期');
    expect(
      (await call(t.app, jc, 'PUT', `/api/inspections/${joint}/schedule`, { visitOn: '2026-12-03' })).statusCode,
    ).toBe(403);
    const other = await call(t.app, yjglAdmin, 'PUT', `/api/inspections/${single}/schedule`, { visitOn: '2026-12-03' });
    expect(other.statusCode).toBe(403);
    const first = await call(t.app, scjgStaff, 'PUT', `/api/inspections/${joint}/schedule`, { visitOn: '2026-12-03' });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as View).task.status).toBe('已排期');
    const noReason = await call(t.app, scjgStaff, 'PUT', `/api/inspections/${joint}/schedule`, {
      visitOn: '2026-12-04',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('改期须说明理由');
    const moved = await call(t.app, yjglAdmin, 'PUT', `/api/inspections/${joint}/schedule`, {
      visitOn: '2026-12-04',
      reason: '企业负责人 3 日外出，约定改至 4 日',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const view = moved.json() as View;
    expect(view.visit.visitOn).toBe('2026-12-04');
    expect(view.visit.changes.map((c) => [c.previousOn, c.visitOn, c.reason])).toEqual([
      [null, '2026-12-03', null],
      ['2026-12-03', '2026-12-04', '企业负责人 3 日外出，约定改至 4 日'],
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', joint)
      .orderBy('seq')
      .execute();
    // The first date takes the task 已发布 → 已排期 through the lifecycle (its own entry); a change of date keeps it 已排期.
    expect(audit.map((a) => a.action)).toEqual(['task.transition', 'inspection.schedule', 'inspection.reschedule']);
  });

  it("lists the inspector's tasks; check-in records the time and the 7-working-day deadline", async () => {
    const mine = await call(t.app, jc, 'GET', '/api/inspections/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    const list = mine.json() as {
      today: string;
      items: { taskNo: string; visitOn: string | null; departments: string[] }[];
    };
    expect(list.today).toBe('2026-12-01');
    expect(list.items.find((i) => i.taskNo === joint)).toMatchObject({ visitOn: '2026-12-04' });
    expect(list.items.find((i) => i.taskNo === joint)!.departments).toHaveLength(2);
    // Recording before check-in is refused.
    const before = (await call(t.app, jc, 'GET', `/api/inspections/${joint}`)).json() as View;
    const scjgCheck = before.departments.find((d) => d.id === scjg.departmentId)!.checks[0]!;
    expect(
      (await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/${scjgCheck.checkItemId}`, { result: '符合' }))
        .statusCode,
    ).toBe(409);
    // Before the window opens (1 December) nobody checks in.
    await moveToAndSignIn('2026-11-30T09:30:00');
    const early = await call(t.app, jc, 'POST', `/api/inspections/${joint}/check-in`);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('不在本任务的检查期 2026-12-01 至 2026-12-31 之内');
    // Friday 4 December 2026: the 7th working day after it is Tuesday 15 December (two weekends between).
    await moveToAndSignIn('2026-12-04T09:30:00');
    expect((await call(t.app, scjgStaff, 'POST', `/api/inspections/${joint}/check-in`)).statusCode).toBe(403);
    const res = await call(t.app, jc, 'POST', `/api/inspections/${joint}/check-in`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as View;
    expect(view.task.status).toBe('检查中');
    expect(view.visit.checkedInOn).toBe('2026-12-04');
    expect(view.visit.dueOn).toBe('2026-12-15');
    expect(view.myDepartmentId).toBe(scjg.departmentId);
    expect((await call(t.app, yjglJc, 'POST', `/api/inspections/${joint}/check-in`)).body).toContain('已签到');
  });

  it("records results per check item with a photo; another department's inspector cannot record them", async () => {
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${joint}`)).json() as View;
    const checks = view.departments.find((d) => d.id === scjg.departmentId)!.checks;
    expect(checks.length).toBe(3);
    const denied = await call(t.app, yjglJc, 'PUT', `/api/inspections/${joint}/results/${checks[0]!.checkItemId}`, {
      result: '不符合',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('只能录入本部门');
    expect(
      (await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/999999`, { result: '符合' })).statusCode,
    ).toBe(404);
    expect(
      (await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/${checks[0]!.checkItemId}`, { result: '合格' }))
        .statusCode,
    ).toBe(400);
    const first = await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/${checks[0]!.checkItemId}`, {
      result: '不符合',
      notes: '后厨冷藏柜温度 9℃，超过 8℃ 要求',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ result: '不符合', late: false });
    const photo = await upload(jc, joint, checks[0]!.checkItemId, '冷藏柜.png', 'image/png', png);
    expect(photo.statusCode, photo.body).toBe(200);
    const photoId = (photo.json() as { id: number }).id;
    const text = await upload(jc, joint, checks[0]!.checkItemId, 'x.txt', 'text/plain', Buffer.from('not an image'));
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('只能上传图片');
    const big = await upload(
      jc,
      joint,
      checks[0]!.checkItemId,
      'big.png',
      'image/png',
      Buffer.alloc(5 * 1024 * 1024 + 10, 1),
    );
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('5 MB');
    expect((await upload(yjglJc, joint, checks[0]!.checkItemId, 'p.png', 'image/png', png)).statusCode).toBe(403);
    // A page declared as an image is refused: evidence is served back as the type it was stored with.
    const disguised = await upload(
      jc,
      joint,
      checks[0]!.checkItemId,
      'x.png',
      'image/png',
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('文件内容不是 image/png 图片');
    const image = await call(t.app, scjgStaff, 'GET', `/api/inspection-photos/${photoId}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.rawPayload.equals(png)).toBe(true);
    // Submitting with items missing is refused and names the count.
    const early = await call(t.app, jc, 'POST', `/api/inspections/${joint}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('还有 2 个检查事项没有录入结果');
    for (const c of checks.slice(1))
      expect(
        (
          await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/${c.checkItemId}`, {
            result: c === checks[1] ? '符合' : '不适用',
          })
        ).statusCode,
      ).toBe(200);
    // Saving an entry again (a retried request) replaces it.
    expect(
      (
        await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results/${checks[1]!.checkItemId}`, {
          result: '符合',
          notes: '',
        })
      ).statusCode,
    ).toBe(200);
    const after = (await call(t.app, jc, 'GET', `/api/inspections/${joint}`)).json() as View;
    expect(after.departments.find((d) => d.id === scjg.departmentId)!.checks.map((c) => c.result)).toEqual([
      '不符合',
      '符合',
      '不适用',
    ]);
    expect(after.departments.find((d) => d.id === scjg.departmentId)!.checks[0]!.photos.map((p) => p.id)).toEqual([
      photoId,
    ]);
  });

  it('on the 7th working day a submission is on time; on the 8th a result is late (逾期录入); the task is 已检查 when both departments submitted', async () => {
    await moveToAndSignIn('2026-12-15T17:00:00');
    const sub = await call(t.app, jc, 'POST', `/api/inspections/${joint}/submit`, { feedbackPromisedOn: '2026-12-20' });
    expect(sub.statusCode, sub.body).toBe(200);
    const view = sub.json() as View;
    expect(view.departments.find((d) => d.id === scjg.departmentId)!.submission).toMatchObject({
      overall: '发现问题',
      late: false,
      dueOn: '2026-12-15',
      feedbackPromisedOn: '2026-12-20',
    });
    expect(view.task.status).toBe('检查中');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${joint}/submit`, {})).statusCode).toBe(409);
    const checks = view.departments.find((d) => d.id === yjgl.departmentId)!.checks;
    expect(checks.length).toBeGreaterThan(0);
    // A result entered on the 7th working day is on time.
    const seventh = await call(t.app, yjglJc, 'PUT', `/api/inspections/${joint}/results/${checks[0]!.checkItemId}`, {
      result: '不适用',
      notes: '暂存',
    });
    expect(seventh.statusCode, seventh.body).toBe(200);
    expect(seventh.json()).toMatchObject({ late: false });
    // Wednesday 16 December: the 8th working day after check-in.
    await moveToAndSignIn('2026-12-16T09:00:00');
    for (const c of checks) {
      const res = await call(t.app, yjglJc, 'PUT', `/api/inspections/${joint}/results/${c.checkItemId}`, {
        result: '符合',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ late: true });
    }
    const done = await call(t.app, yjglJc, 'POST', `/api/inspections/${joint}/submit`, {});
    expect(done.statusCode, done.body).toBe(200);
    const final = done.json() as View;
    expect(final.task.status).toBe('已检查');
    expect(final.departments.find((d) => d.id === yjgl.departmentId)!.submission).toMatchObject({
      overall: '符合',
      late: true,
    });
    const tasks = (await call(t.app, scjgStaff, 'GET', `/api/tasks?status=已检查&keyword=${joint}`)).json() as {
      items: { taskNo: string }[];
    };
    expect(tasks.items.map((i) => i.taskNo)).toEqual([joint]);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', joint).execute();
    const actions = audit.map((a) => a.action);
    for (const a of ['inspection.check_in', 'inspection.result', 'inspection.photo', 'inspection.submit'])
      expect(actions).toContain(a);
  });

  it('produces the feedback sheet per department as a PDF; not before the department submitted', async () => {
    const res = await call(
      t.app,
      jc,
      'GET',
      `/api/inspections/${joint}/feedback.pdf?departmentId=${scjg.departmentId}`,
    );
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.LIANJIAN_SAVE_PDF)
      (await import('node:fs')).writeFileSync(process.env.LIANJIAN_SAVE_PDF, res.rawPayload);
    expect(
      (await call(t.app, yjglAdmin, 'GET', `/api/inspections/${single}/feedback.pdf?departmentId=${scjg.departmentId}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t.app, scjgStaff, 'GET', `/api/inspections/${single}/feedback.pdf?departmentId=${scjg.departmentId}`))
        .statusCode,
    ).toBe(409);
  });

  it('two departments submitting a joint task at the same moment leave it 已检查; the same submission sent twice at once is answered 200 and 409', async () => {
    await moveToAndSignIn('2026-12-17T09:00:00');
    const race = (await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] })).taskNo;
    expect((await call(t.app, jc, 'POST', `/api/inspections/${race}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${race}`)).json() as View;
    for (const [session, d] of [
      [jc, scjg],
      [yjglJc, yjgl],
    ] as const) {
      for (const c of view.departments.find((x) => x.id === d.departmentId)!.checks) {
        expect(
          (await call(t.app, session, 'PUT', `/api/inspections/${race}/results/${c.checkItemId}`, { result: '符合' }))
            .statusCode,
        ).toBe(200);
      }
    }
    const answers = await Promise.all([
      call(t.app, jc, 'POST', `/api/inspections/${race}/submit`, {}),
      call(t.app, yjglJc, 'POST', `/api/inspections/${race}/submit`, {}),
      call(t.app, yjglJc, 'POST', `/api/inspections/${race}/submit`, {}),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 409]);
    const after = (await call(t.app, scjgStaff, 'GET', `/api/inspections/${race}`)).json() as View;
    expect(after.task.status).toBe('已检查');
  });

  it('a department that recorded an off-site check cannot also record or submit on site', async () => {
    await moveToAndSignIn('2026-12-18T09:00:00');
    const both = (await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] })).taskNo;
    const view = (await call(t.app, yjglAdmin, 'GET', `/api/inspections/${both}`)).json() as View;
    const yjglChecks = view.departments.find((x) => x.id === yjgl.departmentId)!.checks;
    const off = await call(t.app, yjglAdmin, 'POST', `/api/inspection-records/${both}/offsite`, {
      method: '在线监测数据比对',
      dataSource: '应急管理监测平台',
      conductedOn: '2026-12-18',
      results: yjglChecks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await call(t.app, jc, 'POST', `/api/inspections/${both}/check-in`)).statusCode).toBe(200);
    const refused = await call(t.app, yjglJc, 'PUT', `/api/inspections/${both}/results/${yjglChecks[0]!.checkItemId}`, {
      result: '不符合',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('已于 2026-12-18 录入非现场检查');
    expect((await call(t.app, yjglJc, 'POST', `/api/inspections/${both}/submit`, {})).statusCode).toBe(409);
    // An off-site check dated before the task's window opens is refused.
    const fresh = (await createTask(t, { items: ['YJGL-CC-02'], inspectors: [yjgl] })).taskNo;
    const early = await call(t.app, yjglAdmin, 'POST', `/api/inspection-records/${fresh}/offsite`, {
      method: '在线监测数据比对',
      dataSource: '应急管理监测平台',
      conductedOn: '2026-11-30',
      results: yjglChecks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('检查日期不能早于检查期开始日 2026-12-01');
  });
});
