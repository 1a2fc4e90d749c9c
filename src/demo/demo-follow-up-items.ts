import type { Db } from '../db/database';
import { FOLLOW_UP_ITEM_NAME, UNLICENSED_CHECK_CONTENT } from '../follow-ups/follow-up-rules';
import { defaultRatios } from '../items/sampling-defaults.service';
import { insertSampling, setLinks } from '../items/sampling-item.repository';
import { samplingItemInput } from '../items/sampling-item.schemas';
import { samplingValues } from '../items/sampling-item.service';
import { supervisionItemInput } from '../items/supervision-item.schemas';
import { insertItemWithVersion } from '../items/supervision-item.service';
import { demoItemCatalog } from './demo-items-data';

const system = { userId: null, name: '系统初始化' };
const basis = '《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条';

/**
 * Each demo regulator's own 照后证前 follow-up item (a supervision item with its checks and an unpublished sampling item,
 * so the draw never picks it): what a 跟踪 task carries when none of the department's items covers the approval item
 * or the subject's industry, and where the inspector records “是否未取得相关许可即开展经营活动”.
 */
export async function seedDemoFollowUpItems(db: Db, departmentIds: Map<string, number>, now: Date): Promise<number> {
  let seeded = 0;
  for (const dept of demoItemCatalog) {
    const departmentId = departmentIds.get(dept.department);
    const prefix = dept.items[0]?.code.split('-')[0];
    const fields = dept.sampling[0]?.fields ?? [];
    if (!departmentId || !prefix) continue;
    const code = `${prefix}-GZ-001`;
    const item = await insertItemWithVersion(
      db,
      supervisionItemInput.parse({
        code,
        name: FOLLOW_UP_ITEM_NAME,
        departmentId,
        legalBasis: basis,
        objectType: '已登记注册、尚未取得相关许可的市场主体',
        measures: '现场检查、查阅资料、询问有关人员',
        process: '收到登记注册信息 → 2 个月内不少于 2 名执法检查人员入企跟踪检查 → 录入检查情况 → 发现无证经营依法查处',
        resultHandling:
          '跟踪检查情况录入平台，作为信用评价依据；发现未取得许可即开展经营活动的，移送立案查处并列为重点抽查对象',
        level: '市',
        responsibleLeader: dept.leader,
        responsibleUnit: dept.unit,
        responsiblePerson: dept.person,
        licenceItems: [],
        source: '自有',
        claimedFrom: null,
        checkItems: [
          { code: `${code}-01`, content: UNLICENSED_CHECK_CONTENT, method: '现场检查', basis },
          {
            code: `${code}-02`,
            content: '是否在登记的住所（经营场所）按登记的经营范围开展经营活动',
            method: '现场检查',
            basis,
          },
          { code: `${code}-03`, content: '是否已申请或正在办理相关许可', method: '书面检查', basis },
        ],
      }),
      system,
      now,
    );
    const input = samplingItemInput.parse({
      code: `${prefix}-GZ-CC`,
      name: FOLLOW_UP_ITEM_NAME,
      departmentId,
      basis,
      ratios: null,
      frequency: '按需',
      checkItemIds: item.checkItems.map((c) => c.id),
      scope: { industries: [], subjectKinds: [] },
      inspectorRequirements: { fields, minInspectors: 2 },
    });
    const { id } = await insertSampling(db, {
      ...samplingValues(input, await defaultRatios(db), null, now),
      published: false,
      published_at: null,
      created_at: now,
    });
    await setLinks(db, id, input.checkItemIds);
    seeded += 1;
  }
  return seeded;
}
