import { idCardProblem } from '../users/id-card';
import { checkUscc } from '../shared/uscc';
import type { AnomalyProblem } from './aggregation.table';
import {
  type FieldSpec,
  KEY_FIELD,
  kindFields,
  OPERATION_FIELD,
  type Operation,
  type RecordKind,
} from './aggregation-fields';

/** One problem of one record: the field (its national Chinese name) and what is wrong with it. */
export interface RecordProblem {
  field: string | null;
  problem: AnomalyProblem;
  message: string;
}

export interface Inspector {
  姓名: string;
  执法证号: string;
}

/** A record with every field as trimmed text (检查人员 as a list), ready to store and to hand on. */
export type CleanRecord = Record<string, string | Inspector[]>;

/** What the validator needs to know about the platform's registers (looked up by the caller, so this stays pure). */
export interface RegisterFacts {
  /** 执法证号 known in the inspector register. */
  certificates: ReadonlySet<string>;
  /** Register name by USCC, for the codes the records name. */
  subjectNames: ReadonlyMap<string, string>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})([ T](\d{2}):(\d{2})(:(\d{2}))?)?$/;

function validDate(text: string): boolean {
  const m = DATETIME.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return false;
  if (Number(m[1]) < 1949 || Number(m[1]) > 2999) return false;
  return m[5] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60 && Number(m[8] ?? 0) < 60);
}

/** A date-time in one comparable form: 'YYYY-MM-DD HH:MM:SS' (a date alone is its midnight). */
export const comparableTime = (text: string): string => {
  const m = DATETIME.exec(text)!;
  return `${m[1]}-${m[2]}-${m[3]} ${m[5] ?? '00'}:${m[6] ?? '00'}:${m[8] ?? '00'}`;
};

/** Text of any JSON scalar (a number sent for a code or an amount is taken as its text). */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** 检查人员: "姓名:执法证号;姓名:执法证号" as text, or a list of {姓名, 执法证号}. */
export function parseInspectors(value: unknown): Inspector[] | null {
  if (Array.isArray(value)) {
    const list = value.map((v) =>
      v && typeof v === 'object'
        ? { 姓名: textOf((v as Inspector).姓名), 执法证号: textOf((v as Inspector).执法证号) }
        : null,
    );
    if (list.some((i) => !i || i.姓名 === null || i.执法证号 === null)) return null;
    return (list as Inspector[]).map((i) => ({ 姓名: i.姓名, 执法证号: i.执法证号.toUpperCase() }));
  }
  const text = textOf(value);
  if (text === null) return null;
  if (text === '') return [];
  const parts = text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const list = parts.map((p) => p.split(/[:：]/).map((s) => s.trim()));
  if (list.some((l) => l.length !== 2 || !l[0] || !l[1])) return null;
  return list.map(([name, cert]) => ({ 姓名: name!, 执法证号: cert!.toUpperCase() }));
}

const wrong = (field: string | null, message: string): RecordProblem => ({ field, problem: '报送错误', message });

function checkValue(spec: FieldSpec, text: string, facts: RegisterFacts): RecordProblem | null {
  const n = spec.name;
  if (spec.max !== undefined && text.length > spec.max) return wrong(n, `${n}不超过 ${spec.max} 个字`);
  switch (spec.type) {
    case 'date':
      return DATE.test(text) && validDate(text) ? null : wrong(n, `${n}应为有效日期 YYYY-MM-DD`);
    case 'datetime':
      return validDate(text) ? null : wrong(n, `${n}应为有效时间 YYYY-MM-DD HH:MM:SS`);
    case 'enum':
      return spec.options!.includes(text) ? null : wrong(n, `${n}应为 ${spec.options!.join('、')} 之一`);
    case 'uscc': {
      const check = checkUscc(text.toUpperCase());
      return check.valid ? null : wrong(n, `${n}未通过统一社会信用代码校验：${check.reason}`);
    }
    case 'catalogCode':
      return /^\d{14}$/.test(text) ? null : wrong(n, `${n}应为 14 位数字`);
    case 'listCode':
      return /^[0-9A-Z]{18}[1-5][0-9A-Z]*$/.test(text.toUpperCase()) && text.length <= 64
        ? null
        : wrong(n, `${n}应为实施机构统一社会信用代码（18 位）加第 19 位 1–5 开头的清单序号`);
    case 'division':
      return /^\d{6}$/.test(text) ? null : wrong(n, `${n}应为 6 位数字`);
    case 'amount':
      return /^\d{1,12}(\.\d{1,6})?$/.test(text) ? null : wrong(n, `${n}应为不小于 0 的数字（万元）`);
    case 'inspectors': {
      const list = parseInspectors(text);
      if (!list) return wrong(n, `${n}应写为“姓名:执法证号”，多人以分号分隔`);
      if (list.length < 2) return wrong(n, `${n}至少 2 人（行政检查须由两名以上执法人员实施）`);
      const unknown = list.filter((i) => !facts.certificates.has(i.执法证号));
      if (unknown.length)
        return wrong(n, `执法证号 ${unknown.map((i) => i.执法证号).join('、')} 不在执法检查人员名录库中`);
      return null;
    }
    default:
      return null;
  }
}

