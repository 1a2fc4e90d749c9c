import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegisterSubjects, sectionOfDivision } from '../../src/draw/draw-inputs.repository';
import { subjectInScope } from '../../src/draw/engine/frame';
import type { TaskView } from '../../src/tasks/task.schemas';
import { staffingKey } from '../../src/tasks/task-staffing';
import { drawSourcesOf, planTitleOf, sourceKey } from '../../src/tasks/task-draw-sources';
import { call, login, type Session } from '../support/http';
import { setSubjectFlags } from '../support/factories/subject.factory';
import { type TestApp, testApp } from '../support/test-platform';

// Year 2028 keeps these visits apart from the other files' draws (2026) on the shared database.
const Y = 2028;
let t: TestApp;
let admin: Session;
let lianxi: Session;
let scjg: Session;
let yjgl: Session;
let scjgStaff: Session;
const dept = { scjg: 0, yjgl: 0 };
let publishedScjgItem: { id: number; code: string };
const usedSubjects = new Set<string>();

interface Registration {
  registrationNo: string;
  status: string;
  mergedTaskNo: string | null;
  withdrawReason: string | null;
  subject: { uscc: string };
}
interface Proposal {
  proposalNo: string;
  kind: string;
  status: string;
  outcome: string | null;
  mergedTaskNo: string | null;
  window: { from: string; to: string };
  sources: { type: string; no: string }[];
  parties: { department: { id: number }; role: string; answer: string | null }[];
}
type Task = TaskView;

interface Wanted {
  whitelisted?: boolean;
  /** Carrying an active tag of this department (and tags of no department but it and 市场监管). */
  taggedBy?: number;
  /** Tags allowed of these departments only (default: no tags at all). A department's own tags invite no one to its visits. */
  tagsOf?: number[];
  /** Sampling item codes whose object scope must cover the subject: a registration of an item is refused for a subject outside it. */
  inScopeOf?: string[];
  /** Only among these subjects. */
  among?: string[];
}

/** The subjects (ids) every listed sampling item's object scope covers, tested as registrations and draws test them (subjectInScope). */
async function coveredBy(itemCodes: readonly string[], ids: readonly number[]): Promise<Set<number>> {
  const scoped = await t.deps.db
    .selectFrom('sampling_items')
    .select(['code', 'scope'])
    .where('code', 'in', [...itemCodes])
    .execute();
  expect(scoped.map((i) => i.code).sort()).toEqual([...itemCodes].sort());
  const sections = sectionOfDivision();
  const facts = await loadRegisterSubjects(t.deps.db, ids);
  return new Set(facts.filter((f) => scoped.every((i) => subjectInScope(f, i.scope, sections))).map((f) => f.id));
}

