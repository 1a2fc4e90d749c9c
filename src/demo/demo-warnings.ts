import type { Actor } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import { addDays } from '../calendar/calendar-date';
import { systemIntakeInput } from '../complaints/complaint-intake.schemas';
import { receiveFromSystem } from '../complaints/complaint-intake.service';
import { receiveRecords } from '../records/record-receive.service';
import { chinaDate } from '../shared/china-date';
import { organUscc } from '../shared/uscc';
import type { AppDeps } from '../shared/context';
import { createTask } from '../tasks/task-create';
import { checkWarning, disposeWarning, feedbackWarning, markFalsePositive } from '../warnings/warning-disposal.service';
import { runRuleNow } from '../warnings/warning-run.service';
import { ruleCodes, type RuleCode } from '../warnings/warning.table';
import { at, atClock } from './demo-steps';

/** Who disposes of a department's warnings in the demo city. */
const HANDLERS: Record<string, string> = { 市市场监督管理局: 'scjg_staff', 市应急管理局: 'yjgl_admin' };

/**
 * 风险预警 of the demo city, raised by RUNNING the rules twelve days ago on the city's data. Where the data alone would
 * give a rule nothing, the facts are made first through the platform's own services (a licence that ran out, a
 * subject visited three times by one department, complaints from the 12345 hotline). Then the
 * departments dispose of some: closed with feedback, off site or on site (a 预警核查 task), checked, one false
 * positive; the rest wait, several past their due date.
 */
export async function seedDemoWarnings(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const runDay = addDays(today, -12);
  const lianxi = await actorOf('lianxi');
  await constructFacts(deps, actorOf, today);
  for (const code of ruleCodes) await runRuleNow(atClock(deps, at(runDay, '09:00')), lianxi, code);

  const warnings = await deps.db
    .selectFrom('warnings as w')
    .innerJoin('departments as d', 'd.id', 'w.department_id')
    .select(['w.id', 'w.rule_code', 'd.name'])
    .where('w.raised_on', '=', runDay)
    .orderBy('w.id')
    .execute();
  const byRule = new Map<RuleCode, { id: number; handler: string }[]>();
  for (const w of warnings) {
    const handler = HANDLERS[w.name];
    if (!handler) continue;
    byRule.set(w.rule_code, [...(byRule.get(w.rule_code) ?? []), { id: Number(w.id), handler }]);
  }
  const on = (days: number, time: string) => atClock(deps, at(addDays(runDay, days), time));
  // The first warning of each rule is closed with feedback; of the others, a few are at each later step and one is a
  // false positive; the rest wait (those of the shorter deadlines are overdue by now).
  const rest: { id: number; handler: string; code: RuleCode }[] = [];
  for (const [code, list] of byRule) {
    const [first, ...others] = list;
    rest.push(...others.map((o) => ({ ...o, code })));
    if (!first) continue;
    const who = await actorOf(first.handler);
    await checkWarning(on(1, '10:00'), who, first.id, '经核查，预警所述情况属实');
    await disposeWarning(on(2, '10:00'), who, first.id, { method: '非现场处置', measure: demoMeasure[code] });
    await feedbackWarning(on(4, '16:00'), who, first.id, { result: '风险属实，已处置', feedback: demoFeedback[code] });
  }
  const steps = ['falsePositive', 'checked', 'onSite', 'offSite', 'checked'] as const;
  for (const [n, w] of rest.slice(0, Math.min(steps.length, rest.length - 1)).entries()) {
    const who = await actorOf(w.handler);
    if (steps[n] === 'falsePositive') {
      await markFalsePositive(on(1, '15:00'), who, w.id, demoFalseReason);
      continue;
    }
    await checkWarning(
      on(2, '09:30'),
      who,
      w.id,
      steps[n] === 'checked' ? '已电话联系企业负责人' : '需到现场核实经营情况',
    );
    if (steps[n] === 'offSite')
      await disposeWarning(on(3, '09:30'), who, w.id, { method: '非现场处置', measure: demoMeasure[w.code] });
    if (steps[n] === 'onSite')
      await disposeWarning(on(3, '09:30'), who, w.id, { method: '现场核查', measure: '' }).catch(() =>
        disposeWarning(on(3, '09:30'), who, w.id, { method: '非现场处置', measure: demoMeasure[w.code] }),
      );
  }
}

const demoFalseReason = '经核实，该主体上半年已由本部门结合专项检查完成检查，检查记录尚未归集到平台';

