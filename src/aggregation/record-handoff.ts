import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { receiveFromSystem } from '../complaints/complaint-intake.service';
import { systemIntakeInput } from '../complaints/complaint-intake.schemas';
import { receiveCreditRecords } from '../credit-records/credit-record-receive.service';
import { inspectorCreate } from '../inspectors/inspector.schemas';
import { createInspector } from '../inspectors/inspector.service';
import { receiveRecords } from '../records/record-receive.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { subjectInput } from '../subjects/subject.schemas';
import { createSubject } from '../subjects/subject.service';
import type { BatchChannel } from './aggregation.table';
import type { RecordKind } from './aggregation-fields';
import type { CleanRecord, RecordProblem } from './record-validation';

/** What became of a record handed to the register that holds its kind. */
export type HandOff = { ref: string | null } | { problems: RecordProblem[] };

type Fields = Record<string, string>;
const s = (r: CleanRecord, name: string): string => (typeof r[name] === 'string' ? (r[name] as string) : '');
const list = (text: string) =>
  text
    .split(/[;；、]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** The register's field (English key) → the national Chinese field name the department sent. */
const penaltyNames: Fields = {
  senderRecordId: '主键',
  counterpartCategory: '行政相对人类别',
  counterpartName: '行政相对人名称',
  uscc: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  idNumber: '证件号码',
  decisionDocNo: '行政处罚决定书文号',
  violationType: '违法行为类型',
  violationFacts: '违法事实',
  legalBasis: '处罚依据',
  categories: '处罚类别',
  content: '处罚内容',
  fineAmount: '罚款金额（万元）',
  confiscatedAmount: '没收违法所得、没收非法财物的金额（万元）',
  licenceAffected: '暂扣或吊销证照名称及编号',
  decidedOn: '处罚决定日期',
  publicityUntil: '公示截止期',
  authorityName: '处罚机关',
  authorityUscc: '处罚机关统一社会信用代码',
  sourceUnitName: '数据来源单位',
  sourceUnitUscc: '数据来源单位统一社会信用代码',
};
const creditNames: Fields = {
  senderRecordId: '主键',
  uscc: '统一社会信用代码',
  subjectName: '主体名称',
  kind: '记录类别',
  departmentName: '认定部门',
  decidedOn: '认定日期',
  title: '事由',
  detail: '详情',
  basisDocNo: '依据文号',
};
const subjectNames: Fields = {
  uscc: '统一社会信用代码',
  name: '主体名称',
  kind: '主体类型',
  legalRepresentative: '法定代表人',
  divisionCode: '行政区划代码',
  registeredAddress: '注册地址',
  businessAddress: '经营地址',
  businessScope: '经营范围',
  registrationDate: '成立日期',
};
const inspectorNames: Fields = {
  name: '姓名',
  idCard: '证件号码',
  phone: '联系电话',
  certificateNo: '执法证号',
  certificateIssuedOn: '发证日期',
  certificateValidUntil: '有效期至',
  fields: '执法领域',
};
const complaintNames: Fields = {
  externalTicket: '主键',
  kind: '类别',
  matterCode: '投诉举报事项编码',
  subject: '被投诉举报对象名称',
  title: '标题',
  content: '反映的问题',
  occurredOn: '发生日期',
  anonymous: '是否匿名',
  complainant: '投诉举报人姓名',
};

/** The register's input: a field left empty is left out (the register's own default applies). */
const mapped = (names: Fields, r: CleanRecord, lists: string[] = []) =>
  Object.fromEntries(
    Object.entries(names)
      .filter(([, name]) => s(r, name) !== '')
      .map(([key, name]) => [key, lists.includes(key) ? list(s(r, name)) : s(r, name)]),
  );

const problemsOf = (names: Fields, errors: { field: string; message: string }[]): RecordProblem[] =>
  errors.map((e) => ({ field: names[e.field.split('.')[0]!] ?? null, problem: '报送错误', message: e.message }));

function zodProblems(names: Fields, error: z.ZodError): RecordProblem[] {
  return problemsOf(
    names,
    error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
  );
}

/** A refusal by the register's service (its rules, or the account lacking the register's permission) as problems. */
function refusal(names: Fields, error: unknown): RecordProblem[] {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'FORBIDDEN')
    return [{ field: null, problem: '报送错误', message: `报送账号无权向该名录库登记：${error.message}` }];
  const details = Array.isArray(error.details) ? (error.details as { field: string; message: string }[]) : [];
  return details.length ? problemsOf(names, details) : [{ field: null, problem: '报送错误', message: error.message }];
}

const recordChannel = (c: BatchChannel) => (c === '批量文件' ? '批量' : c === '在线填报' ? '在线' : '接口');

