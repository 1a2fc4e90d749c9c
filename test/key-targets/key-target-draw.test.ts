import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCreditRun } from '../../src/credit-evaluation/credit-run-current';
import { frameParamsOf } from '../../src/draw/draw.service';
import { loadFrameRegisters, loadRoundItems } from '../../src/draw/draw-frame-lookup.service';
import { buildFrames, exclusionReasons } from '../../src/draw/engine/frame';
import { pushedCreditRun } from '../support/factories/credit-run.factory';
import { call, login, type Session } from '../support/http';
import { isolatedApp, setChinaTime, type TestApp } from '../support/test-platform';
import { firstItemPerDepartment } from '../draw/draw-fixtures';

// Credit and the draw: a round records the evaluation run it used and still verifies; a D-class subject listed as a
// key target is drawn with certainty; an item may leave A-class subjects out (无事不扰) with the reason shown.

let t: TestApp;
let lianxi: Session;
let itemId: number;

beforeAll(async () => {
  t = await isolatedApp();
  setChinaTime(t, '2026-03-20T10:00:00');
  lianxi = await login(t.app, 'lianxi');
  itemId = (await firstItemPerDepartment(t.deps.db))[0]!;
});
afterAll(() => t.app.close());

/** The item's frame as a commitment now would freeze it. */
async function frameNow() {
  const items = await loadRoundItems(t.deps.db, [itemId], 'fixed');
  return {
    item: items[0]!,
    frames: buildFrames(await loadFrameRegisters(t.deps.db, items, 2026), await frameParamsOf(t.deps.db)),
  };
}

async function classOf(uscc: string) {
  return await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'credit_class', 'key_target'])
    .where('uscc', '=', uscc)
    .executeTakeFirstOrThrow();
}

