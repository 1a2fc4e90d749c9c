import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { correctCreditRecord } from '../credit-records/credit-record-correct.service';
import { receiveCreditRecords } from '../credit-records/credit-record-receive.service';
import { enterCreditRecord } from '../credit-records/credit-record-receive.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

export interface DemoCreditSummary {
  received: number;
  removed: number;
  corrected: number;
}

const SCJG = '日照市市场监督管理局';

/**
 * 信用记录 in the demo city, sent the way departments send them (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十八条):
 * the market regulator's system reports 经营异常名录 (one later removed after the subject filed), one 严重违法失信名单,
 * 年报未报 and a 违反告知承诺; the development and reform commission's online entry two 表彰奖励. The credit office
 * corrects one record's severity with a reason. Penalties, revoked licences and inspected tasks of the demo derive
 * their records through the hooks as they arrive.
 */
export async function seedDemoCreditRecords(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<DemoCreditSummary> {
  const today = chinaDate(deps.clock.now());
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['uscc', 'name'])
    .where('status', '=', '存续')
    .orderBy('id')
    .offset(20)
    .limit(40)
    .execute();
  if (subjects.length < 12) return { received: 0, removed: 0, corrected: 0 };
  const s = (i: number) => ({ uscc: subjects[i * 3]!.uscc, subjectName: subjects[i * 3]!.name });
  const daysAgo = (n: number) => addDays(today, -n);
  const listed = (i: number, kind: string, ago: number, title: string, extra: Record<string, unknown> = {}) => ({
    senderRecordId: `SCJG-XY-${String(i).padStart(4, '0')}`,
    ...s(i),
    kind,
    departmentName: SCJG,
    decidedOn: daysAgo(ago),
    title,
    basisDocNo: `日市监信〔2026〕${100 + i}号`,
    ...extra,
  });
  const records = [
    listed(0, '经营异常名录', 120, '通过登记的住所或者经营场所无法联系', {
      detail: '《市场主体登记管理条例实施细则》第七十二条',
    }),
    listed(1, '经营异常名录', 95, '未按规定期限公示年度报告'),
    listed(2, '经营异常名录', 60, '未在责令的期限内公示有关企业信息'),
    listed(3, '经营异常名录', 30, '公示企业信息隐瞒真实情况、弄虚作假'),
    listed(4, '严重违法失信名单', 75, '被列入经营异常名录届满 3 年仍未履行相关义务', { severity: '严重' }),
    listed(5, '年报未报', 150, '未按期报送 2025 年度年度报告'),
    listed(6, '年报未报', 150, '未按期报送 2025 年度年度报告'),
    listed(7, '违反告知承诺', 40, '告知承诺事项核查不符：经营场所面积与承诺不一致', { severity: '较重' }),
  ];
  const scjg = await actorOf('scjg_staff');
  const sent = await receiveCreditRecords(atClock(deps, at(daysAgo(20), '09:30')), scjg, records);
  // The subject that filed its report is taken off the list.
  const removal = await receiveCreditRecords(atClock(deps, at(daysAgo(10), '15:10')), scjg, [
    { ...records[1]!, action: '移出', removedOn: daysAgo(10), removalReason: '已补报年度报告并公示' },
  ]);
  const fgw = await actorOf('fgw_xy');
  for (const [i, title] of [
    [8, '2025 年度“守合同重信用”企业'],
    [9, '日照市诚信经营示范单位'],
  ] as const)
    await enterCreditRecord(atClock(deps, at(daysAgo(45 - i), '10:00')), fgw, {
      ...s(i),
      kind: '表彰奖励',
      departmentName: '日照市发展和改革委员会',
      decidedOn: daysAgo(50),
      title,
    });
  // The credit office corrects the severity of one list record on the department's letter.
  const first = sent.results.find((r) => r.outcome === 'created' && r.index === 2);
  let corrected = 0;
  if (first?.id)
    corrected = await correctCreditRecord(atClock(deps, at(daysAgo(5), '11:00')), fgw, first.id, {
      reason: '市场监管局来函：列入事由属情节较重，严重程度更正为较重',
      revoke: false,
      severity: '较重',
    }).then(() => 1);
  return { received: sent.created, removed: removal.updated, corrected };
}
