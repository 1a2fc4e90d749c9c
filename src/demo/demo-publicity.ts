import { workCalendar } from '../calendar/calendar.service';
import { addDays } from '../calendar/calendar-date';
import { unlessYearMissing } from '../calendar/work-calendar';
import { afterLicenceReceived, afterPenaltyReceived } from '../records/record-hooks';
import type { DecisionStatus } from '../records/record.table';
import { reviewAndPublish } from '../publicity/publication.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { organUscc } from '../shared/uscc';
import type { Actor } from '../auth/actor';
import { at, atClock } from './demo-steps';

/** The departments whose demo decisions are published, with the account that reviews them. */
const PUBLISHERS = [
  { department: '市市场监督管理局', username: 'scjg_staff', abbr: '市监' },
  { department: '市应急管理局', username: 'yjgl_admin', abbr: '应急' },
] as const;

export interface DemoPublicitySummary {
  published: number;
  awaiting: number;
  pushed: number;
}

/**
 * 双公示 in the demo city: the licences and penalties received (by the intake's demo, or — when there is none — a
 * small set of decisions of the last months received here through the same hooks) are mostly reviewed and published
 * within their 7 working days, one late, a few still awaiting review (one overdue); a licence revoked after
 * publication shows updated; a penalty past its 公示截止期 is no longer listed; the pushes reached the credit
 * platform (all but today's).
 */