/** Subjects in business, not whitelisted, with no tags, no registration and no task of the year, that no other test of this file used (or as `where` asks). */
async function freshSubjects(n: number, where: Wanted = {}): Promise<string[]> {
  let q = t.deps.db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc'])
    .where('s.status', '=', '存续')
    .where('s.whitelisted', '=', where.whitelisted ?? false)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('inspection_registrations as r').select('r.id').whereRef('r.subject_id', '=', 's.id')),
      ),
    );
  if (where.among) q = q.where('s.uscc', 'in', where.among.length ? where.among : ['']);
  // The draws of this file sample any enterprise: a fresh subject has no task of the year either.
  q = q.where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('inspection_tasks as x')
          .select('x.id')
          .whereRef('x.subject_id', '=', 's.id')
          .where('x.window_from', '>=', `${Y}-01-01`)
          .where('x.window_from', '<=', `${Y}-12-31`),
      ),
    ),
  );
  if (where.taggedBy) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('subject_tags as st')
          .innerJoin('tags as g', 'g.id', 'st.tag_id')
          .select('st.subject_id')
          .whereRef('st.subject_id', '=', 's.id')
          .where('g.department_id', '=', where.taggedBy!)
          .where('g.valid_from', '<=', '2026-01-01')
          .where((w) => w.or([w('g.valid_to', 'is', null), w('g.valid_to', '>=', '2030-01-01')])),
      ),
    );
  }
  const allowed = [...(where.tagsOf ?? []), ...(where.taggedBy ? [where.taggedBy, dept.scjg] : [])];
  q = allowed.length
    ? q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('subject_tags as st')
              .innerJoin('tags as g', 'g.id', 'st.tag_id')
              .select('st.subject_id')
              .whereRef('st.subject_id', '=', 's.id')
              .where('g.department_id', 'not in', allowed),
          ),
        ),
      )
    : q.where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('subject_tags as st').select('st.subject_id').whereRef('st.subject_id', '=', 's.id')),
        ),
      );
  // In scope of items: test a batch of candidates with the production scope test, in the same order.
  const rows = await q
    .orderBy('s.uscc', 'desc')
    .limit(where.inScopeOf ? 5000 : n + usedSubjects.size)
    .execute();
  const covered = where.inScopeOf
    ? await coveredBy(
        where.inScopeOf,
        rows.map((r) => r.id),
      )
    : null;
  const out = rows
    .filter((r) => !usedSubjects.has(r.uscc) && (covered === null || covered.has(r.id)))
    .map((r) => r.uscc)
    .slice(0, n);
  expect(out, `${n} subject(s) ${JSON.stringify(where)}`).toHaveLength(n);
  out.forEach((u) => usedSubjects.add(u));
  return out;
}

/** Runs `fn` with the subject a key target, which a draw of an item whose scope covers it selects with certainty; then restores it. */
async function asKeyTarget<T>(uscc: string, fn: () => Promise<T>): Promise<T> {
  const before = await setSubjectFlags(t, uscc, { keyTarget: true, keyTargetReason: '测试：重点抽查对象' });
  try {
    return await fn();
  } finally {
    await setSubjectFlags(t, uscc, before);
  }
}

const register = (
  s: Session,
  usccs: string[],
  kind: string,
  from: string,
  to: string,
  itemCodes: string[],
  extra: object = {},
) =>
  call(t.app, s, 'POST', '/api/registrations', {
    usccs,
    kind,
    window: { from: `${Y}-${from}`, to: `${Y}-${to}` },
    itemCodes,
    ...extra,
  });
const answer = (s: Session, no: string, body: object) =>
  call(t.app, s, 'POST', `/api/merge-proposals/${no}/answer`, body);
const task = async (no: string) => (await call(t.app, admin, 'GET', `/api/tasks/${no}`)).json() as Task;

async function drawRound(
  title: string,
  from: string,
  to: string,
): Promise<{ recordNo: string; tasks: { uscc: string }[]; measures: { excluded: Record<string, number> } }> {
  const round = await call(t.app, lianxi, 'POST', '/api/draws', {
    title,
    year: Y,
    window: { from: `${Y}-${from}`, to: `${Y}-${to}` },
    samplingItemIds: [publishedScjgItem.id],
    design: 'fixed',
    // A local seed: a lottery's numbers are refused before its declared draw time.
    entropy: { kind: 'local', seedHash: createHash('sha256').update(`registrations-test-${title}`).digest('hex') },
  });
  expect(round.statusCode, round.body).toBe(200);
  const record = await call(
    t.app,
    lianxi,
    'POST',
    `/api/draws/${(round.json() as { roundNo: string }).roundNo}/records`,
    { reveal: { kind: 'local', seed: `registrations-test-${title}` } },
  );
  expect(record.statusCode, record.body).toBe(200);
  // The draw answers without its task list: the record holds it.
  const read = await call(
    t.app,
    lianxi,
    'GET',
    `/api/draw-records/${(record.json() as { recordNo: string }).recordNo}`,
  );
  expect(read.statusCode, read.body).toBe(200);
  return read.json();
}

