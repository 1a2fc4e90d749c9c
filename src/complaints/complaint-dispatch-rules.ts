/** A dispatch rule as the matching needs it (complaint_dispatch_rules). */
export interface DispatchRule {
  matterCode: string | null;
  industryPrefix: string | null;
  divisionPrefix: string | null;
  departmentId: number;
  priority: number;
  enabled: boolean;
}

export interface DispatchFacts {
  matterCode: string;
  /** The complaint's industry code, else the subject's codes. */
  industryCodes: readonly string[];
  divisionCode: string | null;
}

const prefixMatches = (prefix: string | null, values: readonly string[]) =>
  prefix === null || prefix === '' || values.some((v) => v.toUpperCase().startsWith(prefix.toUpperCase()));

/** The departments named by the enabled rules that match, keeping only those of the smallest priority number. */
export function departmentsByRules(rules: readonly DispatchRule[], facts: DispatchFacts): number[] {
  const matching = rules.filter(
    (r) =>
      r.enabled &&
      (r.matterCode === null || r.matterCode === facts.matterCode) &&
      prefixMatches(r.industryPrefix, facts.industryCodes) &&
      prefixMatches(r.divisionPrefix, facts.divisionCode ? [facts.divisionCode] : []),
  );
  if (matching.length === 0) return [];
  const best = Math.min(...matching.map((r) => r.priority));
  return [...new Set(matching.filter((r) => r.priority === best).map((r) => r.departmentId))].sort((a, b) => a - b);
}

/**
 * The candidate departments of a complaint: the rules' departments, narrowed to the subject's supervising departments
 * (those whose sampling items cover the subject) when both are known and they share some; the supervising
 * departments alone when no rule matches. Exactly one candidate dispatches the complaint automatically; none or
 * several leave it in the joint office's 待分派 queue.
 */
export function candidateDepartments(byRules: readonly number[], supervising: readonly number[] | null): number[] {
  if (supervising === null || supervising.length === 0) return [...byRules];
  if (byRules.length === 0) return [...supervising];
  const both = byRules.filter((d) => supervising.includes(d));
  return both.length > 0 ? both : [...byRules];
}
