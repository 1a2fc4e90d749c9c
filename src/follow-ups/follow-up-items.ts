import type { CandidateItem } from './follow-up-items.repository';

/**
 * The items of a 跟踪 task for one department: its items tied to the approval items (a supervision item linked to the
 * licence), else those whose object scope names the subject's industry (at most two), and always its own follow-up
 * item with the check “是否未取得相关许可即开展经营活动” when it has one, so a finding of operating without a licence
 * can be recorded. Empty when nothing fits: the obligation then has no task and says why.
 */
export function chooseFollowUpItems(
  candidates: readonly CandidateItem[],
  coversIndustry: (item: CandidateItem) => boolean,
): { code: string; name: string }[] {
  const linked = candidates.filter((c) => c.licenceLinked);
  const chosen = linked.length
    ? linked
    : candidates.filter((c) => !c.unlicensedCheck && c.scope.industries.length > 0 && coversIndustry(c)).slice(0, 2);
  const own = candidates.find((c) => c.unlicensedCheck);
  const all = own && !chosen.includes(own) ? [own, ...chosen] : chosen;
  return all.map((c) => ({ code: c.code, name: c.name }));
}