export async function seedDemoPublicity(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<DemoPublicitySummary> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const existing = await deps.db.selectFrom('publications').select('id').limit(1).execute();
  if (existing.length === 0) await receiveDemoDecisions(deps, today);

  const calendar = await workCalendar(deps.db);
  const awaiting = await deps.db
    .selectFrom('publications')
    .select(['id', 'kind', 'decided_on', 'due_on', 'department_id'])
    .where('status', '=', '待公示')
    .where('department_id', 'is not', null)
    .orderBy('decided_on')
    .orderBy('id')
    .execute();
  const reviewers = new Map<number, string>();
  for (const p of PUBLISHERS) {
    const d = await deps.db.selectFrom('departments').select('id').where('name', '=', p.department).executeTakeFirst();
    if (d) reviewers.set(Number(d.id), p.username);
  }
  // The oldest licence stays unpublished (overdue), the two newest await review; the oldest record is published two
  // days after its deadline.
  const keep = new Set([awaiting.find((p) => p.kind === '行政许可')?.id, ...awaiting.slice(-2).map((p) => p.id)]);
  let published = 0;
  for (const [i, p] of awaiting.entries()) {
    const username = reviewers.get(Number(p.department_id));
    if (keep.has(p.id) || !username) continue;
    const late = i === 0;
    const day =
      late && p.due_on
        ? addDays(p.due_on, 2)
        : (unlessYearMissing(() => calendar.addWorkingDays(p.decided_on, 2)) ?? addDays(p.decided_on, 2));
    const when = at(day, late ? '16:20' : '10:30');
    if (when >= now) continue;
    await reviewAndPublish(atClock(deps, when), await actorOf(username), Number(p.id));
    published += 1;
  }
  if (existing.length === 0) await reviseDemoDecisions(deps, today);

  // The pushes of those months reached the credit platform then: seedDemoActivity marks the outbox's past messages sent.
  const pushes = await deps.db
    .selectFrom('publication_pushes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { published, awaiting: keep.size, pushed: Number(pushes.n) };
}

const LICENCES = [
  ['日照海韵食品有限公司', '食品经营许可证', '预包装食品销售，散装食品销售，热食类食品制售'],
  ['日照港城药房连锁有限公司', '药品经营许可证', '中成药、化学药制剂、抗生素制剂零售'],
  ['日照东港区味道餐饮店', '食品经营许可证', '热食类食品制售'],
  ['日照金沙滩旅游服务有限公司', '旅行社业务经营许可证', '境内旅游业务、入境旅游业务'],
  ['日照鲁南化工储运有限公司', '危险化学品经营许可证', '汽油、柴油（闭杯闪点≤60℃）、甲醇（不带储存设施）'],
  ['日照安泰矿业有限公司', '安全生产许可证', '建筑用石料露天开采'],
  ['日照新港建材有限公司', '工业产品生产许可证', '预拌混凝土'],
  ['日照山海天民宿有限公司', '食品经营许可证', '预包装食品销售，热食类食品制售'],
] as const;

const PENALTIES = [
  [
    '日照海韵食品有限公司',
    '销售超过保质期的食品',
    '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    '没收超过保质期的食品，罚款人民币五万元',
    '5',
  ],
  ['日照东港区鑫源五金店', '未按规定明码标价', '《中华人民共和国价格法》第四十二条', '警告，罚款人民币二千元', '0.2'],
  [
    '日照鲁南化工储运有限公司',
    '未按规定对重大危险源进行定期检测',
    '《中华人民共和国安全生产法》第一百零一条第（二）项',
    '责令限期改正，罚款人民币八万元',
    '8',
  ],
  [
    '日照安泰矿业有限公司',
    '未如实记录安全生产教育和培训情况',
    '《中华人民共和国安全生产法》第九十七条第（四）项',
    '责令限期改正，罚款人民币三万元',
    '3',
  ],
] as const;

/** A small set of decisions of the last months, received through the intake's hooks, when no other demo made any. */
async function receiveDemoDecisions(deps: AppDeps, today: string): Promise<void> {
  const dept = new Map<string, number>();
  for (const p of PUBLISHERS) {
    const d = await deps.db.selectFrom('departments').select('id').where('name', '=', p.department).executeTakeFirst();
    if (d) dept.set(p.department, Number(d.id));
  }
  if (dept.size < PUBLISHERS.length) return;
  const authority = (name: string, serial: number) => ({
    authority_name: name,
    authority_uscc: organUscc('371100', 900 + serial),
    source_unit_name: name,
    source_unit_uscc: organUscc('371100', 900 + serial),
  });
  const receive = async (decidedOn: string, afterDays: number, run: (d: AppDeps) => Promise<void>) => {
    const when = at(addDays(decidedOn, afterDays), '09:10');
    if (when.getTime() < deps.clock.now().getTime()) await run(atClock(deps, when));
  };
  for (const [i, [name, cert, content]] of LICENCES.entries()) {
    const p = PUBLISHERS[i % 5 < 3 ? 0 : 1];
    const decidedOn = addDays(today, -(54 - i * 7));
    await receive(decidedOn, 1, async (d) => {
      const now = d.clock.now();
      await d.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('licence_records')
          .values({
            sender_department_id: dept.get(p.department)!,
            sender_record_id: `DEMO-XK-${i + 1}`,
            channel: '在线',
            payload_digest: `demo-xk-${i + 1}`,
            version: 1,
            subject_id: null,
            received_by: null,
            received_at: now,
            updated_at: now,
            counterpart_category: '法人及非法人组织',
            counterpart_name: name,
            uscc: organUscc('371102', 70_000 + i),
            legal_representative: ['王建国', '李红梅', '张立新', '刘海涛', '陈晓东', '赵明', '孙立华', '周丽'][i]!,
            id_number_masked: null,
            id_number_cipher: null,
            decided_on: decidedOn,
            ...authority(p.department, PUBLISHERS.indexOf(p)),
            status: '有效',
            department_id: dept.get(p.department)!,
            decision_doc_name: `${cert.replace('证', '')}决定书`,
            decision_doc_no: `日${p.abbr}许〔${decidedOn.slice(0, 4)}〕${200 + i}号`,
            category: '普通',
            certificate_name: cert,
            certificate_no: `RZ${decidedOn.replaceAll('-', '')}${String(i + 1).padStart(3, '0')}`,
            content,
            valid_from: decidedOn,
            valid_to: `${Number(decidedOn.slice(0, 4)) + 5}-${decidedOn.slice(5)}`,
            approval_item_code: null,
            applied_on: addDays(decidedOn, -12),
            registration_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await afterLicenceReceived(trx, d, Number(row.id), 'new');
      });
    });
  }
  const penalties = [
    ...PENALTIES.map(([name, type, basis, content, fine], i) => ({
      name,
      type,
      basis,
      content,
      fine,
      person: false,
      i,
    })),
    {
      name: '张伟',
      type: '无证经营食品摊贩',
      basis: '《山东省食品小作坊小餐饮和食品摊点管理条例》第五十一条',
      content: '警告，罚款人民币五百元',
      fine: '0.05',
      person: true,
      i: 4,
    },
  ];
  // One penalty follows an inspection's finding (《黄浦区精准高效协同监管实施办法（试行）》第十六条第二款), collected late.
  const inspected = await deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 's.name', 's.uscc'])
    .where('t.status', 'in', ['已检查', '已办结'])
    .orderBy('t.id')
    .executeTakeFirst();
  for (const x of penalties) {
    const p = x.i === 2 || x.i === 3 ? PUBLISHERS[1] : PUBLISHERS[0];
    const task = x.i === 1 && inspected ? inspected : null;
    // The first is old: its 公示截止期 (three months for a minor penalty) has passed.
    const decidedOn = x.i === 0 ? addDays(today, -130) : addDays(today, -(40 - x.i * 8));
    await receive(decidedOn, task ? 12 : 1, async (d) => {
      const now = d.clock.now();
      await d.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('penalty_records')
          .values({
            sender_department_id: dept.get(p.department)!,
            sender_record_id: `DEMO-CF-${x.i + 1}`,
            channel: '在线',
            payload_digest: `demo-cf-${x.i + 1}`,
            version: 1,
            subject_id: null,
            received_by: null,
            received_at: now,
            updated_at: now,
            counterpart_category: x.person ? '自然人' : '法人及非法人组织',
            counterpart_name: task?.name ?? x.name,
            uscc: x.person ? null : (task?.uscc ?? organUscc('371102', 71_000 + x.i)),
            legal_representative: x.person ? '' : '王建国',
            id_number_masked: x.person ? '371102********2315' : null,
            id_number_cipher: null,
            decided_on: decidedOn,
            ...authority(p.department, PUBLISHERS.indexOf(p)),
            status: '有效',
            department_id: dept.get(p.department)!,
            decision_doc_no: `日${p.abbr}罚〔${decidedOn.slice(0, 4)}〕${300 + x.i}号`,
            violation_type: x.type,
            violation_facts: `经查，当事人存在${x.type}的违法行为。`,
            legal_basis: x.basis,
            categories: x.fine ? ['罚款'] : ['警告'],
            content: x.content,
            fine_amount: x.fine,
            confiscated_amount: null,
            licence_affected: '',
            publicity_until: x.i === 0 ? addDays(decidedOn, 90) : addDays(decidedOn, 365),
            task_id: task ? Number(task.id) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await afterPenaltyReceived(trx, d, Number(row.id), 'new');
      });
    });
  }
}

/** A published licence revoked (吊销) later: a new version through the hook, which updates and pushes it again. */
async function reviseDemoDecisions(deps: AppDeps, today: string): Promise<void> {
  const target = await deps.db
    .selectFrom('publications as p')
    .innerJoin('licence_records as r', 'r.id', 'p.record_id')
    .select(['r.id'])
    .where('p.kind', '=', '行政许可')
    .where('p.status', '=', '已公示')
    .where('r.sender_record_id', '=', 'DEMO-XK-5')
    .executeTakeFirst();
  if (!target) return;
  const when = at(addDays(today, -3), '15:00');
  const d = atClock(deps, when);
  const status: DecisionStatus = '已吊销';
  await d.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('licence_records')
      .set((eb) => ({ version: eb('version', '+', 1), status, updated_at: when, payload_digest: 'demo-xk-5-v2' }))
      .where('id', '=', target.id)
      .execute();
    await afterLicenceReceived(trx, d, Number(target.id), 'changed');
  });
}
