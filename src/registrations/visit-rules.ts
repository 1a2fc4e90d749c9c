import type { RegisteredItem, RegistrationKind } from './registration.table';

/**
 * Visit rules across everything planned (《黄浦区精准高效协同监管实施办法（试行）》第六条和第十九条, 《关于深入推进跨部门综合监管的实施意见》（十一）和（十七）,
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十条). Pure: the caller loads a subject's year (visit-rules.repository.ts) and asks whether
 * one more planned visit is allowed; every refusal names the subject, the rule and the counts.
 */

/** The caps in force (the district's setting, src/settings/visit-rules-setting.ts). */
export interface VisitCaps {
  routineVisitCap: number;
  sameItemCap: number;
}

/** Kinds allowed on a whitelisted subject: no proactive visits (《关于深入推进跨部门综合监管的实施意见》（十七）, SAMR A class). */
export const reactiveKinds: readonly RegistrationKind[] = ['投诉举报', '监测发现', '转办交办', '依法依规'];
/** Proactive kinds: the platform neither registers nor proposes them on a whitelisted subject. */
export const isProactive = (kind: RegistrationKind): boolean => !reactiveKinds.includes(kind);
/** Kinds counted against the routine cap. Draw tasks count as routine too. */
export const isRoutine = (kind: RegistrationKind): boolean => kind === '日常检查';
/**
 * Kinds bound by "same item once a year": planned checks (routine and special). A follow-up
 * re-checks an item by design and reactive checks cannot wait for next year.
 */
export const isItemBound = (kind: RegistrationKind): boolean => kind === '日常检查' || kind === '专项检查';

/** One earlier visit of the year, named so a refusal can point at it (任务 HB2026-00001 / 登记 DJ2026-00003). */
export interface PlannedVisit {
  /** e.g. 任务 CQ2026-0001-0001-00007 or 登记 DJ2026-00003. */
  ref: string;
  routine: boolean;
  itemCodes: readonly string[];
}

export interface SubjectYear {
  uscc: string;
  name: string;
  whitelisted: boolean;
  year: number;
  /** Non-void tasks and active registrations of the year (the new one not included). */
  visits: readonly PlannedVisit[];
}

export interface VisitRefusal {
  rule: 'whitelist' | 'routineCap' | 'sameItem';
  message: string;
}

const refs = (visits: readonly PlannedVisit[]): string => visits.map((v) => v.ref).join('、');

/** The refusals for one more visit of `kind` with `items` (empty: allowed). */
export function checkVisit(
  subject: SubjectYear,
  kind: RegistrationKind,
  items: readonly RegisteredItem[],
  caps: VisitCaps,
): VisitRefusal[] {
  const { routineVisitCap, sameItemCap } = caps;
  const who = `${subject.name}（${subject.uscc}）`;
  if (subject.whitelisted && isProactive(kind)) {
    return [
      {
        rule: 'whitelist',
        message: `${who}为白名单主体，原则上不主动上门检查：只能登记${reactiveKinds.join('、')}的检查，不能登记“${kind}”`,
      },
    ];
  }
  const out: VisitRefusal[] = [];
  if (isRoutine(kind)) {
    const routine = subject.visits.filter((v) => v.routine);
    if (routine.length >= routineVisitCap) {
      out.push({
        rule: 'routineCap',
        message: `该主体${who} ${subject.year} 年已有 ${routine.length} 次日常检查（${refs(routine)}），已达上限（每年不超过 ${routineVisitCap} 次）`,
      });
    }
  }
  if (isItemBound(kind)) {
    for (const item of items) {
      const earlier = subject.visits.filter((v) => v.itemCodes.includes(item.code));
      if (earlier.length >= sameItemCap) {
        out.push({
          rule: 'sameItem',
          message: `该主体${who} ${subject.year} 年已就事项“${item.name}”（${item.code}）安排检查（${refs(earlier)}），同一事项每年不超过 ${sameItemCap} 次`,
        });
      }
    }
  }
  return out;
}
