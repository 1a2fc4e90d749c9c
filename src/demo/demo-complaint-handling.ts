import type { Actor } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { saveDispatchRule } from '../complaints/complaint-dispatch-rules.service';
import { dispatchComplaint, giveBackComplaint, refuseComplaint } from '../complaints/complaint-dispatch.service';
import { acceptComplaint, replyComplaint } from '../complaints/complaint-handling.service';
import { superviseComplaint } from '../complaints/complaint-supervision.service';
import { createVerificationTask, recordVerification } from '../complaints/complaint-verify.service';
import { answerProposal } from '../registrations/visit-merge.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

type ActorOf = (username: string) => Promise<Actor>;

/** The joint office's dispatch rules: one department per matter where the duty is clear; 文化旅游 is shared. */
const RULES: { matter: string; department: string }[] = [
  { matter: 'SPAQ', department: '市市场监督管理局' },
  { matter: 'YPYL', department: '市市场监督管理局' },
  { matter: 'TZSB', department: '市市场监督管理局' },
  { matter: 'CPZL', department: '市市场监督管理局' },
  { matter: 'JGSF', department: '市市场监督管理局' },
  { matter: 'GGXC', department: '市市场监督管理局' },
  { matter: 'XFQY', department: '市市场监督管理局' },
  { matter: 'AQSC', department: '市应急管理局' },
  { matter: 'XFAQ', department: '市消防救援支队' },
  { matter: 'STHJ', department: '市生态环境局' },
  { matter: 'LDBZ', department: '市人力资源社会保障局' },
  { matter: 'WHLY', department: '市文化和旅游局' },
  { matter: 'WHLY', department: '市市场监督管理局' },
];

/** The dispatch rules, made by the joint office before the complaints arrive. */
export async function seedDemoDispatchRules(deps: AppDeps, actorOf: ActorOf, when: Date) {
  const office = await actorOf('lianxi');
  const departments = await deps.db.selectFrom('departments').select(['id', 'name']).execute();
  const idOf = (name: string) => Number(departments.find((d) => d.name === name)!.id);
  for (const r of RULES)
    await saveDispatchRule(atClock(deps, when), office, null, {
      matterCode: r.matter,
      industryPrefix: null,
      divisionPrefix: null,
      departmentId: idOf(r.department),
      priority: 10,
      enabled: true,
      note: r.matter === 'WHLY' ? '文化旅游市场由两个部门共管，逐件由联席办指定' : '',
    });
}

/** The scenario of each demo complaint, by the key demo-complaint-arrivals.ts gives it. */
export type DemoComplaintKey =
  | 'queue'
  | 'returned'
  | 'fresh'
  | 'overdue'
  | 'escalated'
  | 'onsite'
  | 'awaitingReply'
  | 'closedTrue'
  | 'closedFalse'
  | 'refused'
  | 'repeatFirst'
  | 'repeatSecond';

/**
 * Moves the demo complaints through handling with the real services, each step at its own past working day, so
 * that every state is on the pages: 待分派 (one returned by a department), 待受理, 核查中 (one with a 投诉核查 task
 * merged into another department's planned visit where the matching proposes it), 待答复, 已办结 with replies,
 * 不予受理, overdue ones under 督办 and 挂牌督办, and a group of repeats.
 */
