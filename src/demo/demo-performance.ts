import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import {
  draftIndicatorVersion,
  publishIndicatorVersion,
  updateIndicatorDraft,
} from '../performance/indicator-version.service';
import { defaultIndicatorSet } from '../performance/performance-catalog';
import { answerNotice, issueNotices } from '../performance/performance-notice.service';
import {
  finishAnnualEvaluation,
  runAnnualEvaluation,
  runDailyPerformance,
} from '../performance/performance-run.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

/**
 * 监管履职评价 of the demo city, through the services: the evaluating department (市司法局, sfj_dc) publishes the
 * indicator system late last year, runs and finishes last year's annual evaluation in January (its report stored),
 * daily snapshots are taken ten days ago and today, and from the earlier one it issues 限期整改 notices to
 * 市市场监督管理局 (which answers) and 市应急管理局 (which has not, past its deadline).
 */
export async function seedDemoPerformance(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const year = Number(today.slice(0, 4));
  const sfj = await actorOf('sfj_dc');
  const lastYear = year - 1;

  const draftOn = atClock(deps, at(`${lastYear}-11-20`, '10:00'));
  const draft = await draftIndicatorVersion(draftOn, sfj);
  await updateIndicatorDraft(draftOn, sfj, draft.id, {
    note: '依据《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十三条设置评价维度，首次发布',
    definition: defaultIndicatorSet,
  });
  await publishIndicatorVersion(atClock(deps, at(`${lastYear}-11-25`, '10:00')), sfj, draft.id);

  const annual = await runAnnualEvaluation(atClock(deps, at(`${year}-01-12`, '09:30')), sfj, lastYear);
  await finishAnnualEvaluation(atClock(deps, at(`${year}-01-15`, '15:00')), sfj, annual.id);

  const earlier = addDays(today, -10);
  const snapshot = await runDailyPerformance(deps, at(earlier, '02:00'));
  await runDailyPerformance(deps, deps.clock.now());
  if (snapshot === null) return;

  const issueOn = atClock(deps, at(addDays(earlier, 1), '09:00'));
  const issued: string[] = [];
  for (const [name, days] of [
    ['市市场监督管理局', 10],
    ['市应急管理局', 3],
  ] as const) {
    const dept = await deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirst();
    if (!dept) continue;
    try {
      await issueNotices(issueOn, sfj, {
        evaluationId: snapshot,
        departmentId: Number(dept.id),
        deadlineDays: days,
        requirement: '',
      });
      issued.push(name);
    } catch (error) {
      // A department with nothing to put right gets no notice.
      if (!(error instanceof AppError)) throw error;
    }
  }
  if (issued.includes('市市场监督管理局')) {
    const notice = await deps.db
      .selectFrom('performance_notices')
      .select('id')
      .where('evaluation_id', '=', snapshot)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await answerNotice(
      atClock(deps, at(addDays(earlier, 6), '16:20')),
      await actorOf('scjg_admin'),
      Number(notice.id),
      {
        note: '已补充编制检查实施清单，异常数据已核对并重新报送，按月报送已纳入科室工作台账。',
      },
    );
  }
}
