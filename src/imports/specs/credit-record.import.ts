import type { Actor } from '../../auth/actor';
import {
  creditFieldNames,
  creditImporter,
  type CreditImporter,
  removalProblem,
  storeImportedCreditRecords,
  validateCreditRecord,
} from '../../credit-records/credit-record-bulk.service';
import { type CreditRecordInput, creditSeverities } from '../../credit-records/credit-record.schemas';
import { externalKinds } from '../../credit-records/credit-record-fields';
import { codeCell, dateCell, oneOfCell } from '../cell-parsers';
import { defineImport, type ImportColumn } from '../import-spec';

/**
 * Credit records as a batch file (经营异常名录、严重违法失信名单 的列入与移出, 年报未报, 违反告知承诺, 表彰奖励,
 * 投诉举报属实). Each row goes through the credit records' own validation and store (src/credit-records), as a
 * record sent through `POST /api/credit/records`: keyed by 业务系统记录编号 within the importer's department.
 */
const n = creditFieldNames;
const columns: ImportColumn[] = [
  {
    header: n.senderRecordId,
    field: 'senderRecordId',
    required: true,
    width: 22,
    example: 'YC2026100001',
    help: '本部门业务系统中这条记录的编号；再次导入同一编号：内容相同不变，内容变化记为新版本；移出时填列入时的编号',
  },
  {
    header: n.action,
    field: 'action',
    parse: oneOfCell(['列入', '移出']),
    example: '列入',
    help: '列入 / 移出，空为列入',
  },
  {
    header: n.uscc,
    field: 'uscc',
    required: true,
    parse: codeCell,
    width: 22,
    example: '91371102MA3CXXXXXX',
    help: '18 位，按 GB 32100 校验',
  },
  {
    header: n.subjectName,
    field: 'subjectName',
    required: true,
    width: 30,
    example: '日照海悦餐饮管理有限公司',
    help: '市场主体名称',
  },
  {
    header: n.kind,
    field: 'kind',
    required: true,
    parse: oneOfCell(externalKinds),
    example: '经营异常名录',
    help: externalKinds.join(' / '),
  },
  {
    header: n.severity,
    field: 'severity',
    parse: oneOfCell(creditSeverities),
    example: '',
    help: `${creditSeverities.join(' / ')}，空按类别默认`,
  },
  {
    header: n.departmentName,
    field: 'departmentName',
    required: true,
    width: 24,
    example: '日照市市场监督管理局',
    help: '作出认定的部门',
  },
  {
    header: n.decidedOn,
    field: 'decidedOn',
    required: true,
    parse: dateCell,
    example: '2026-10-15',
    help: 'YYYY-MM-DD',
  },
  {
    header: n.title,
    field: 'title',
    required: true,
    width: 30,
    example: '通过登记的住所或者经营场所无法联系',
    help: '列入事由或记录标题',
  },
  { header: n.detail, field: 'detail', width: 40, example: '', help: '可空' },
  {
    header: n.countsUntil,
    field: 'countsUntil',
    parse: dateCell,
    example: '',
    help: 'YYYY-MM-DD，不早于认定日期；空为直到移出或撤销',
  },
  {
    header: n.basisDocNo,
    field: 'basisDocNo',
    width: 24,
    example: '日市监异〔2026〕15号',
    help: '认定决定的文号，可空',
  },
  { header: n.removedOn, field: 'removedOn', parse: dateCell, example: '', help: '移出时必填，YYYY-MM-DD' },
  { header: n.removalReason, field: 'removalReason', width: 24, example: '', help: '移出时填写，可空' },
];
const names: Record<string, string> = n;

export const creditRecordImport = defineImport<CreditRecordInput, CreditImporter, unknown>({
  kind: 'credit-records',
  title: '信用记录',
  permission: 'credit:record:write',
  audit: { action: 'import.credit_records' },
  columns,
  keyField: 'senderRecordId',
  prepare: async (_db, actor: Actor | null) => creditImporter(actor),
  async validate(record, importer, _present, trx) {
    const validated = validateCreditRecord(record);
    if ('problems' in validated)
      return { problems: validated.problems.map((p) => ({ ...p, field: names[p.field] ?? p.field })) };
    const problem = await removalProblem(trx, importer, validated.value);
    if (problem) return { problems: [{ ...problem, field: names[problem.field]! }] };
    return validated;
  },
  upsert: (trx, batch, ctx) => storeImportedCreditRecords(trx, ctx.deps, ctx.now, ctx.context, batch),
});
