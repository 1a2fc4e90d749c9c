import { workCalendar } from '../calendar/calendar.service';
import { addDays } from '../calendar/calendar-date';
import { unlessYearMissing } from '../calendar/work-calendar';
import { reviewAndPublish } from '../publicity/publication.service';
import type { AppDeps } from '../shared/context';
import type { Actor } from '../auth/actor';
import { at, atClock } from './demo-steps';

/** The departments whose demo decisions are published, with the account that reviews them. */
const PUBLISHERS = [
  { department: '市市场监督管理局', username: 'scjg_staff', abbr: '市监' },
  { department: '市应急管理局', username: 'yjgl_admin', abbr: '应急' },
  { department: '市行政审批服务局', username: 'spj_xk', abbr: '审批' },
] as const;

export interface DemoPublicitySummary {
  published: number;
  awaiting: number;
  pushed: number;
}

/**
 * 双公示 in the demo city: the licences and penalties the intake's demo received (demo-records.ts) are mostly reviewed
 * and published within their 7 working days, one late, each department's newest awaiting review, the oldest licence
 * overdue; the licence revoked there shows its new state once published; warnings past their 公示截止期 are no longer
 * listed; the pushes reached the credit platform (all but today's).
 */
export async function seedDemoPublicity(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<DemoPublicitySummary> {
  const now = deps.clock.now();

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
  // The oldest licence stays unpublished (overdue); each publishing department's newest licence and newest penalty
  // await its review; the oldest record is published two days after its deadline.
  const newest = new Map<string, number>();
  for (const p of awaiting) newest.set(`${p.department_id}:${p.kind}`, Number(p.id));
  const keep = new Set([awaiting.find((p) => p.kind === '行政许可')?.id, ...newest.values()]);
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

  // The pushes of those months reached the credit platform then: seedDemoActivity marks the outbox's past messages sent.
  const pushes = await deps.db
    .selectFrom('publication_pushes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { published, awaiting: keep.size, pushed: Number(pushes.n) };
}
