import type { Db } from '../db/database';
import { applyTagRule } from '../tags/tag.repository';

/** Demo tags of the 日照 departments, with rules over the demo subjects' industries and business scopes. */
const demoTags = [
  {
    code: 'food-business',
    name: '食品经营',
    department: '市市场监督管理局',
    meaning: '从事食品销售或餐饮服务的经营主体',
    industries: ['522', '62'],
    keywords: ['食品'],
  },
  {
    code: 'food-production',
    name: '食品生产',
    department: '市市场监督管理局',
    meaning: '持有或应持有食品生产许可的主体',
    industries: ['13', '14'],
    keywords: [],
  },
  {
    code: 'hazardous-chemicals',
    name: '危险化学品',
    department: '市应急管理局',
    meaning: '涉及危险化学品生产、储存的企业',
    industries: ['26'],
    keywords: ['化学'],
  },
  {
    code: 'industry-trade',
    name: '工贸企业',
    department: '市应急管理局',
    meaning: '冶金、建材、机械等工贸行业企业',
    industries: ['30', '33', '34'],
    keywords: [],
  },
  {
    code: 'road-transport',
    name: '道路运输',
    department: '市交通运输局',
    meaning: '道路货物、旅客运输经营者',
    industries: ['54'],
    keywords: [],
  },
  {
    code: 'construction',
    name: '建筑施工',
    department: '市住房城乡建设局',
    meaning: '房屋建筑和土木工程施工企业',
    industries: ['47', '48'],
    keywords: [],
  },
  {
    code: 'culture-entertainment',
    name: '文化娱乐',
    department: '市文化和旅游局',
    meaning: '文化艺术、娱乐场所经营主体',
    industries: ['86'],
    keywords: [],
  },
  {
    code: 'medical',
    name: '医疗机构',
    department: '市卫生健康委',
    meaning: '医疗卫生服务机构',
    industries: ['84'],
    keywords: [],
  },
] as const;

export async function seedDemoTags(db: Db, departmentIds: Map<string, number>, now: Date): Promise<number> {
  let assigned = 0;
  for (const t of demoTags) {
    const tag = await db
      .insertInto('tags')
      .values({
        code: t.code,
        name: t.name,
        department_id: departmentIds.get(t.department)!,
        meaning: t.meaning,
        valid_from: '2026-01-01',
        valid_to: null,
        rule_industries: [...t.industries],
        rule_keywords: [...t.keywords],
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    assigned += (await applyTagRule(db, tag, now)).added;
  }
  return assigned;
}
