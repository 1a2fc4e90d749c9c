import { AppError, type FieldProblem } from '../../shared/app-error';
import { checkUscc } from '../../shared/uscc';
import { exportSubjectsAfter, upsertSubjectBatch } from '../../subjects/subject-bulk.service';
import {
  creditClasses,
  type SubjectImportInput as SubjectInput,
  subjectImportInput as subjectInput,
  subjectKinds,
  subjectListQuery,
  subjectStatuses,
} from '../../subjects/subject.schemas';
import { activeDepartmentNames, subjectValues, validateSubject } from '../../subjects/subject.service';
import { fieldOwnership, type OwnedValues, ownershipProblems } from '../../subjects/subject-field-ownership';
import { ownedValuesLoader } from '../../subjects/subject-bulk.service';
import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import type { SubjectTable } from '../../subjects/subject.table';
import {
  type CellParser,
  codeCell,
  dateCell,
  listCell,
  oneOfCell,
  pairsCell,
  pairsText,
  yesNoCell,
} from '../cell-parsers';
import { defineImport, type ImportColumn } from '../import-spec';
import { importer, listImportedKeyTargets } from '../../key-targets/key-target-import.service';
import { changedColumns, countWritten, rowsById } from '../spec-helpers';

const upperOneOf =
  (allowed: readonly string[]): CellParser =>
  (cell) =>
    oneOfCell(allowed)(String(cell).trim().toUpperCase());

/** The columns of the subject file, in template / export order; `field` names are SubjectInput keys. */
const columns: ImportColumn[] = [
  {
    header: '统一社会信用代码',
    field: 'uscc',
    required: true,
    parse: codeCell,
    width: 22,
    example: '91371102MA3C4XY1XD',
    help: '18 位，按 GB 32100 校验；按此代码新增或更新（同一文件内不得重复）',
  },
  { header: '名称', field: 'name', required: true, width: 30, example: '日照恒信商贸有限公司', help: '2–100 个字' },
  {
    header: '主体类型',
    field: 'kind',
    required: true,
    parse: oneOfCell(subjectKinds),
    width: 12,
    example: '企业',
    help: `${subjectKinds.join('、')}之一`,
  },
  {
    header: '行政区划代码',
    field: 'divisionCode',
    required: true,
    width: 12,
    example: '371102',
    help: '6 位数字，如 371102（东港区）',
  },
  { header: '法定代表人', field: 'legalRepresentative', example: '王伟', help: '可空' },
  {
    header: '注册地址',
    field: 'registeredAddress',
    width: 30,
    example: '山东省日照市东港区海曲路 88 号',
    help: '可空，最多 200 字',
  },
  {
    header: '经营地址',
    field: 'businessAddress',
    width: 30,
    example: '山东省日照市东港区海曲路 88 号',
    help: '可空，最多 200 字',
  },
  { header: '经营范围', field: 'businessScope', width: 30, example: '日用百货零售', help: '可空，最多 2000 字' },
  {
    header: '行业代码',
    field: 'industryCodes',
    parse: listCell,
    example: '5211,5212',
    help: 'GB/T 4754-2017 大类、中类或小类代码，多个用逗号分隔，最多 10 个',
  },
  { header: '成立日期', field: 'registrationDate', parse: dateCell, example: '2018-05-20', help: 'YYYY-MM-DD，可空' },
  {
    header: '登记状态',
    field: 'status',
    parse: oneOfCell(subjectStatuses),
    example: '存续',
    help: `${subjectStatuses.join('、')}之一，空为存续`,
  },
  {
    header: '信用风险分类',
    field: 'creditClass',
    parse: upperOneOf(creditClasses),
    example: '',
    help: '由公共信用综合评价推送，不能在导入中设置；导出文件中的分类原样导回不算修改',
  },
  {
    header: '行业风险',
    field: 'industryRisk',
    parse: pairsCell,
    width: 24,
    example: '市应急管理局:高',
    help: '“部门:等级”，等级为 低、一般、较高、高，多个用分号分隔，可空',
  },
  { header: '白名单', field: 'whitelisted', parse: yesNoCell, example: '否', help: '是 / 否，空为否' },
  {
    header: '重点抽查对象',
    field: 'keyTarget',
    parse: yesNoCell,
    example: '否',
    help: '填“是”时以本部门名义列入重点抽查对象（人工列入）；“否”或空不改变已有列入，解除请在“重点抽查对象”页面写明理由；白名单对象不能同时列为重点抽查对象',
  },
  { header: '重点抽查原因', field: 'keyTargetReason', width: 24, example: '', help: '列为重点抽查对象时必填' },
  { header: '原注册号', field: 'legacyRegNo', parse: codeCell, example: '', help: '15 位数字，可空' },
  {
    header: '保留有疑问代码',
    field: 'keepFlaggedUscc',
    parse: yesNoCell,
    example: '否',
    help: '统一社会信用代码未通过校验、但确认与登记信息一致时填“是”，该对象将标记为代码有疑问',
  },
];
const headerOf = new Map(columns.map((c) => [c.field, c.header]));