export async function handleDemoComplaints(deps: AppDeps, actorOf: ActorOf, ids: ReadonlyMap<string, number>) {
  const cal = await workCalendar(deps.db);
  const today = chinaDate(deps.clock.now());
  const day = (n: number, time: string) => at(cal.addWorkingDays(today, -n), time);
  const tickets = await deps.db
    .selectFrom('complaints')
    .select(['id', 'ticket_no'])
    .where('id', 'in', [...ids.values(), 0])
    .execute();
  const ticket = (key: DemoComplaintKey) => {
    const id = ids.get(key);
    return tickets.find((t) => Number(t.id) === id)?.ticket_no ?? null;
  };
  const [office, scjg, yjgl, sfj] = await Promise.all(['lianxi', 'scjg_admin', 'yjgl_admin', 'sfj_dc'].map(actorOf));
  const step = async (key: DemoComplaintKey, when: Date, run: (d: AppDeps, no: string) => Promise<unknown>) => {
    const no = ticket(key);
    if (no) await run(atClock(deps, when), no);
  };
  const scjgId = scjg!.departmentId;

  // 退回: dispatched to 市市场监督管理局, which returns it; it waits in the queue again.
  await step('returned', day(5, '09:30'), (d, no) =>
    dispatchComplaint(d, office!, no, { departmentId: scjgId, note: '' }),
  );
  await step('returned', day(4, '10:00'), (d, no) =>
    giveBackComplaint(d, scjg!, no, '反映的是景区门票预约问题，属文化和旅游部门职责，请改派'),
  );
  await step('refused', day(5, '11:00'), (d, no) =>
    refuseComplaint(d, office!, no, '反映的是物业服务合同纠纷，属民事争议，已告知通过诉讼或调解途径解决'),
  );
  // 督办: 受理 overdue.
  await step('overdue', day(3, '09:00'), (d, no) =>
    superviseComplaint(d, sfj!, no, { note: '请于两个工作日内受理并报告办理情况' }, 1),
  );
  // 挂牌督办: 核查 overdue after 督办.
  await step('escalated', day(19, '09:30'), (d, no) => acceptComplaint(d, yjgl!, no, '已受理，安排核查'));
  await step('escalated', day(7, '09:00'), (d, no) =>
    superviseComplaint(d, sfj!, no, { note: '核查已超期，请说明原因并尽快核查' }, 1),
  );
  await step('escalated', day(2, '09:00'), (d, no) =>
    superviseComplaint(d, sfj!, no, { note: '督办后仍未核查完毕，挂牌督办，请分管负责同志督促' }, 2),
  );
  // 现场核查 through a 投诉核查 task, merged with the other department's planned visit when proposed.
  await step('onsite', day(3, '10:00'), (d, no) => acceptComplaint(d, scjg!, no, ''));
  await step('onsite', day(3, '10:30'), async (d, no) => {
    await createVerificationTask(d, scjg!, no, { itemCodes: [] }).catch(() => null);
  });
  const onsite = ids.get('onsite');
  if (onsite !== undefined) {
    const proposals = await deps.db
      .selectFrom('merge_proposals as p')
      .innerJoin('merge_proposal_sources as s', 's.proposal_id', 'p.id')
      .innerJoin('complaints as c', 'c.task_id', 's.task_id')
      .innerJoin('merge_proposal_parties as pp', 'pp.proposal_id', 'p.id')
      .select(['p.proposal_no', 'pp.department_id'])
      .where('c.id', '=', onsite)
      .where('p.status', '=', '待答复')
      .execute();
    for (const p of proposals)
      await answerProposal(atClock(deps, day(2, '15:00')), office!, p.proposal_no, {
        departmentId: Number(p.department_id),
        answer: '接受',
        reason: '',
        itemCodes: [],
      }).catch(() => null);
  }
  // 待答复: verified off site.
  await step('awaitingReply', day(9, '10:00'), (d, no) => acceptComplaint(d, scjg!, no, ''));
  await step('awaitingReply', day(1, '16:00'), (d, no) =>
    recordVerification(d, scjg!, no, {
      method: '非现场核查',
      result: '部分属实',
      notes: '调取电子价签记录和收银小票：部分商品未明码标价，已责令改正；未发现价格欺诈',
    }),
  );
  // 已办结: verified and replied.
  await step('closedTrue', day(24, '10:00'), (d, no) => acceptComplaint(d, scjg!, no, ''));
  await step('closedTrue', day(15, '15:00'), (d, no) =>
    recordVerification(d, scjg!, no, {
      method: '非现场核查',
      result: '属实',
      notes: '经调取进货台账和现场视频，确有销售超过保质期食品的情况，已立案调查',
    }),
  );
  await step('closedTrue', day(13, '10:00'), (d, no) =>
    replyComplaint(
      d,
      scjg!,
      no,
      '您反映的销售过期食品问题经核查属实，我局已依法立案调查，并责令其下架、销毁过期食品。感谢您的监督。',
    ),
  );
  await step('closedFalse', day(17, '10:00'), (d, no) => acceptComplaint(d, scjg!, no, ''));
  await step('closedFalse', day(12, '15:00'), (d, no) =>
    recordVerification(d, scjg!, no, { method: '非现场核查', result: '不属实', notes: '会员卡退费已按合同约定办理' }),
  );
  await step('closedFalse', day(11, '10:00'), (d, no) =>
    replyComplaint(
      d,
      scjg!,
      no,
      '经核查，该店已按会员合同约定为您办理剩余金额退费，未发现违反消费者权益保护规定的行为。',
    ),
  );
  await step('repeatFirst', day(6, '10:00'), (d, no) => acceptComplaint(d, scjg!, no, ''));
}
