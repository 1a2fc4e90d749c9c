import { industryName } from '../industries/industry-catalog';
import { resolveCode } from '../notices/notice-verification.service';
import type { AppDeps } from '../shared/context';
import { guideIndustriesFor } from './guide-assembly';
import { guidedIndustries, subjectIndustryCodes } from './guide.repository';
import { guideTitle } from './guide.service';

/**
 * The 一业一册 of a 检查码's subject (《黄浦区精准高效协同监管实施办法（试行）》第二十六条: 通过“检查码”等途径获取合规指引):
 * for each of the subject's industries, the most specific published guide up the GB/T 4754 hierarchy. A code that
 * does not verify gets none (the page says 检查码无效 anyway).
 */
export async function guidesForInspectionCode(deps: AppDeps, token: string) {
  const resolved = await resolveCode(deps, token);
  if (resolved.status === '无效' || !resolved.task) return [];
  const [codes, guided] = await Promise.all([
    subjectIndustryCodes(deps.db, resolved.task.subject.id),
    guidedIndustries(deps.db),
  ]);
  return guideIndustriesFor(codes, guided).map((code) => ({
    industryCode: code,
    industryName: industryName(code) ?? code,
    title: guideTitle(code),
  }));
}