/** Stored columns an imported field sets: an update changes only the columns of fields present in the file. */
const storedColumns: Record<string, (keyof SubjectTable)[]> = {
  uscc: ['uscc_problem', 'uscc_kept'],
  keepFlaggedUscc: ['uscc_problem', 'uscc_kept'],
  legacyRegNo: ['legacy_reg_no'],
  name: ['name', 'name_bigrams'],
  kind: ['kind'],
  legalRepresentative: ['legal_representative'],
  divisionCode: ['division_code'],
  registeredAddress: ['registered_address'],
  businessAddress: ['business_address'],
  businessScope: ['business_scope'],
  industryCodes: ['industry_codes', 'industry_scope'],
  registrationDate: ['registration_date'],
  status: ['status'],
  creditClass: ['credit_class'],
  industryRisk: ['industry_risk'],
  whitelisted: ['whitelisted'],
  // 重点抽查对象 lists through src/key-targets (the flag follows the listings), never a column written here.
  keyTarget: [],
  keyTargetReason: [],
};

interface SubjectImport {
  input: SubjectInput;
  usccProblem: string | null;
}

interface Context {
  /** The importer (null on the command line: the server's operator, no field ownership). */
  actor: Actor | null;
  /** Whether the importer maintains the credit class, the whitelist and every department's risk level. */
  ownsAll: boolean;
  departments: Set<string>;
  /** Stored values by USCC, made on the first row that needs one (it reads in the job's transaction). */
  stored: ((uscc: string) => Promise<OwnedValues>) | null;
}

const ownedFields = ['creditClass', 'whitelisted', 'industryRisk'] as const;

/**
 * Field ownership (src/subjects/subject-field-ownership.ts) for one row: a cell that changes a field the
 * importer does not maintain is an error of that row and column; an absent column keeps the stored value.
 * Only when the importer does not own everything is the stored row read (in the job's transaction).
 */
async function ownershipOfRow(
  trx: Db,
  ctx: Context,
  input: SubjectInput,
  present: ReadonlySet<string>,
): Promise<FieldProblem[]> {
  if (!ctx.actor || !ownedFields.some((f) => present.has(f))) return [];
  const stored: OwnedValues = ctx.ownsAll
    ? // Owning everything, only the departments named in the cell are checked (every one must exist).
      { ...input, industryRisk: {} }
    : await (ctx.stored ??= ownedValuesLoader(trx))(input.uscc);
  const after: OwnedValues = {
    creditClass: present.has('creditClass') ? input.creditClass : stored.creditClass,
    whitelisted: present.has('whitelisted') ? input.whitelisted : stored.whitelisted,
    industryRisk: present.has('industryRisk') ? input.industryRisk : stored.industryRisk,
  };
  return ownershipProblems(ctx.actor, stored, after, ctx.departments).map((p) => ({
    field: headerOf.get(p.field) ?? p.field,
    message: p.message,
  }));
}