beforeAll(async () => {
  t = await testApp();
  [admin, lianxi, scjg, yjgl, scjgStaff] = await Promise.all(
    ['admin', 'lianxi', 'scjg_admin', 'yjgl_admin', 'scjg_staff'].map((u) => login(t.app, u)),
  );
  for (const [key, username] of [
    ['scjg', 'scjg_admin'],
    ['yjgl', 'yjgl_admin'],
  ] as const) {
    dept[key] = (
      await t.deps.db
        .selectFrom('users')
        .select('department_id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).department_id;
  }
  // The draws of this file sample 企业公示信息抽查 (any enterprise or cooperative), so a drawn subject may also be an 应急管理 subject (industries 26, 30, 33, 34).
  publishedScjgItem = await t.deps.db
    .selectFrom('sampling_items')
    .select(['id', 'code'])
    .where('department_id', '=', dept.scjg)
    .where('code', '=', 'SCJG-CC-03')
    .where('published', '=', true)
    .where('status', '=', '有效')
    .where(sql<boolean>`jsonb_array_length(scope->'tags') = 0`)
    .where(sql<boolean>`jsonb_array_length(scope->'industries') = 0`)
    .executeTakeFirstOrThrow();
});
afterAll(async () => {
  await t.app.close();
});

describe('advance registration and automatic matching', () => {
  it('two departments registering the same subject in overlapping windows get one proposal; when both accept, one merged task with both departments’ items', async () => {
    // An industry-and-trade enterprise: 企业公示信息 (市场监管) and 工贸企业安全生产 (应急管理) both cover it. It carries 应急管理's
    // tag, so 应急管理 registers first (its own tag invites no one); 市场监管's registration then meets it.
    const [uscc] = await freshSubjects(1, { inScopeOf: ['SCJG-CC-03', 'YJGL-CC-02'], tagsOf: [dept.yjgl] });
    const first = await register(yjgl, [uscc!], '日常检查', '04-01', '05-31', ['YJGL-CC-02']);
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as { proposals: Proposal[] }).proposals).toEqual([]);
    const second = await register(scjg, [uscc!], '专项检查', '03-01', '04-30', ['SCJG-CC-03']);
    expect(second.statusCode, second.body).toBe(200);
    const [proposal] = (second.json() as { proposals: Proposal[] }).proposals;
    expect(proposal!.kind).toBe('重叠');
    expect(proposal!.window).toEqual({ from: `${Y}-04-01`, to: `${Y}-04-30` });
    expect(proposal!.parties.map((p) => p.department.id).sort()).toEqual([dept.scjg, dept.yjgl].sort());

    // Matching again proposes nothing new.
    const again = await call(t.app, lianxi, 'POST', '/api/merge-proposals/match', { year: Y });
    expect(again.statusCode, again.body).toBe(200);
    expect(
      (again.json() as { proposed: Proposal[] }).proposed.filter(
        (p) => p.sources.length && p.proposalNo === proposal!.proposalNo,
      ),
    ).toEqual([]);
    const listed = (await call(t.app, scjg, 'GET', `/api/merge-proposals?year=${Y}&pending=true`)).json() as {
      items: Proposal[];
    };
    expect(listed.items.filter((p) => p.proposalNo === proposal!.proposalNo)).toHaveLength(1);

    const noReason = await answer(scjg, proposal!.proposalNo, { answer: '拒绝' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('拒绝合并入企须说明理由');
    expect((await answer(scjg, proposal!.proposalNo, { answer: '接受' })).json()).toMatchObject({ status: '待答复' });
    const done = (await answer(yjgl, proposal!.proposalNo, { answer: '接受' })).json() as Proposal;
    expect(done.status).toBe('已合并');
    expect(done.mergedTaskNo).toMatch(new RegExp(`^HB${Y}-\\d{5}$`));
    const merged = await task(done.mergedTaskNo!);
    expect(merged).toMatchObject({
      source: '合并',
      status: '已发布',
      window: { from: `${Y}-04-01`, to: `${Y}-04-30` },
    });
    // Published and staffed at once, with the draw's rules: at least one inspector per department, two in all.
    expect(merged.unstaffedReason).toBeNull();
    expect(merged.departments.every((d) => d.inspectors.length >= 1)).toBe(true);
    expect(merged.departments.flatMap((d) => d.inspectors).length).toBeGreaterThanOrEqual(2);
    // The staffing is recorded with its seed and pools: the picks are the first eligible ones in the seeded order.
    const staffing = await t.deps.db
      .selectFrom('task_staffings as s')
      .innerJoin('inspection_tasks as x', 'x.id', 's.task_id')
      .select(['s.method', 's.seed', 's.detail', 's.inspector_ids'])
      .where('x.task_no', '=', merged.taskNo)
      .executeTakeFirstOrThrow();
    expect(staffing.method).toBe('随机');
    const pools = (staffing.detail as { pools: Record<string, number[]> }).pools;
    for (const d of merged.departments)
      expect(
        pools[String(d.id)]!.slice().sort((a, b) =>
          staffingKey(staffing.seed!, a) < staffingKey(staffing.seed!, b) ? -1 : 1,
        ),
      ).toEqual(pools[String(d.id)]);
    expect(staffing.inspector_ids.map(Number)).toContain(pools[String(dept.yjgl)]![0]);
    expect(merged.departments.map((d) => [d.id, d.items.map((i) => i.code)]).sort()).toEqual(
      [
        [dept.scjg, ['SCJG-CC-03']],
        [dept.yjgl, ['YJGL-CC-02']],
      ].sort(),
    );
    const regs = (await call(t.app, admin, 'GET', `/api/registrations?keyword=${uscc}`)).json() as {
      items: Registration[];
    };
    expect(regs.items.map((r) => [r.status, r.mergedTaskNo])).toEqual([
      ['已合并', done.mergedTaskNo],
      ['已合并', done.mergedTaskNo],
    ]);
    expect((await answer(scjg, proposal!.proposalNo, { answer: '接受' })).statusCode).toBe(409);
    // Still one proposal for the subject after another matching run.
    await call(t.app, lianxi, 'POST', '/api/merge-proposals/match', { year: Y });
    expect(await t.deps.db.selectFrom('merge_proposals').select('id').where('uscc', '=', uscc!).execute()).toHaveLength(
      1,
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', proposal!.proposalNo)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['merge.propose', 'merge.accept', 'merge.accept', 'merge.complete']);
  });

  it('a department that declines gives a reason; the visits stay separate', async () => {
    // An industry-and-trade enterprise (应急管理's tag): 应急管理 registers first, so no tag invitation precedes the overlap.
    const [uscc] = await freshSubjects(1, { inScopeOf: ['SCJG-CC-03', 'YJGL-CC-02'], tagsOf: [dept.yjgl] });
    expect((await register(yjgl, [uscc!], '投诉举报', '06-15', '07-15', ['YJGL-CC-02'])).statusCode).toBe(200);
    const [proposal] = (
      (await register(scjg, [uscc!], '后续跟进', '06-01', '06-30', ['SCJG-CC-03'])).json() as { proposals: Proposal[] }
    ).proposals;
    const declined = (
      await answer(yjgl, proposal!.proposalNo, { answer: '拒绝', reason: '投诉线索需立即核查，不宜等待' })
    ).json() as Proposal;
    expect(declined.status).toBe('未合并');
    expect(declined.outcome).toContain('投诉线索需立即核查');
    const regs = (await call(t.app, admin, 'GET', `/api/registrations?keyword=${uscc}`)).json() as {
      items: Registration[];
    };
    expect(regs.items.map((r) => r.status)).toEqual(['有效', '有效']);
  });

  it('only the own department registers (the joint-meeting office for any)', async () => {
    const [uscc] = await freshSubjects(1, { inScopeOf: ['YJGL-CC-02', 'YJGL-CC-03'], tagsOf: [dept.yjgl] });
    expect(
      (await register(scjgStaff, [uscc!], '专项检查', '02-01', '02-28', ['YJGL-CC-02'], { departmentId: dept.yjgl }))
        .statusCode,
    ).toBe(403);
    const foreignItem = await register(scjgStaff, [uscc!], '专项检查', '02-01', '02-28', ['YJGL-CC-02']);
    expect(foreignItem.statusCode).toBe(400);
    expect(foreignItem.body).toContain('不是本部门的随机抽查事项或监管事项');
    expect(
      (await register(lianxi, [uscc!], '专项检查', '02-01', '02-28', ['YJGL-CC-03'], { departmentId: dept.yjgl }))
        .statusCode,
    ).toBe(200);
  });

  it('a registration overlapping a draw task is proposed as one visit with it, keeping the draw’s inspectors', async () => {
    // An industry-and-trade enterprise, which 应急管理's item covers too, is sure to be drawn (a key target).
    const [uscc] = await freshSubjects(1, { inScopeOf: [publishedScjgItem.code, 'YJGL-CC-02'], tagsOf: [dept.yjgl] });
    const record = await asKeyTarget(uscc!, () => drawRound(`${Y} 年第三季度市场监管抽查`, '07-01', '09-30'));
    const drawn = await t.deps.db
      .selectFrom('inspection_tasks as it')
      .innerJoin('draw_records as r', 'r.id', 'it.draw_record_id')
      .select(['it.task_no', 'it.uscc'])
      .where('r.record_no', '=', record.recordNo)
      .where('it.unstaffed_reason', 'is', null)
      .orderBy('it.task_no')
      .execute();
    const target = drawn.find((d) => d.uscc === uscc)!;
    expect(target, JSON.stringify(record.tasks)).toBeDefined();
    const res = await register(yjgl, [target.uscc], '监测发现', '08-01', '08-31', ['YJGL-CC-02']);
    expect(res.statusCode, res.body).toBe(200);
    const [proposal] = (res.json() as { proposals: Proposal[] }).proposals;
    expect(proposal!.sources.map((s) => [s.type, s.no]).sort()).toEqual(
      [
        ['任务', target.task_no],
        ['登记', (res.json() as { registrations: Registration[] }).registrations[0]!.registrationNo],
      ].sort(),
    );
    expect(proposal!.window).toEqual({ from: `${Y}-08-01`, to: `${Y}-08-31` });
    const before = await task(target.task_no);
    await answer(scjg, proposal!.proposalNo, { answer: '接受' });
    const done = (await answer(yjgl, proposal!.proposalNo, { answer: '接受' })).json() as Proposal;
    const merged = await task(done.mergedTaskNo!);
    expect(
      merged.departments
        .find((d) => d.id === dept.scjg)!
        .inspectors.map((i) => i.id)
        .sort(),
    ).toEqual(before.departments[0]!.inspectors.map((i) => i.id).sort());
    expect((await task(target.task_no)).status).toBe('已合并');
    // The draw is not announced yet: the joint task waits (publishing it would reveal the draw), then comes out with the announcement.
    expect(merged.status).toBe('待发布');
    expect(merged.mergedFrom).toEqual([target.task_no]);
    expect(
      (await call(t.app, scjg, 'PUT', `/api/inspections/${done.mergedTaskNo}/schedule`, { visitOn: `${Y}-08-10` }))
        .statusCode,
    ).toBe(409);
    const announced = await call(t.app, lianxi, 'POST', `/api/draw-records/${record.recordNo}/publish`, {});
    expect(announced.statusCode, announced.body).toBe(200);
    expect((await task(done.mergedTaskNo!)).status).toBe('已发布');
    expect((await task(target.task_no)).status).toBe('已合并');
    // The merged task still knows, department by department, the draw it came from (plan title of its results, 双随机抽查 in the records).
    const mergedId = Number(
      (
        await t.deps.db
          .selectFrom('inspection_tasks')
          .select('id')
          .where('task_no', '=', done.mergedTaskNo!)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const sources = await drawSourcesOf(t.deps.db, [mergedId]);
    expect([...sources]).toEqual([
      [sourceKey(mergedId, dept.scjg), { recordNo: record.recordNo, roundTitle: `${Y} 年第三季度市场监管抽查` }],
    ]);
    expect(planTitleOf(sources, mergedId)).toBe(`${Y} 年第三季度市场监管抽查`);
  });

  it('a registration made before the draw meets the drawn task when the draw runs: the proposal appears without anyone matching', async () => {
    // In the draw item's scope and in 应急管理's item's. A key target is drawn with certainty, so the registered subject is sure to be in the draw's tasks.
    const [uscc] = await freshSubjects(1, { inScopeOf: [publishedScjgItem.code, 'YJGL-CC-02'], tagsOf: [dept.yjgl] });
    await asKeyTarget(uscc!, async () => {
      const res = await register(yjgl, [uscc!], '监测发现', '11-01', '11-30', ['YJGL-CC-02']);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as { proposals: Proposal[] }).proposals).toEqual([]);
      const record = await drawRound(`${Y} 年第四季度市场监管抽查`, '10-01', '12-31');
      expect(record.tasks.map((x) => x.uscc)).toContain(uscc);
      const drawnTask = await t.deps.db
        .selectFrom('inspection_tasks as it')
        .innerJoin('draw_records as r', 'r.id', 'it.draw_record_id')
        .select('it.task_no')
        .where('r.record_no', '=', record.recordNo)
        .where('it.uscc', '=', uscc!)
        .executeTakeFirstOrThrow();
      const listed = (await call(t.app, yjgl, 'GET', `/api/merge-proposals?pageSize=100`)).json() as {
        items: Proposal[];
      };
      const proposal = listed.items.find((p) => p.sources.some((x) => x.no === drawnTask.task_no));
      expect(proposal, JSON.stringify(listed.items.map((p) => p.sources))).toBeDefined();
      expect(proposal!.sources.map((x) => x.type).sort()).toEqual(['任务', '登记']);
      expect(proposal!.window).toEqual({ from: `${Y}-11-01`, to: `${Y}-11-30` });
    });
  });

  it('a whitelisted subject gets no proactive registration and is never proposed for a proactive visit; a complaint is accepted', async () => {
    // Enterprises of 应急管理's industries (with its tags), so both departments' items cover them.
    const [white] = await freshSubjects(1, {
      whitelisted: true,
      inScopeOf: ['SCJG-CC-03', 'YJGL-CC-03'],
      tagsOf: [dept.yjgl],
    });
    for (const kind of ['日常检查', '专项检查']) {
      const refused = await register(scjg, [white!], kind, '03-01', '03-31', ['SCJG-CC-03']);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('为白名单主体，原则上不主动上门检查');
      expect(refused.body).toContain(white);
    }
    // A routine registration made before the subject joined the whitelist is not matched any more. 应急管理 registers it (its
    // own tag invites no one) and 市场监管's complaint does not meet it.
    const [later] = await freshSubjects(1, { inScopeOf: ['SCJG-CC-03', 'YJGL-CC-03'], tagsOf: [dept.yjgl] });
    const routine = await register(yjgl, [later!], '日常检查', '03-01', '03-31', ['YJGL-CC-03']);
    expect(routine.statusCode, routine.body).toBe(200);
    expect((routine.json() as { proposals: Proposal[] }).proposals).toEqual([]);
    await setSubjectFlags(t, later!, { whitelisted: true });
    for (const [uscc, s, item] of [
      [white!, yjgl, 'YJGL-CC-03'],
      [later!, scjg, 'SCJG-CC-03'],
    ] as const) {
      const complaint = await register(s, [uscc], '投诉举报', '03-10', '03-20', [item]);
      expect(complaint.statusCode, complaint.body).toBe(200);
      expect((complaint.json() as { proposals: Proposal[] }).proposals).toEqual([]);
    }
    await call(t.app, lianxi, 'POST', '/api/merge-proposals/match', { year: Y });
    expect(
      await t.deps.db.selectFrom('merge_proposals').select('id').where('uscc', 'in', [white!, later!]).execute(),
    ).toEqual([]);
    await setSubjectFlags(t, later!, { whitelisted: false });
  });

  it('a subject at its yearly routine cap is refused, and excluded from a new draw with the reason shown', async () => {
    const record = (
      await t.deps.db
        .selectFrom('draw_records as r')
        .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
        .select('r.record_no')
        .where('d.year', '=', Y)
        .orderBy('r.id')
        .executeTakeFirstOrThrow()
    ).record_no;
    const bundle = (await call(t.app, admin, 'GET', `/api/draw-records/${record}/bundle`)).json() as {
      frames: { usccs: string[] };
      result: { tasks: { uscc: string }[] };
    };
    // Not drawn in any round of the year (another test of this file draws the fourth quarter too).
    const planned = await t.deps.db
      .selectFrom('inspection_tasks')
      .select('uscc')
      .where('window_from', '>=', `${Y}-01-01`)
      .where('window_from', '<=', `${Y}-12-31`)
      .execute();
    const drawnUsccs = new Set([...bundle.result.tasks.map((x) => x.uscc), ...planned.map((x) => x.uscc)]);
    // In the draw's frame, and an industry-and-trade enterprise both departments' items cover. 市场监管 has one item for it
    // (企业公示信息), so the third visit, with an item not planned yet (refused for the cap alone), is 应急管理's.
    const [uscc] = (await freshSubjects(1, {
      among: bundle.frames.usccs.filter((u) => !drawnUsccs.has(u)),
      inScopeOf: [publishedScjgItem.code, 'YJGL-CC-02', 'YJGL-CC-03'],
      tagsOf: [dept.yjgl],
    })) as [string];
    const a = await register(scjg, [uscc], '日常检查', '01-05', '01-20', ['SCJG-CC-03']);
    const b = await register(yjgl, [uscc], '日常检查', '10-05', '10-20', ['YJGL-CC-02']);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const third = await register(yjgl, [uscc], '日常检查', '11-01', '11-30', ['YJGL-CC-03']);
    expect(third.statusCode).toBe(400);
    const nos = [a, b].map((r) => (r.json() as { registrations: Registration[] }).registrations[0]!.registrationNo);
    expect(third.body).toContain(`${Y} 年已有 2 次日常检查（登记 ${nos[0]}、登记 ${nos[1]}），已达上限`);
    // A complaint is still possible.
    expect((await register(yjgl, [uscc], '投诉举报', '11-01', '11-30', ['YJGL-CC-03'])).statusCode).toBe(200);

    const next = await drawRound(`${Y} 年第四季度市场监管抽查`, '10-01', '12-31');
    expect(next.tasks.map((x) => x.uscc)).not.toContain(uscc);
    expect(next.measures.excluded['本年度日常检查已达上限']).toBeGreaterThanOrEqual(1);
    const self = await call(t.app, null, 'GET', `/api/public/draw-records/${next.recordNo}/self-check?uscc=${uscc}`);
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json()).toMatchObject({
      inFrame: false,
      selected: false,
      excluded: [{ itemCode: null, reason: '本年度日常检查已达上限' }],
    });
  });

  it('the same item twice in a year is refused; a withdrawn registration (kept, with its reason) no longer counts', async () => {
    const [uscc] = await freshSubjects(1, { inScopeOf: ['SCJG-CC-03'] });
    const first = await register(scjg, [uscc!], '专项检查', '05-01', '05-31', ['SCJG-CC-03']);
    expect(first.statusCode).toBe(200);
    const twice = await register(scjg, [uscc!], '日常检查', '09-01', '09-30', ['SCJG-CC-03']);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('同一事项每年不超过 1 次');
    const no = (first.json() as { registrations: Registration[] }).registrations[0]!.registrationNo;
    expect((await call(t.app, scjg, 'POST', `/api/registrations/${no}/withdraw`, { reason: '' })).statusCode).toBe(400);
    expect((await call(t.app, yjgl, 'POST', `/api/registrations/${no}/withdraw`, { reason: '误登' })).statusCode).toBe(
      403,
    );
    const withdrawn = (
      await call(t.app, scjg, 'POST', `/api/registrations/${no}/withdraw`, { reason: '专项行动取消' })
    ).json() as Registration;
    expect(withdrawn).toMatchObject({ status: '已撤回', withdrawReason: '专项行动取消' });
    expect((await register(scjg, [uscc!], '日常检查', '09-01', '09-30', ['SCJG-CC-03'])).statusCode).toBe(200);
  });

  it('a subject carrying another department’s tag invites that department, which joins with its items', async () => {
    const [uscc] = await freshSubjects(1, { taggedBy: dept.yjgl, inScopeOf: ['SCJG-CC-03', 'YJGL-CC-03'] });
    const res = await register(scjg, [uscc!], '专项检查', '04-01', '04-30', ['SCJG-CC-03']);
    expect(res.statusCode, res.body).toBe(200);
    const [invitation] = (res.json() as { proposals: Proposal[] }).proposals;
    expect(invitation!.kind).toBe('标签');
    expect(invitation!.parties.map((p) => [p.department.id, p.role, p.answer])).toEqual([
      [dept.scjg, '来源', '接受'],
      [dept.yjgl, '受邀', null],
    ]);
    const noItems = await answer(yjgl, invitation!.proposalNo, { answer: '接受' });
    expect(noItems.statusCode).toBe(400);
    expect(noItems.body).toContain('接受邀请须选择本部门参加检查的事项');
    const done = (
      await answer(yjgl, invitation!.proposalNo, { answer: '接受', itemCodes: ['YJGL-CC-03'] })
    ).json() as Proposal;
    expect(done.status).toBe('已合并');
    expect((await task(done.mergedTaskNo!)).departments.map((d) => d.id).sort()).toEqual([dept.scjg, dept.yjgl].sort());
  });

  it('a registration whose item does not cover the subject is refused, naming the subject, the item and its scope', async () => {
    // 危险化学品 (industry 26) on a restaurant (industry 62); with a chemicals enterprise in the same request, nothing is registered.
    const [catering] = await freshSubjects(1, { inScopeOf: ['SCJG-CC-02'], tagsOf: [dept.scjg] });
    const [chemicals] = await freshSubjects(1, { inScopeOf: ['YJGL-CC-01'], tagsOf: [dept.yjgl] });
    const subjects = await t.deps.db
      .selectFrom('subjects')
      .select(['id', 'uscc', 'name'])
      .where('uscc', 'in', [catering!, chemicals!])
      .execute();
    const name = subjects.find((s) => s.uscc === catering)!.name;
    const refused = await register(yjgl, [chemicals!, catering!], '日常检查', '05-01', '05-31', ['YJGL-CC-01']);
    expect(refused.statusCode).toBe(400);
    const { error } = refused.json() as {
      error: { code: string; message: string; details: { field: string; message: string }[] };
    };
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]!.field).toBe('usccs');
    for (const part of [`${name}（${catering}）`, '不在事项', 'YJGL-CC-01', '行业：', '（26）'])
      expect(error.message).toContain(part);
    expect(error.message).not.toContain(chemicals);
    expect(
      await t.deps.db
        .selectFrom('inspection_registrations')
        .select('id')
        .where(
          'subject_id',
          'in',
          subjects.map((s) => s.id),
        )
        .execute(),
    ).toEqual([]);
    // The same subject with an item about it is registered.
    const catered = await register(scjg, [catering!], '日常检查', '05-01', '05-31', ['SCJG-CC-02']);
    expect(catered.statusCode, catered.body).toBe(200);
  });
});
