import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { recordFeedback } from '../credit-measures/feedback.service';
import { initiateCases } from '../credit-measures/case.service';
import { createMeasure, publishMeasure } from '../credit-measures/measure.service';
import type { MeasureInput } from '../credit-measures/measure.schemas';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

const BASIS_31 = '《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条';
type DemoMeasure = Omit<MeasureInput, 'departmentIds'> & { departments: string[]; draft?: boolean };

/** The demo city's list (联合奖惩措施清单): three punishments, three rewards, one internal, one still a draft. */
const MEASURES: DemoMeasure[] = [
  {
    kind: '惩戒',
    matter: '限制参与政府采购活动',
    target: '严重违法失信主体',
    means: '在政府采购活动中依法限制其参与，采购人、采购代理机构查询信用记录后不予采购',
    departments: ['市财政局', '市发展改革委'],
    legalBasis: `《中华人民共和国政府采购法》第二十二条；${BASIS_31}`,
    isPublic: true,
  },
  {
    kind: '惩戒',
    matter: '列为重点监管对象',
    target: '严重违法失信主体、信用评价 D 类企业',
    means: '列为重点抽查对象，提高双随机抽查比例和频次；办理行政许可时重点审查',
    departments: ['市市场监督管理局', '市应急管理局', '市行政审批服务局'],
    legalBasis: `${BASIS_31}；《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》（十三）`,
    isPublic: true,
  },
  {
    kind: '惩戒',
    matter: '限制评优评先',
    target: '严重违法失信主体及其法定代表人',
    means: '不得参加各级政府及部门组织的评优评先活动，已获荣誉依规撤销',
    departments: ['市发展改革委', '市市场监督管理局'],
    legalBasis: BASIS_31,
    isPublic: true,
  },
  {
    kind: '激励',
    matter: '无事不扰',
    target: '信用评价 A 类企业',
    means: '无事不扰：除投诉举报、转办交办、数据监测发现问题外，不纳入主动双随机抽查',
    departments: ['市市场监督管理局', '市应急管理局'],
    legalBasis: '《金华市婺城区人民政府关于印发加强和规范行政执法事中事后监管的实施意见》（三）2',
    isPublic: true,
  },
  {
    kind: '激励',
    matter: '容缺受理',
    target: '信用评价 A 类企业',
    means: '办理行政许可时次要材料暂缺的，书面承诺后先行受理（容缺受理）',
    departments: ['市行政审批服务局'],
    legalBasis: BASIS_31,
    isPublic: true,
  },
  {
    kind: '激励',
    matter: '绿色通道',
    target: '连续三年信用评价 A 类企业',
    means: '政务服务开辟绿色通道，优先办理',
    departments: ['市行政审批服务局', '市发展改革委'],
    legalBasis: BASIS_31,
    isPublic: true,
  },
  {
    kind: '惩戒',
    matter: '加强金融机构授信审查提示',
    target: '严重违法失信主体',
    means: '向金融监管部门推送名单，提示审慎授信（内部共享）',
    departments: ['市发展改革委'],
    legalBasis: '《征信业管理条例》第十四条',
    isPublic: false,
    nonPublicReason: '依《征信业管理条例》，名单仅在部门间共享，不向社会公开',
  },
  {
    kind: '激励',
    matter: '降低抽查比例',
    target: '信用评价 B 类且三年无违法记录的企业',
    means: '减少检查频次，按 B 类比例的一半抽取（征求意见中）',
    departments: ['市市场监督管理局'],
    legalBasis: BASIS_31,
    isPublic: true,
    draft: true,
  },
];

/**
 * 联合奖惩 in the demo city (runs after 双公示): the credit office (fgw_xy) published the list two months ago and named
 * subjects since: a D-class subject barred from government procurement a month ago (市财政局 has not answered:
 * overdue), one listed as a key target three weeks ago (all answered), an A-class subject under 无事不扰, and
 * yesterday's 限制评优评先 awaiting feedback.
 */
export async function seedDemoCreditMeasures(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const departments = new Map(
    (await deps.db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, Number(d.id)]),
  );
  const office = await actorOf('fgw_xy');
  const ids = new Map<string, number>();
  const listedOn = at(addDays(today, -60), '09:30');
  for (const m of MEASURES) {
    const { departments: names, draft, ...input } = m;
    const departmentIds = names.map((n) => departments.get(n)).filter((id): id is number => id !== undefined);
    const created = await createMeasure(atClock(deps, listedOn), office, { ...input, departmentIds });
    if (!draft) await publishMeasure(atClock(deps, at(addDays(today, -59), '10:00')), office, created.id);
    ids.set(m.matter, created.id);
  }
  const pick = (creditClass: 'A' | 'D', skip: number) =>
    deps.db
      .selectFrom('subjects')
      .select('id')
      .where('credit_class', '=', creditClass)
      .where('status', '=', '存续')
      .orderBy('id')
      .offset(skip)
      .limit(1)
      .executeTakeFirst();
  const cases = [
    {
      matter: '限制参与政府采购活动',
      subject: await pick('D', 0),
      daysAgo: 30,
      years: 3,
      doc: '日发改信用〔2026〕12 号',
    },
    { matter: '列为重点监管对象', subject: await pick('D', 1), daysAgo: 21, years: 1, doc: '日市监罚〔2026〕156 号' },
    {
      matter: '无事不扰',
      subject: await pick('A', 0),
      daysAgo: 25,
      years: 1,
      doc: '2026 年第三季度公共信用综合评价结果',
    },
    { matter: '限制评优评先', subject: await pick('D', 2), daysAgo: 1, years: 2, doc: '日发改信用〔2026〕19 号' },
  ];
  const caseIds = new Map<string, number>();
  for (const c of cases) {
    if (!c.subject) continue;
    const from = addDays(today, -c.daysAgo);
    const r = await initiateCases(atClock(deps, at(from, '10:30')), office, {
      measureId: ids.get(c.matter)!,
      subjectIds: [Number(c.subject.id)],
      reason: c.matter === '无事不扰' ? '连续两期公共信用综合评价为 A 类' : '列入严重违法失信名单',
      basisDocument: c.doc,
      validFrom: from,
      validTo: `${Number(from.slice(0, 4)) + c.years}${from.slice(4)}`,
    });
    caseIds.set(c.matter, r.ids[0]!);
  }
  const feedback = async (matter: string, username: string, daysAgo: number, action: string) => {
    const id = caseIds.get(matter);
    if (!id) return;
    const on = addDays(today, -daysAgo);
    await recordFeedback(atClock(deps, at(on, '15:00')), await actorOf(username), id, {
      outcome: '已实施',
      appliedOn: on,
      action,
    });
  };
  await feedback('限制参与政府采购活动', 'fgw_xy', 27, '已推送至“信用中国（山东日照）”并通报政府采购监管部门');
  await feedback('列为重点监管对象', 'scjg_staff', 19, '已列为重点抽查对象，下一轮双随机抽查比例提高至 100%');
  await feedback('列为重点监管对象', 'yjgl_admin', 18, '已纳入本部门重点监管名单，安排专项检查');
  await feedback('列为重点监管对象', 'spj_xk', 16, '许可审批系统已标注，办理许可时重点审查');
  await feedback('无事不扰', 'scjg_staff', 20, '本年度不纳入主动双随机抽查');
  await feedback('无事不扰', 'yjgl_admin', 17, '除投诉举报外不安排现场检查');
}