async function validate(
  record: Record<string, unknown>,
  ctx: Context,
  present: ReadonlySet<string>,
  trx: Db,
): Promise<{ value: SubjectImport } | { problems: FieldProblem[] }> {
  const checked = checkRow(record);
  if ('problems' in checked) return checked;
  const problems = await ownershipOfRow(trx, ctx, checked.value.input, present);
  return problems.length > 0 ? { problems } : checked;
}

function checkRow(record: Record<string, unknown>): { value: SubjectImport } | { problems: FieldProblem[] } {
  const parsed = subjectInput.safeParse(record);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        field: headerOf.get(String(i.path[0])) ?? String(i.path[0]),
        message: i.message,
      })),
    };
  }
  try {
    return { value: { input: parsed.data, usccProblem: validateSubject(parsed.data) } };
  } catch (error) {
    if (!(error instanceof AppError) || !Array.isArray(error.details)) throw error;
    return {
      problems: error.details.map((p) =>
        p.field === 'uscc'
          ? {
              field: headerOf.get('uscc')!,
              message: `统一社会信用代码未通过校验：${(checkUscc(parsed.data.uscc) as { reason: string }).reason}；如确认代码无误，请在“保留有疑问代码”列填“是”`,
            }
          : { field: headerOf.get(p.field) ?? p.field, message: p.message },
      ),
    };
  }
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** 监管对象名录库: keyed by USCC; flagged codes only with 保留有疑问代码 = 是. */
export const subjectImport = defineImport({
  kind: 'subjects',
  title: '监管对象',
  permission: 'registry:subject:write',
  audit: { action: 'import.subjects' },
  columns,
  keyField: 'uscc',
  together: [['whitelisted', 'keyTarget', 'keyTargetReason']],
  prepare: async (db, actor) => {
    const own = actor && fieldOwnership(actor);
    return {
      actor,
      ownsAll: !own || (own.creditClass && own.whitelisted && own.riskDepartments === 'all'),
      departments: await activeDepartmentNames(db),
      stored: null,
    } as Context;
  },
  validate,
  async upsert(trx, batch: readonly SubjectImport[], { present, now, deps, context }) {
    const changed = changedColumns(present, storedColumns);
    const rows = batch.map((b) => ({
      ...subjectValues(b.input, b.usccProblem, now),
      key_target: false,
      key_target_reason: null,
      created_at: now,
    }));
    const written = await upsertSubjectBatch(trx, rows, changed);
    const listed = await listImportedKeyTargets({ trx, deps, now, who: importer(context.actor) }, batch);
    // A row whose only change is a new listing counts as updated.
    const counts = countWritten(written, batch.length);
    const moved = Math.min(listed, counts.unchanged);
    return { ...counts, updated: counts.updated + moved, unchanged: counts.unchanged - moved };
  },
  export: {
    permission: 'registry:subject:read',
    listPath: '/api/subjects',
    query: subjectListQuery,
    async *rows(db, _actor, query) {
      const subjects = rowsById((after) => exportSubjectsAfter(db, query, after));
      for await (const s of subjects) {
        yield [
          s.uscc,
          s.name,
          s.kind,
          s.division_code,
          s.legal_representative,
          s.registered_address,
          s.business_address,
          s.business_scope,
          s.industry_codes.join(','),
          s.registration_date ?? '',
          s.status,
          s.credit_class ?? '',
          pairsText(s.industry_risk),
          yesNo(s.whitelisted),
          yesNo(s.key_target),
          s.key_target_reason ?? '',
          s.legacy_reg_no ?? '',
          yesNo(s.uscc_kept),
        ];
      }
    },
  },
});
