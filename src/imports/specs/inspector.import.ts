import { departmentFilter } from '../../auth/actor';
import { departmentList } from '../../departments/department.service';
import {
  certificateDepartments,
  exportInspectorsAfter,
  upsertInspectorBatch,
} from '../../inspectors/inspector-bulk.service';
import { samplingItemCodes } from '../../items/sampling-item.service';
import type { FieldProblem } from '../../shared/app-error';
import { chinaDate } from '../../shared/china-date';
import {
  inspectorFields,
  inspectorListQuery,
  inspectorStatuses,
  type InspectorUpdate,
  inspectorUpdate,
} from '../../inspectors/inspector.schemas';
import { samplingQualificationProblem } from '../../inspectors/inspector.service';
import type { InspectorTable } from '../../inspectors/inspector.table';
import { maskIdCard } from '../../users/id-card';
import { type CellParser, cellText, codeCell, dateCell, listCell, oneOfCell } from '../cell-parsers';
import { defineImport, type ImportColumn } from '../import-spec';
import { changedColumns, countWritten, rowsById } from '../spec-helpers';

const intCell: CellParser = (cell) => {
  const n = Number(cellText(cell));
  return Number.isInteger(n) ? { value: n } : { problem: `应为整数：${cellText(cell)}` };
};

const columns: ImportColumn[] = [
  {
    header: '执法证号',
    field: 'certificateNo',
    required: true,
    parse: codeCell,
    width: 22,
    example: '鲁日执字第0100001号',
    help: '按此证号新增或更新（同一文件内不得重复）',
  },
  { header: '姓名', field: 'name', required: true, example: '王伟', help: '2–30 个字' },
  {
    header: '所属部门',
    field: 'department',
    required: true,
    width: 22,
    example: '市市场监督管理局',
    help: '平台中已有的部门全称；部门管理员只能导入本部门人员',
  },
  {
    header: '身份证号',
    field: 'idCard',
    parse: codeCell,
    width: 22,
    example: '',
    help: '18 位，按 GB 11643 校验，只保存脱敏形式；新增人员必填，更新时留空表示不修改（导出文件不含此列内容）',
  },
  { header: '手机号', field: 'phone', required: true, example: '13906330001', help: '11 位手机号或带区号的固定电话' },
  {
    header: '发证日期',
    field: 'certificateIssuedOn',
    required: true,
    parse: dateCell,
    example: '2023-01-01',
    help: 'YYYY-MM-DD，不晚于今天',
  },
  {
    header: '有效期至',
    field: 'certificateValidUntil',
    required: true,
    parse: dateCell,
    example: '2028-01-01',
    help: 'YYYY-MM-DD，不早于发证日期',
  },
  {
    header: '执法领域',
    field: 'fields',
    required: true,
    parse: listCell,
    width: 20,
    example: '市场监管',
    help: `${inspectorFields.join('、')}中的一个或多个，用逗号分隔`,
  },
  {
    header: '抽查事项资格',
    field: 'qualifiedSamplingItemCodes',
    parse: listCell,
    width: 20,
    example: '',
    help: '随机抽查事项编码，多个用逗号分隔，可空',
  },
  {
    header: '状态',
    field: 'status',
    parse: oneOfCell(inspectorStatuses),
    example: '在岗',
    help: '在岗 / 停用，空为在岗',
  },
  { header: '每月可承担次数', field: 'capacityPerMonth', parse: intCell, example: '20', help: '1–200 的整数，空为 20' },
];
const headerOf = new Map(columns.map((c) => [c.field, c.header]));
headerOf.set('departmentId', '所属部门');

/** Stored columns an imported field sets: an update changes only the columns of fields present in the file. */
const storedColumns: Record<string, (keyof InspectorTable)[]> = {
  name: ['name'],
  department: ['department_id'],
  phone: ['phone'],
  certificateIssuedOn: ['certificate_issued_on'],
  certificateValidUntil: ['certificate_valid_until'],
  fields: ['fields'],
  qualifiedSamplingItemCodes: ['qualified_sampling_item_codes'],
  status: ['status'],
  capacityPerMonth: ['capacity_per_month'],
};

interface Context {
  departments: Map<string, number>;
  /** Departments the importer may write (null = all). */
  scope: number | null;
  /** Existing certificate numbers and the department that holds each. */
  existing: Map<string, number>;
  /** Codes of the sampling items that exist, for 抽查事项资格. */
  samplingItemCodes: Set<string>;
  today: string;
}
interface InspectorImport {
  input: InspectorUpdate;
  idCardMasked: string;
}