/** Cross-field rules: the implementation list belongs to the implementer, the report follows the inspection, … */
function crossRules(kind: RecordKind, r: Record<string, string>, facts: RegisterFacts): RecordProblem[] {
  const out: RecordProblem[] = [];
  const listCode = r['监管事项检查实施清单编码'];
  if (listCode && r['实施机构编码'] && listCode.slice(0, 18).toUpperCase() !== r['实施机构编码'].toUpperCase())
    out.push(
      wrong('监管事项检查实施清单编码', '监管事项检查实施清单编码的前 18 位应为实施机构编码（统一社会信用代码）'),
    );
  if (kind === '行政检查' && r['报送时间'] && r['检查时间'] && validDate(r['报送时间']) && validDate(r['检查时间']))
    if (comparableTime(r['报送时间']) <= comparableTime(r['检查时间']))
      out.push(wrong('报送时间', '报送时间应晚于检查时间'));
  if (r['计划结束日期'] && r['计划开始日期'] && r['计划结束日期'] < r['计划开始日期'])
    out.push(wrong('计划结束日期', '计划结束日期不能早于计划开始日期'));
  if (r['解除日期'] && r['实施日期'] && r['解除日期'] < r['实施日期'])
    out.push(wrong('解除日期', '解除日期不能早于实施日期'));
  const code = r['行政相对人编码'];
  if (code !== undefined && r['证件类型']) {
    const organisation = r['行政相对人性质'] !== '公民';
    if (organisation && r['证件类型'] !== '001')
      out.push(wrong('证件类型', '法人和其他组织的证件类型应为 001（统一社会信用代码）'));
    if (r['证件类型'] === '001') {
      const check = checkUscc(code.toUpperCase());
      if (!check.valid) out.push(wrong('行政相对人编码', `行政相对人编码未通过统一社会信用代码校验：${check.reason}`));
    } else if (r['证件类型'] === '111') {
      const problem = idCardProblem(code.toUpperCase());
      if (problem) out.push(wrong('行政相对人编码', `行政相对人编码：${problem}`));
    }
  }
  const uscc =
    kind === '监管对象' || kind === '信用信息' ? r['统一社会信用代码'] : r['证件类型'] === '001' ? code : undefined;
  const name = kind === '监管对象' || kind === '信用信息' ? r['主体名称'] : r['行政相对人'];
  const registered = uscc ? facts.subjectNames.get(uscc.toUpperCase()) : undefined;
  if (registered !== undefined && name && registered !== name)
    out.push({
      field: kind === '监管对象' || kind === '信用信息' ? '主体名称' : '行政相对人',
      problem: '报送不一致',
      message: `${name}与监管对象名录库中代码 ${uscc!.toUpperCase()} 的名称“${registered}”不一致`,
    });
  return out;
}

/**
 * Validates one record of a kind against the field specification and the registers: required fields, formats
 * (统一社会信用代码 check digit, 14-digit catalog code, the implementation list of the implementer, dates,
 * enumerations), ≥ 2 inspectors known in the register, 报送时间 after 检查时间, the subject's name against the register.
 * A delete (操作 d) needs only the key. Every problem names its field.
 */
export function validateRecord(
  kind: RecordKind,
  raw: unknown,
  facts: RegisterFacts,
): { record: CleanRecord; key: string; operation: Operation; problems: RecordProblem[] } {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const problems: RecordProblem[] = [];
  const record: CleanRecord = {};
  if (!input) return { record, key: '', operation: 'i', problems: [wrong(null, '记录应为 JSON 对象')] };
  const specs = kindFields[kind];
  const known = new Set(specs.map((s) => s.name));
  const extra = Object.keys(input).filter((k) => !known.has(k));
  if (extra.length) problems.push(wrong(extra[0]!, `不认识的字段：${extra.join('、')}（字段名见接口说明）`));
  const key = textOf(input[KEY_FIELD]) ?? '';
  const operation = (textOf(input[OPERATION_FIELD]) ?? '') as Operation;
  const deleting = operation === 'd';
  const flat: Record<string, string> = {};
  for (const spec of specs) {
    const value = input[spec.name];
    if (spec.type === 'inspectors' && Array.isArray(value)) {
      const list = parseInspectors(value);
      flat[spec.name] = list ? list.map((i) => `${i.姓名}:${i.执法证号}`).join(';') : '?';
    } else {
      const text = textOf(value);
      if (text === null) {
        problems.push(wrong(spec.name, `${spec.name}应为文字或数字`));
        continue;
      }
      flat[spec.name] = spec.type === 'uscc' || spec.type === 'listCode' ? text.toUpperCase() : text;
    }
    const text = flat[spec.name]!;
    if (text === '') {
      if (spec.required && (!deleting || spec.name === KEY_FIELD))
        problems.push(wrong(spec.name, `请填写${spec.name}`));
      continue;
    }
    if (deleting && spec.name !== KEY_FIELD && spec.name !== OPERATION_FIELD) continue;
    const problem = checkValue(spec, text, facts);
    if (problem) problems.push(problem);
  }
  if (key && !/^[\x21-\x7E]+$/.test(key)) problems.push(wrong(KEY_FIELD, '主键只能含字母、数字和符号'));
  if (!deleting && problems.length === 0) problems.push(...crossRules(kind, flat, facts));
  for (const [name, text] of Object.entries(flat))
    record[name] =
      kindFields[kind].find((s) => s.name === name)?.type === 'inspectors' ? (parseInspectors(text) ?? []) : text;
  return { record, key, operation, problems };
}