const demoMeasure: Record<RuleCode, string> = {
  repeat_complaints: '约谈经营负责人，责令下架过期食品并建立进货查验记录',
  unfollowed_finding: '补充移送案件查处，并安排整改复查',
  licence_lapsed: '责令停止相关经营活动，告知其依法申请延续许可',
  key_not_inspected: '纳入下月双随机抽查名单，提高抽查比例',
  visits_above_cap: '与各部门会商，后续检查并入联合检查',
  frequent_visits: '暂停本部门对该主体的单独检查，后续并入联合检查',
};
const demoFeedback: Record<RuleCode, string> = {
  repeat_complaints: '企业已下架问题商品 23 件，建立进货查验台账，投诉人已回访',
  unfollowed_finding: '已移送案件查处，整改复查合格',
  licence_lapsed: '企业已停止相关经营，并已提交许可延续申请',
  key_not_inspected: '已完成检查，未发现新的问题',
  visits_above_cap: '已调整检查安排，本年度不再安排日常检查',
  frequent_visits: '已调整检查频次，后续并入联合检查',
};

/** The facts the demo city's data would otherwise lack, each made the way the platform makes it. */
async function constructFacts(deps: AppDeps, actorOf: (username: string) => Promise<Actor>, today: string) {
  const scjg = await deps.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '市市场监督管理局')
    .executeTakeFirst();
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name', 'division_code'])
    .where('status', '=', '存续')
    .where('credit_class', 'in', ['B', 'C'])
    .where('key_target', '=', false)
    .orderBy('id', 'desc')
    .limit(6)
    .execute();
  if (!scjg || subjects.length < 6) return;
  const visitedSubjects = subjects.slice(0, 2);
  const complainedSubjects = subjects.slice(2, 5);
  const lapsed = subjects[5]!;
  const departmentId = Number(scjg.id);
  // A subject visited three times by 市市场监督管理局 within 90 days, all routine: over the cap and too often.
  const item = await deps.db
    .selectFrom('sampling_items')
    .select(['code', 'name'])
    .where('department_id', '=', departmentId)
    .where('status', '=', '有效')
    .orderBy('code')
    .executeTakeFirst();
  if (item) {
    const staff = await actorOf('scjg_admin');
    for (const visited of visitedSubjects)
      for (const daysAgo of [70, 45, 20]) {
        const from = addDays(today, -daysAgo);
        const instant = at(addDays(from, -3), '10:00');
        await deps.db.transaction().execute((trx) =>
          createTask(
            { trx, deps: atClock(deps, instant), now: instant, who: auditSubjectOf(staff) },
            {
              source: '登记',
              subjectId: Number(visited.id),
              window: { from, to: addDays(from, 10) },
              departments: [{ departmentId, items: [{ code: item.code, name: item.name }] }],
              routine: true,
              origin: '示范数据：日常检查登记',
            },
          ),
        );
      }
  }
  // Three complaints about one shop's food within a month, from the 12345 hotline through the complaint intake.
  const hotline = await actorOf('lianxi');
  for (const [k, complained] of complainedSubjects.entries())
    for (const [i, daysAgo] of [20, 16, 14].entries()) {
      const received = at(addDays(today, -daysAgo + k), '11:00');
      const anonymous = i === 1;
      await receiveFromSystem(
        atClock(deps, received),
        hotline,
        systemIntakeInput.parse({
          channel: '12345热线',
          externalTicket: `RZ12345-YJ${today.slice(0, 4)}${k}${i + 1}`,
          kind: '投诉',
          matterCode: 'SPAQ',
          subject: { name: complained.name, uscc: complained.uscc },
          title: ['购买的面包已过保质期', '熟食柜温度过高', '售卖过期酸奶'][i]!,
          content: '消费者来电反映该店销售的食品存在安全问题，请核查处理。',
          anonymous,
          ...(anonymous
            ? {}
            : { complainant: { name: ['周女士', '吴先生', '郑女士'][i]!, phone: `1390633${k}${i}58` } }),
        }),
      );
    }
  // A food licence that ran out 40 days ago, sent by the licensing department's system.
  const validTo = addDays(today, -40);
  await receiveRecords(atClock(deps, at(addDays(today, -400), '10:00')), await actorOf('spj_xk'), 'licence', [
    {
      senderRecordId: `YJ-DEMO-${lapsed.uscc}`,
      counterpartCategory: '法人及非法人组织',
      counterpartName: lapsed.name,
      uscc: lapsed.uscc,
      legalRepresentative: '王建华',
      decisionDocName: '食品经营许可决定书',
      decisionDocNo: `日审批食许〔${Number(validTo.slice(0, 4)) - 5}〕88 号`,
      category: '普通',
      certificateName: '食品经营许可证',
      certificateNo: `JY13711020088${lapsed.id}`,
      content: '预包装食品销售、散装食品销售',
      validFrom: `${Number(validTo.slice(0, 4)) - 5}${validTo.slice(4)}`,
      validTo,
      decidedOn: `${Number(validTo.slice(0, 4)) - 5}${validTo.slice(4)}`,
      authorityName: '日照市行政审批服务局',
      authorityUscc: organUscc('371100', 900_001),
      sourceUnitName: '日照市行政审批服务局',
      sourceUnitUscc: organUscc('371100', 900_001),
      status: '有效',
    },
  ]);
}