function validate(
  record: Record<string, unknown>,
  ctx: Context,
): { value: InspectorImport } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const departmentId = ctx.departments.get(String(record['department'] ?? ''));
  if (departmentId === undefined)
    problems.push({ field: '所属部门', message: `平台中没有部门“${String(record['department'] ?? '')}”` });
  const parsed = inspectorUpdate.safeParse({ ...record, departmentId: departmentId ?? 1, userId: null });
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => ({
        field: headerOf.get(String(i.path[0])) ?? String(i.path[0]),
        message: i.message,
      })),
    );
    return { problems };
  }
  const input = parsed.data;
  const held = ctx.existing.get(input.certificateNo);
  if (
    ctx.scope !== null &&
    ((departmentId !== undefined && departmentId !== ctx.scope) || (held !== undefined && held !== ctx.scope))
  ) {
    problems.push({ field: '所属部门', message: '只能导入本部门的执法检查人员' });
  }
  if (held === undefined && !input.idCard) problems.push({ field: '身份证号', message: '新增人员须填写身份证号' });
  if (input.certificateIssuedOn > ctx.today) problems.push({ field: '发证日期', message: '发证日期不能晚于今天' });
  if (input.certificateValidUntil < input.certificateIssuedOn)
    problems.push({ field: '有效期至', message: '有效期至不能早于发证日期' });
  const unknownCodes = input.qualifiedSamplingItemCodes.filter((c) => !ctx.samplingItemCodes.has(c));
  if (unknownCodes.length) problems.push({ ...samplingQualificationProblem(unknownCodes), field: '抽查事项资格' });
  return problems.length
    ? { problems }
    : { value: { input, idCardMasked: input.idCard ? maskIdCard(input.idCard) : '' } };
}

/** 执法检查人员名录库: keyed by 执法证号; department scope as on the register page. */
export const inspectorImport = defineImport({
  kind: 'inspectors',
  title: '执法检查人员',
  permission: 'registry:inspector:write',
  audit: { action: 'import.inspectors' },
  columns,
  keyField: 'certificateNo',
  async prepare(db, actor) {
    const departments = (await departmentList(db)).filter((d) => d.status === 'active');
    return {
      departments: new Map(departments.map((d) => [d.name, d.id])),
      scope: actor ? departmentFilter(actor, 'registry:inspector:write') : null,
      existing: await certificateDepartments(db),
      samplingItemCodes: new Set(await samplingItemCodes(db)),
      today: chinaDate(new Date()),
    } satisfies Context;
  },
  validate,
  async upsert(trx, batch: readonly InspectorImport[], { present, now }) {
    const changed = changedColumns(present, storedColumns);
    const rows = batch.map(({ input, idCardMasked }) => ({
      name: input.name,
      id_card_masked: idCardMasked,
      phone: input.phone,
      department_id: input.departmentId,
      user_id: null,
      certificate_no: input.certificateNo,
      certificate_issued_on: input.certificateIssuedOn,
      certificate_valid_until: input.certificateValidUntil,
      fields: input.fields,
      qualified_sampling_item_codes: input.qualifiedSamplingItemCodes,
      status: input.status,
      capacity_per_month: input.capacityPerMonth,
      created_at: now,
      updated_at: now,
    }));
    const written = await upsertInspectorBatch(trx, rows, changed);
    return countWritten(written, batch.length);
  },
  export: {
    permission: 'registry:inspector:read',
    listPath: '/api/inspectors',
    query: inspectorListQuery,
    async *rows(db, actor, query) {
      // The same filters as the list page (name/证号, department, field, status, certificate state), within the actor's scope.
      const scope = actor ? departmentFilter(actor, 'registry:inspector:read') : null;
      const today = chinaDate(new Date());
      const inspectors = rowsById((after) => exportInspectorsAfter(db, query, scope, today, after));
      for await (const r of inspectors) {
        yield [
          r.certificate_no,
          r.name,
          r.department_name,
          '',
          r.phone,
          r.certificate_issued_on,
          r.certificate_valid_until,
          r.fields.join(','),
          r.qualified_sampling_item_codes.join(','),
          r.status,
          r.capacity_per_month,
        ];
      }
    },
  },
});
