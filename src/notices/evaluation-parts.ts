import type { CodeStatus } from './notice.schemas';

/**
 * Which departments' parts of a visit the subject may evaluate through its 检查码
 * (《黄浦区精准高效协同监管实施办法（试行）》第十七条、第二十五条). The rules of the whole visit, kept per department:
 * a department's part opens once THAT department has inspected (submitted its results, or recorded its off-site
 * check) — or once the window has ended, or the visit is over for every department — and closes with the code
 * (30 days after the window; a revoked or invalid code closes every part). Each part is evaluated once.
 * Pure: the verification service gathers the facts.
 */
export type PartState = '可评价' | '已评价' | '未开放' | '已截止';

export interface DepartmentPart {
  departmentId: number;
  name: string;
  /** The department's inspection: on site (the check-in day) or off site (the day it was done); null: none yet. */
  inspection: { inspectedOn: string | null; offsite: boolean } | null;
  evaluated: boolean;
}

export interface GateFacts {
  codeStatus: CodeStatus;
  /** Every department has inspected (the task's status is past the visit). */
  visitOver: boolean;
  windowTo: string;
  /** China date today. */
  today: string;
  /** The code's expiry as a China date; null for an invalid code. */
  closesOn: string | null;
  departments: DepartmentPart[];
}

export interface PartView {
  departmentId: number;
  name: string;
  state: PartState;
  reason: string;
}

export interface Gate {
  open: boolean;
  submitted: boolean;
  reason: string;
  parts: PartView[];
}

const names = (parts: readonly PartView[]) => parts.map((p) => p.name).join('、');

function inspectedText(inspection: NonNullable<DepartmentPart['inspection']>): string {
  const on = inspection.inspectedOn ? `${inspection.inspectedOn} ` : '';
  return inspection.offsite ? `已于 ${on}完成非现场检查` : `已${on ? `于 ${on}` : ''}实施检查并提交检查结果`;
}

function partOf(f: GateFacts, d: DepartmentPart): PartView {
  const base = { departmentId: d.departmentId, name: d.name };
  if (d.evaluated) return { ...base, state: '已评价', reason: '已收到您对本部门检查的评价。' };
  if (f.codeStatus === '已过期')
    return { ...base, state: '已截止', reason: `评价期限已于 ${f.closesOn} 截止（检查期结束后 30 日）。` };
  if (f.codeStatus !== '真实有效') return { ...base, state: '已截止', reason: `检查码${f.codeStatus}，不能评价。` };
  const until = `，评价截止 ${f.closesOn}`;
  if (d.inspection) return { ...base, state: '可评价', reason: `${inspectedText(d.inspection)}，可以评价${until}。` };
  if (f.visitOver) return { ...base, state: '可评价', reason: `检查已实施，可以评价${until}。` };
  if (f.today > f.windowTo)
    return { ...base, state: '可评价', reason: `检查期已结束（本部门未记录检查结果），可以评价${until}。` };
  return {
    ...base,
    state: '未开放',
    reason: `尚未提交检查结果：本部门提交检查结果后（或检查期 ${f.windowTo} 结束后）即可评价。`,
  };
}

function overallReason(f: GateFacts, parts: readonly PartView[]): string {
  const by = (state: PartState) => parts.filter((p) => p.state === state);
  const [open, done, pending] = [by('可评价'), by('已评价'), by('未开放')];
  if (parts.length > 0 && done.length === parts.length)
    return '已收到您对本次检查的评价，感谢您的反馈。每个部门的检查只能评价一次。';
  if (f.codeStatus !== '真实有效')
    return f.codeStatus === '无效' ? '检查码无效，不能评价。' : `检查码${f.codeStatus}，不能评价。`;
  const later = pending.length ? `；${names(pending)}尚未提交检查结果，提交后可再评价` : '';
  const thanks = done.length ? `已收到您对${names(done)}检查的评价` : '';
  if (open.length)
    return parts.length === 1
      ? '检查已实施，欢迎对本次检查作出评价（满意度、意见建议，如有问题可投诉）。'
      : `检查已实施，欢迎对${names(open)}的检查作出评价${later}${thanks ? `；${thanks}` : ''}。`;
  if (done.length) return `${thanks}${later}。`;
  return '检查尚未实施：检查人员提交检查结果后（或检查期结束后）即可在此页面评价本次检查。';
}

/** Each department's part with its state and why, and the visit's overall state. */
export function evaluationGate(f: GateFacts): Gate {
  const parts = f.departments.map((d) => partOf(f, d));
  return {
    open: parts.some((p) => p.state === '可评价'),
    submitted: parts.length > 0 && parts.every((p) => p.state === '已评价'),
    reason: overallReason(f, parts),
    parts,
  };
}