async function handPenalty(deps: AppDeps, actor: Actor, r: CleanRecord, channel: BatchChannel): Promise<HandOff> {
  const body = mapped(penaltyNames, r, ['categories']);
  const answer = await receiveRecords(deps, actor, 'penalty', [body], recordChannel(channel));
  const one = answer.results[0]!;
  if (one.outcome === 'refused') return { problems: problemsOf(penaltyNames, one.errors) };
  return { ref: String(one.id) };
}

async function handCredit(deps: AppDeps, actor: Actor, r: CleanRecord, channel: BatchChannel): Promise<HandOff> {
  const body = mapped(creditNames, r);
  const answer = await receiveCreditRecords(deps, actor, [body], recordChannel(channel));
  const one = answer.results[0]!;
  if (one.outcome === 'refused') return { problems: problemsOf(creditNames, one.errors) };
  return { ref: one.recordNo };
}

async function handSubject(deps: AppDeps, actor: Actor, r: CleanRecord, known: boolean): Promise<HandOff> {
  // A subject the register holds stays as the register keeps it (its name was checked against the register).
  if (known) return { ref: s(r, '统一社会信用代码') };
  const parsed = subjectInput.safeParse(mapped(subjectNames, r));
  if (!parsed.success) return { problems: zodProblems(subjectNames, parsed.error) };
  try {
    return { ref: String((await createSubject(deps, actor, parsed.data)).id) };
  } catch (error) {
    return { problems: refusal(subjectNames, error) };
  }
}

async function handInspector(deps: AppDeps, actor: Actor, r: CleanRecord, known: boolean): Promise<HandOff> {
  if (known) return { ref: s(r, '执法证号') };
  const parsed = inspectorCreate.safeParse({
    ...mapped(inspectorNames, r, ['fields']),
    departmentId: actor.departmentId,
  });
  if (!parsed.success) return { problems: zodProblems(inspectorNames, parsed.error) };
  try {
    return { ref: String((await createInspector(deps, actor, parsed.data)).id) };
  } catch (error) {
    return { problems: refusal(inspectorNames, error) };
  }
}

async function handComplaint(deps: AppDeps, actor: Actor, r: CleanRecord, deptCode: string): Promise<HandOff> {
  const anonymous = s(r, '是否匿名') === '是';
  const parsed = systemIntakeInput.safeParse({
    channel: '互联网+监管',
    externalTicket: `${deptCode}-${s(r, '主键')}`,
    kind: s(r, '类别'),
    matterCode: s(r, '投诉举报事项编码'),
    subject: { name: s(r, '被投诉举报对象名称'), address: s(r, '被投诉举报对象地址') },
    title: s(r, '标题'),
    content: s(r, '反映的问题'),
    occurredOn: s(r, '发生日期') || undefined,
    anonymous,
    complainant: anonymous ? undefined : { name: s(r, '投诉举报人姓名'), phone: s(r, '投诉举报人电话') },
  });
  if (!parsed.success) return { problems: zodProblems(complaintNames, parsed.error) };
  try {
    return { ref: (await receiveFromSystem(deps, actor, parsed.data)).ticketNo };
  } catch (error) {
    return { problems: refusal(complaintNames, error) };
  }
}

/**
 * Hands a valid record to the capability that keeps its kind (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十五条的
 * 监管对象、执法人员、行政处罚、投诉举报、信用信息), through that capability's own service and rules: its refusal
 * becomes the record's problems. The kinds without a register (监管计划、行政检查、行政强制、其他监管行为) stay in
 * the 监管行为信息库 of this capability.
 */
export async function handOff(
  deps: AppDeps,
  actor: Actor,
  kind: RecordKind,
  record: CleanRecord,
  context: { channel: BatchChannel; departmentCode: string; knownInRegister: boolean },
): Promise<HandOff> {
  try {
    return await handTo(deps, actor, kind, record, context);
  } catch (error) {
    return { problems: refusal({}, error) };
  }
}

function handTo(
  deps: AppDeps,
  actor: Actor,
  kind: RecordKind,
  record: CleanRecord,
  context: { channel: BatchChannel; departmentCode: string; knownInRegister: boolean },
): Promise<HandOff> {
  switch (kind) {
    case '行政处罚':
      return handPenalty(deps, actor, record, context.channel);
    case '信用信息':
      return handCredit(deps, actor, record, context.channel);
    case '监管对象':
      return handSubject(deps, actor, record, context.knownInRegister);
    case '执法人员':
      return handInspector(deps, actor, record, context.knownInRegister);
    case '投诉举报':
      return handComplaint(deps, actor, record, context.departmentCode);
    default:
      return Promise.resolve({ ref: null });
  }
}
