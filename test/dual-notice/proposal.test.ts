import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeItems, pushTargets } from '../../src/dual-notice/proposal';
import { createDraft, publishDraft, saveDraftItem } from '../../src/dual-notice/catalog.service';
import { receiveRegistration } from '../support/factories/registration.factory';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { unique } from '../support/http';
import { publishTestCatalog } from './dual-notice-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const pushes = (registrationId: number) =>
  t.deps.db
    .selectFrom('registration_pushes')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('id')
    .execute();

describe('proposal of approval items (pure)', () => {
  const item = {
    code: 'A',
    name: '食品经营许可',
    licensingDepartmentId: 1,
    supervisingDepartmentIds: [2],
    enforcementDepartmentIds: [2, 3],
    keywords: ['食品销售'],
    industryCodes: ['52'],
    priorApproval: false,
    highRisk: false,
    restriction: '',
  };
  it('matches a keyword of the business scope or an industry code by prefix', () => {
    expect(proposeItems({ businessScope: '预包装 食品销售；日用品', industryCodes: [] }, [item])[0]?.matchedBy).toBe(
      '经营范围含“食品销售”',
    );
    expect(proposeItems({ businessScope: '日用品', industryCodes: ['5223'] }, [item])[0]?.matchedBy).toBe(
      '行业代码 5223',
    );
    expect(proposeItems({ businessScope: '日用品', industryCodes: ['5'] }, [item])).toEqual([]);
    expect(proposeItems({ businessScope: '软件开发', industryCodes: ['6511'] }, [item])).toEqual([]);
  });
  it('pushes once per department and duty; a prior approval is not pushed to its licensing department', () => {
    expect(pushTargets([item, { ...item, code: 'B' }])).toEqual([
      { departmentId: 1, duty: '许可审批', itemCodes: ['A', 'B'] },
      { departmentId: 2, duty: '行业主管', itemCodes: ['A', 'B'] },
      { departmentId: 2, duty: '综合执法', itemCodes: ['A', 'B'] },
      { departmentId: 3, duty: '综合执法', itemCodes: ['A', 'B'] },
    ]);
    expect(pushTargets([{ ...item, priorApproval: true }]).map((p) => p.duty)).not.toContain('许可审批');
  });
});

describe('双告知 on a registration', () => {
  it('proposes items from the current catalog version and pushes to each department and the 街镇', async () => {
    setChinaTime(t, '2026-11-16T10:00:00');
    const { tag } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    const id = await receiveRegistration(t.deps, {
      businessScope: '食品销售；危险化学品经营（不带储存设施）',
      divisionCode: '371102001',
    });
    const items = await t.deps.db
      .selectFrom('dual_notice_case_items')
      .selectAll()
      .where('registration_id', '=', id)
      .execute();
    expect(items.map((i) => i.code).sort()).toEqual([`SP-${tag}`, `WH-${tag}`]);
    const p = await pushes(id);
    expect(p.map((x) => [x.department_id === null ? null : Number(x.department_id), x.duty]).sort()).toEqual(
      [
        [d.spj, '许可审批'],
        [d.scjg, '行业主管'],
        [d.scjg, '综合执法'],
        [d.yjgl, '许可审批'],
        [d.yjgl, '行业主管'],
        [d.cg, '综合执法'],
        [null, '属地街镇'],
      ].sort(),
    );
    expect(p.find((x) => x.duty === '属地街镇')?.division_code).toBe('371102001');
    expect(new Set(p.map((x) => x.ack_due_on))).toEqual(new Set(['2026-11-17']));
    // The high-risk item opens a joint review of its licensing and supervising department.
    const reviews = await t.deps.db
      .selectFrom('dual_notice_joint_reviews')
      .selectAll()
      .where('registration_id', '=', id)
      .execute();
    expect(reviews.map((r) => Number(r.department_id))).toEqual([d.yjgl]);
    // The department's handlers are told.
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'registration_pushed')
      .where(
        'n.body',
        'like',
        `%${(await t.deps.db.selectFrom('business_registrations').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc}%`,
      )
      .execute();
    expect(told.map((u) => u.username)).toEqual(
      expect.arrayContaining(['yjgl_admin', 'scjg_admin', 'scjg_staff', 'spj_xk']),
    );
  });

  it('keeps a published version immutable and uses the newest for new registrations only', async () => {
    setChinaTime(t, '2026-11-17T10:00:00');
    const { tag } = unique();
    const first = await publishTestCatalog(t, tag);
    const before = await receiveRegistration(t.deps, { businessScope: '保健食品销售', industryCodes: ['5225'] });
    await expect(
      saveDraftItem(t.deps, first.licensing, first.version.id, { ...first.items[0]!, name: '改名' }),
    ).rejects.toThrow(/已发布，不能修改/);
    const draft = await createDraft(t.deps, first.licensing, '增加出版物经营许可');
    expect(draft.itemList.length).toBe(3);
    await saveDraftItem(t.deps, first.licensing, draft.id, {
      ...first.items[0]!,
      code: `CB-${tag}`,
      name: '出版物经营许可',
      keywords: ['出版物零售'],
      industryCodes: [],
    });
    const second = await publishDraft(t.deps, first.licensing, draft.id);
    expect(second.versionNo).toBe(first.version.versionNo + 1);
    const after = await receiveRegistration(t.deps, { businessScope: '出版物零售' });
    const caseOf = (id: number) =>
      t.deps.db
        .selectFrom('dual_notice_cases')
        .select('catalog_version_id')
        .where('registration_id', '=', id)
        .executeTakeFirstOrThrow();
    expect(Number((await caseOf(before)).catalog_version_id)).toBe(first.version.id);
    expect(Number((await caseOf(after)).catalog_version_id)).toBe(second.id);
    const codes = await t.deps.db
      .selectFrom('dual_notice_case_items')
      .select('code')
      .where('registration_id', '=', after)
      .execute();
    expect(codes.map((c) => c.code)).toEqual([`CB-${tag}`]);
  });

  it('sends a registration without matching items to the shared pool: only its 街镇 is told', async () => {
    setChinaTime(t, '2026-11-18T10:00:00');
    const id = await receiveRegistration(t.deps, {
      businessScope: '软件开发；信息技术咨询服务',
      industryCodes: ['6511'],
    });
    const p = await pushes(id);
    expect(p.map((x) => x.duty)).toEqual(['属地街镇']);
  });

  it('a 变更 pushes only new items; a 注销 is told to the departments told before, as information', async () => {
    setChinaTime(t, '2026-11-19T10:00:00');
    const { tag, uscc } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    const first = await receiveRegistration(t.deps, { uscc, businessScope: '食品销售' });
    expect((await pushes(first)).length).toBe(4);
    const change = await receiveRegistration(t.deps, { uscc, event: '变更', businessScope: '食品销售；养老服务' });
    const changed = await pushes(change);
    expect(changed.map((x) => [Number(x.department_id), x.duty, x.approval_item_codes])).toEqual([
      [d.mz, '许可审批', [`YL-${tag}`]],
      [d.mz, '行业主管', [`YL-${tag}`]],
    ]);
    const closed = await receiveRegistration(t.deps, { uscc, event: '注销', businessScope: '食品销售；养老服务' });
    const info = await pushes(closed);
    expect(info.every((x) => x.approval_item_codes.length === 0)).toBe(true);
    expect(info.filter((x) => x.department_id !== null).length).toBe(5);
  });
});