describe('the draw uses credit', () => {
  it('a round committed after a run records the run, draws its D-class key target with certainty, and verifies identical', async () => {
    const { frames } = await frameNow();
    // A member that is not yet certain: not a key target, and a class whose ratio is below 100 %.
    let pick: { id: number; uscc: string } | null = null;
    for (const uscc of frames.usccs) {
      const s = await classOf(uscc);
      if (!s.key_target && s.credit_class !== 'D') {
        pick = { id: s.id, uscc };
        break;
      }
    }
    expect(pick).not.toBeNull();
    await pushedCreditRun(t, new Map([[pick!.id, 'D']]));
    expect((await classOf(pick!.uscc)).key_target).toBe(true);

    const seed = 'key-target-draw-seed';
    const commit = await call(t.app, lianxi, 'POST', '/api/draws', {
      title: '信用与抽取测试',
      year: 2026,
      window: { from: '2026-04-01', to: '2026-06-30' },
      samplingItemIds: [itemId],
      design: 'fixed',
      entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
    });
    expect(commit.statusCode, commit.body).toBe(200);
    const round = commit.json() as { roundNo: string; commitment: { creditRun: unknown } };
    // The current run (the one pushed last: on a database shared with other test files, maybe not this one).
    const current = (await currentCreditRun(t.deps.db))!;
    expect(round.commitment.creditRun).toEqual({ runNo: current.run_no, resultsDigest: current.results_digest });

    const drawn = await call(t.app, lianxi, 'POST', `/api/draws/${round.roundNo}/records`, {
      reveal: { kind: 'local', seed },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    // The draw answers without its task list: the record holds it.
    const record = (
      await call(t.app, lianxi, 'GET', `/api/draw-records/${(drawn.json() as { recordNo: string }).recordNo}`)
    ).json() as { recordNo: string; tasks: { uscc: string }[] };
    expect(record.tasks.map((x) => x.uscc)).toContain(pick!.uscc);
    const check = await call(
      t.app,
      lianxi,
      'GET',
      `/api/draw-records/${record.recordNo}/self-check?uscc=${pick!.uscc}`,
    );
    expect(check.json().items).toMatchObject([{ pi: 1, selected: true }]);

    const verified = await call(t.app, null, 'GET', `/api/public/draw-records/${record.recordNo}/verify`);
    expect(verified.json()).toEqual({ recordNo: record.recordNo, identical: true, difference: null });
    const bundle = await call(t.app, lianxi, 'GET', `/api/draw-records/${record.recordNo}/bundle`);
    expect(JSON.parse(bundle.body).commitment.creditRun.runNo).toBe(current.run_no);
  });

  it('an item set to 无事不扰 leaves A-class subjects out of its frame with the reason; key targets stay in', async () => {
    const before = await frameNow();
    const aClass = [];
    for (const uscc of before.frames.usccs) {
      const s = await classOf(uscc);
      if (s.credit_class === 'A' && !s.key_target) aClass.push(uscc);
      if (aClass.length === 2) break;
    }
    expect(aClass).toHaveLength(2);
    const listed = await classOf(aClass[1]!);
    const admin = await login(t.app, 'admin');
    expect(
      (await call(t.app, admin, 'POST', '/api/key-targets', { subjectId: listed.id, reason: '测试：A类但有举报线索' }))
        .statusCode,
    ).toBe(201);

    const item = (await call(t.app, admin, 'GET', `/api/sampling-items/${itemId}`)).json();
    expect(item.aClassExempt).toBe(false);
    const { id: _id, departmentName: _d, checkItems, published: _p, publishedAt: _pa, updatedAt: _u, ...rest } = item;
    const put = await call(t.app, admin, 'PUT', `/api/sampling-items/${itemId}`, {
      ...rest,
      checkItemIds: checkItems.map((c: { id: number }) => c.id),
      aClassExempt: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().aClassExempt).toBe(true);

    const after = await frameNow();
    expect(after.item.aClassExempt).toBe(true);
    expect(after.frames.usccs).not.toContain(aClass[0]);
    expect(after.frames.usccs).toContain(aClass[1]);
    expect(after.frames.excluded).toContainEqual({
      uscc: aClass[0],
      itemCode: after.item.code,
      reason: exclusionReasons.aClassExempt,
    });
  });

  it('a subject under a reward granting 无事不扰 is left out of a proactive round; the public self-check names only the rule', async () => {
    const { frames } = await frameNow();
    let pick: { id: number; uscc: string } | null = null;
    for (const uscc of frames.usccs) {
      const s = await classOf(uscc);
      if (!s.key_target) {
        pick = { id: s.id, uscc };
        break;
      }
    }
    expect(pick).not.toBeNull();
    const office = await login(t.app, 'fgw_xy');
    const department = await t.deps.db.selectFrom('departments').select('id').orderBy('id').executeTakeFirstOrThrow();
    const measure = await call(t.app, office, 'POST', '/api/credit-measures/measures', {
      kind: '激励',
      matter: '守信企业无事不扰（抽取测试）',
      target: '信用评价 A 类企业',
      means: '无事不扰，减少检查频次',
      legalBasis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条',
      isPublic: true,
      departmentIds: [department.id],
    });
    expect(measure.statusCode, measure.body).toBe(200);
    const measureId = measure.json().id as number;
    expect((await call(t.app, office, 'POST', `/api/credit-measures/measures/${measureId}/publish`)).statusCode).toBe(
      200,
    );
    const started = await call(t.app, office, 'POST', '/api/credit-measures/cases', {
      measureId,
      subjectIds: [pick!.id],
      reason: '连续三年信用评价为 A 类',
      basisDocument: '日发改信用〔2026〕12 号',
      validFrom: '2026-03-20',
      validTo: '2026-12-31',
    });
    expect(started.statusCode, started.body).toBe(200);

    const seed = 'rewarded-undisturbed-seed';
    const commit = await call(t.app, lianxi, 'POST', '/api/draws', {
      title: '联合激励无事不扰测试',
      year: 2026,
      window: { from: '2026-04-01', to: '2026-06-30' },
      samplingItemIds: [itemId],
      design: 'fixed',
      entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
    });
    expect(commit.statusCode, commit.body).toBe(200);
    const drawn = await call(t.app, lianxi, 'POST', `/api/draws/${commit.json().roundNo}/records`, {
      reveal: { kind: 'local', seed },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    // The draw answers without its task list: the record holds it.
    const record = (
      await call(t.app, lianxi, 'GET', `/api/draw-records/${(drawn.json() as { recordNo: string }).recordNo}`)
    ).json() as { recordNo: string; tasks: { uscc: string }[] };
    expect(record.tasks.map((x) => x.uscc)).not.toContain(pick!.uscc);
    const staff = await call(
      t.app,
      lianxi,
      'GET',
      `/api/draw-records/${record.recordNo}/self-check?uscc=${pick!.uscc}`,
    );
    expect(staff.json()).toMatchObject({ inFrame: false, excluded: [{ reason: exclusionReasons.rewarded }] });
    const pub = await call(
      t.app,
      null,
      'GET',
      `/api/public/draw-records/${record.recordNo}/self-check?uscc=${pick!.uscc}`,
    );
    expect(pub.json().excluded[0].reason).toBe('按信用分级分类监管规则不纳入该事项主动抽查');
  });
});
