import type { Db } from '../db/database';
import { caseActivity, newsActivity } from './publishing-activity.repository';

export interface PublishingActivity {
  /** 监管动态 dated within the period and still published. */
  news: number;
  /** 曝光台 cases first published within the period and still published. */
  exposureCases: number;
  /** The newest day up to the period's end on which the department published or updated either (null: never). */
  lastPublishedOn: string | null;
}

/**
 * How each department keeps its 监管动态 and 曝光台 current (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十八条:
 * 及时更新本部门本系统的监管动态和曝光台信息…纳入履职效能评估), for the performance evaluation. Dates are China dates,
 * `from` and `to` inclusive. A department that never published is absent from the map.
 */
export async function publishingActivity(
  db: Db,
  period: { from: string; to: string },
): Promise<Map<number, PublishingActivity>> {
  const [news, cases] = await Promise.all([
    newsActivity(db, period.from, period.to),
    caseActivity(db, period.from, period.to),
  ]);
  const result = new Map<number, PublishingActivity>();
  const entry = (departmentId: number) => {
    let e = result.get(departmentId);
    if (!e) result.set(departmentId, (e = { news: 0, exposureCases: 0, lastPublishedOn: null }));
    return e;
  };
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
  for (const n of news) {
    const e = entry(Number(n.department_id));
    e.news = Number(n.n);
    e.lastPublishedOn = later(e.lastPublishedOn, n.last_on);
  }
  for (const c of cases) {
    const e = entry(Number(c.department_id));
    e.exposureCases = Number(c.n);
    e.lastPublishedOn = later(e.lastPublishedOn, c.last_on);
  }
  return result;
}
