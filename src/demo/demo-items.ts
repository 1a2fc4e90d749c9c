import type { Db } from '../db/database';
import { defaultRatios } from '../items/sampling-defaults.service';
import { insertSampling, setLinks } from '../items/sampling-item.repository';
import { samplingItemInput } from '../items/sampling-item.schemas';
import { samplingProblems, samplingValues } from '../items/sampling-item.service';
import { supervisionItemInput } from '../items/supervision-item.schemas';
import { insertItemWithVersion } from '../items/supervision-item.service';
import { demoItemCatalog } from './demo-items-data';

const system = { userId: null, name: '系统初始化' };

/**
 * Loads the demo item lists through the same schemas, validation and repository code as the API:
 * supervision items with their check items (version 1 each) and sampling items, some of them published.
 */
export async function seedDemoItems(
  db: Db,
  departmentIds: Map<string, number>,
  now: Date,
): Promise<{ items: number; sampling: number }> {
  const checkIds = new Map<string, number>();
  let items = 0;
  let sampling = 0;
  for (const dept of demoItemCatalog) {
    const departmentId = departmentIds.get(dept.department);
    if (!departmentId) throw new Error(`演示部门不存在：${dept.department}`);
    for (const item of dept.items) {
      const input = supervisionItemInput.parse({
        code: item.code,
        name: item.name,
        departmentId,
        legalBasis: item.legalBasis,
        objectType: item.objectType,
        measures: item.measures,
        process:
          '制定年度抽查计划 → 随机抽取检查对象、随机选派执法检查人员 → 出示告知书实施检查 → 出具反馈单 → 20 个工作日内录入并公示结果',
        resultHandling:
          '检查结果通过国家企业信用信息公示系统（山东）公示并记入信用记录；发现违法行为依法立案查处，涉嫌犯罪的移送公安机关',
        level: item.level,
        responsibleLeader: dept.leader,
        responsibleUnit: dept.unit,
        responsiblePerson: dept.person,
        licenceItems: item.licenceItems ?? [],
        source: item.claimedFrom ? '认领' : '自有',
        claimedFrom: item.claimedFrom ?? null,
        checkItems: item.checks.map(([suffix, content, method, basis]) => ({
          code: `${item.code}-${suffix}`,
          content,
          method,
          basis,
        })),
      });
      const view = await insertItemWithVersion(db, input, system, now);
      for (const c of view.checkItems) checkIds.set(c.code, c.id);
      items += 1;
    }
    for (const s of dept.sampling) {
      const input = samplingItemInput.parse({
        code: s.code,
        name: s.name,
        departmentId,
        basis: s.basis,
        ratios: s.ratios ?? null,
        frequency: s.frequency,
        checkItemIds: s.checks.map((code) => checkIds.get(code) ?? 0),
        scope: { industries: s.industries ?? [], subjectKinds: s.subjectKinds ?? [] },
        inspectorRequirements: { fields: s.fields, minInspectors: s.minInspectors ?? 2 },
      });
      const problems = await samplingProblems(db, input);
      if (problems.length) throw new Error(`演示抽查事项 ${s.code} 有误：${problems.map((p) => p.message).join('；')}`);
      const ratios = input.ratios ?? (await defaultRatios(db));
      const { id } = await insertSampling(db, {
        ...samplingValues(input, ratios, null, now),
        published: s.published,
        published_at: s.published ? now : null,
        created_at: now,
      });
      await setLinks(db, id, input.checkItemIds);
      sampling += 1;
    }
  }
  return { items, sampling };
}
