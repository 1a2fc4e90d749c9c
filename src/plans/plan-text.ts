import { industryName } from '../industries/industry-catalog';
import type { ClassRatios, SamplingScope } from '../items/sampling-item.table';

/** The object scope in words, as the announcement prints it (《黄浦区精准高效协同监管实施办法（试行）》第八条: 检查对象范围). */
export function scopeText(scope: SamplingScope, tagNames: ReadonlyMap<string, string>, subjectCount = 0): string {
  const parts: string[] = [];
  if (scope.industries.length)
    parts.push(`行业：${scope.industries.map((c) => `${industryName(c) ?? c}（${c}）`).join('、')}`);
  if (scope.tags.length) parts.push(`标签：${scope.tags.map((t) => tagNames.get(t) ?? t).join('、')}`);
  if (scope.subjectKinds.length) parts.push(`主体类型：${scope.subjectKinds.join('、')}`);
  if (scope.divisions.length) parts.push(`行政区划：${scope.divisions.join('、')}`);
  if (subjectCount) parts.push(`指定名单 ${subjectCount} 户`);
  return parts.length ? parts.join('；') : '本部门监管的全部存续市场主体';
}

/**
 * The ratio as published: the range over credit classes. The classes themselves are not made
 * public (SAMR 2022), so the announcement states that the ratio follows the credit risk class.
 */
export function ratioText(r: ClassRatios): string {
  const values = [r.A, r.B, r.C, r.D];
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? `${min}%` : `按信用风险分类 ${min}%–${max}%`;
}
