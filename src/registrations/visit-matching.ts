/**
 * Automatic matching (自动匹配, 《关于深入推进跨部门综合监管的实施意见》（十一）): planned visits of different departments to the
 * same subject whose windows overlap become one proposed visit (合并入企建议) in the intersection
 * of their windows. Pure; the caller leaves out visits that may not be matched (already in an open
 * or merged proposal, proactive visits to whitelisted subjects).
 */

export interface MatchableVisit {
  /** r<id> for a registration, t<id> for an inspection task. */
  ref: string;
  subjectId: number;
  departmentIds: readonly number[];
  from: string;
  to: string;
}

export interface VisitMatch {
  subjectId: number;
  refs: string[];
  departmentIds: number[];
  window: { from: string; to: string };
  /** The same visits always give the same key, so a match is proposed once. */
  key: string;
}

export const matchKey = (refs: readonly string[]): string => `重叠:${[...refs].sort().join(',')}`;

/**
 * Per subject, visits ordered by start are gathered while the common window stays non-empty; a
 * group of at least two visits and two departments is a match (a joint task alone is not).
 * Greedy, so each visit is in at most one match.
 */
export function matchVisits(visits: readonly MatchableVisit[]): VisitMatch[] {
  const bySubject = new Map<number, MatchableVisit[]>();
  for (const v of visits) {
    const list = bySubject.get(v.subjectId);
    if (list) list.push(v);
    else bySubject.set(v.subjectId, [v]);
  }
  const out: VisitMatch[] = [];
  for (const [subjectId, list] of [...bySubject].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.ref < b.ref ? -1 : 1));
    let group: MatchableVisit[] = [];
    let window = { from: '', to: '' };
    const close = () => {
      const departmentIds = [...new Set(group.flatMap((v) => v.departmentIds))].sort((a, b) => a - b);
      if (group.length >= 2 && departmentIds.length >= 2) {
        const refs = group.map((v) => v.ref);
        out.push({ subjectId, refs, departmentIds, window, key: matchKey(refs) });
      }
    };
    for (const v of list) {
      if (group.length > 0) {
        const from = v.from > window.from ? v.from : window.from;
        const to = v.to < window.to ? v.to : window.to;
        if (from <= to) {
          group.push(v);
          window = { from, to };
          continue;
        }
        if (new Set(group.flatMap((g) => g.departmentIds)).size < 2) {
          // One department so far: keep the members that overlap v (pairwise overlapping intervals
          // share a common part), so a long visit still meets a later one of another department.
          group = [...group.filter((g) => g.from <= v.to && g.to >= v.from), v];
          window = group.reduce(
            (w, g) => ({ from: g.from > w.from ? g.from : w.from, to: g.to < w.to ? g.to : w.to }),
            { from: v.from, to: v.to },
          );
          continue;
        }
        close();
      }
      group = [v];
      window = { from: v.from, to: v.to };
    }
    if (group.length > 0) close();
  }
  return out;
}
