import { actorOfUser } from '../../src/demo/demo-activity';
import { createDraft, publishDraft, removeDraftItem, saveDraftItem } from '../../src/dual-notice/catalog.service';
import type { CatalogItemInput } from '../../src/dual-notice/catalog.schemas';
import type { TestApp } from '../support/test-platform';

export async function departmentId(t: TestApp, name: string): Promise<number> {
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(d.id);
}

/** A small catalog, drafted and published through the service as the licensing user (吴敏, 市行政审批服务局). */
export async function publishTestCatalog(t: TestApp, tag: string) {
  const spj = await departmentId(t, '市行政审批服务局');
  const scjg = await departmentId(t, '市市场监督管理局');
  const yjgl = await departmentId(t, '市应急管理局');
  const mz = await departmentId(t, '市民政局');
  const cg = await departmentId(t, '市城市管理局');
  const licensing = await actorOfUser(t.deps.db, 'spj_xk');
  const items: CatalogItemInput[] = [
    {
      code: `SP-${tag}`,
      name: '食品经营许可',
      licensingDepartmentId: spj,
      supervisingDepartmentIds: [scjg],
      enforcementDepartmentIds: [scjg],
      keywords: ['食品销售', '餐饮服务'],
      industryCodes: ['5223', '62'],
      priorApproval: false,
      highRisk: false,
      restriction: '未取得食品经营许可证前，不得从事食品销售、餐饮服务',
    },
    {
      code: `WH-${tag}`,
      name: '危险化学品经营许可',
      licensingDepartmentId: yjgl,
      supervisingDepartmentIds: [yjgl],
      enforcementDepartmentIds: [cg],
      keywords: ['危险化学品'],
      industryCodes: [],
      priorApproval: false,
      highRisk: true,
      restriction: '未取得危险化学品经营许可证前，不得经营危险化学品',
    },
    {
      code: `YL-${tag}`,
      name: '养老机构备案',
      licensingDepartmentId: mz,
      supervisingDepartmentIds: [mz],
      enforcementDepartmentIds: [],
      keywords: ['养老服务'],
      industryCodes: ['8514'],
      priorApproval: false,
      highRisk: true,
      restriction: '未备案前，不得以养老机构名义开展服务',
    },
  ];
  const draft = await createDraft(t.deps, licensing, `测试目录 ${tag}`);
  // Only this test's items: the draft starts as a copy of the version before.
  for (const old of draft.itemList) await removeDraftItem(t.deps, licensing, draft.id, old.code);
  for (const item of items) await saveDraftItem(t.deps, licensing, draft.id, item);
  const published = await publishDraft(t.deps, licensing, draft.id);
  return { version: published, items, departments: { spj, scjg, yjgl, mz, cg }, licensing };
}
