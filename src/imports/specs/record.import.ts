import type { Actor } from '../../auth/actor';
import type { Permission } from '../../auth/permissions';
import type { AuditAction } from '../../audit/audit-labels';
import {
  importSender,
  licenceFieldNames,
  penaltyFieldNames,
  registrationFieldNames,
  storeImportedRecords,
  taskLinkProblem,
  validateRecord,
} from '../../records/record-bulk.service';
import type { RecordInputOf, RecordType } from '../../records/record.schemas';
import {
  counterpartCategories,
  decisionStatuses,
  licenceCategories,
  penaltyCategories,
  registrationEvents,
} from '../../records/record.schemas';
import type { Sender } from '../../records/record-store.service';
import { subjectKinds } from '../../subjects/subject.schemas';
import { type CellParser, codeCell, dateCell, listCell, oneOfCell, yesNoCell } from '../cell-parsers';
import { defineImport, type ImportColumn } from '../import-spec';

/**
 * The three kinds of received records as batch files (登记注册信息, 行政许可信息, 行政处罚信息), with the national
 * 双公示 data items as Chinese column headers. Each row goes through the records intake's own validation and store
 * (src/records), exactly as a record sent through the API: keyed by 业务系统记录编号 within the importer's department,
 * so importing the same file again changes nothing (every row unchanged).
 */
interface ColumnDef {
  parse?: CellParser;
  required?: boolean;
  help: string;
  example: string;
  width?: number;
}

const columnsOf = (names: Record<string, string>, defs: Record<string, ColumnDef>): ImportColumn[] =>
  Object.entries(defs).map(([field, def]) => ({ header: names[field]!, field, ...def }));

const idColumn: ColumnDef = {
  required: true,
  width: 22,
  example: 'DJ2026110200001',
  help: '本部门业务系统中这条记录的编号（同一文件内不得重复）；再次导入同一编号：内容相同不变，内容变化记为新版本',
};
const usccColumn = (example: string, help: string): ColumnDef => ({ parse: codeCell, width: 22, example, help });
const oneOf = (values: readonly string[]) => oneOfCell(values);

const registrationColumns = columnsOf(registrationFieldNames, {
  senderRecordId: idColumn,
  event: { required: true, parse: oneOf(registrationEvents), example: '设立', help: '设立 / 变更 / 注销' },
  uscc: { ...usccColumn('91371102MA3CXXXXXX', '18 位，按 GB 32100 校验'), required: true },
  name: { required: true, width: 30, example: '日照海悦餐饮管理有限公司', help: '登记的名称' },
  subjectKind: { required: true, parse: oneOf(subjectKinds), example: '企业', help: subjectKinds.join(' / ') },
  legalRepresentative: { required: true, example: '王海', help: '法定代表人、负责人或经营者' },
  businessScope: { required: true, width: 40, example: '餐饮服务；食品销售', help: '登记的经营范围全文' },
  industryCodes: {
    parse: listCell,
    example: '6210',
    help: 'GB/T 4754-2017 大类、中类或小类代码，多个用逗号分隔',
  },
  divisionCode: { required: true, parse: codeCell, example: '371102001', help: '所属街镇的行政区划代码（6 或 9 位）' },
  address: { required: true, width: 30, example: '日照市东港区海曲东路 1 号', help: '住所或经营场所' },
  registeredOn: { required: true, parse: dateCell, example: '2026-11-02', help: 'YYYY-MM-DD' },
  registrationAuthority: { required: true, example: '日照市市场监督管理局', help: '登记机关名称' },
  priorApproval: { parse: yesNoCell, example: '否', help: '是 / 否，空为否' },
});

const counterpartColumns = (names: typeof licenceFieldNames | typeof penaltyFieldNames) => ({
  senderRecordId: idColumn,
  counterpartCategory: {
    required: true,
    parse: oneOf(counterpartCategories),
    example: '法人及非法人组织',
    help: counterpartCategories.join(' / '),
  },
  counterpartName: { required: true, width: 30, example: '日照海悦餐饮管理有限公司', help: '名称或姓名' },
  uscc: usccColumn('91371102MA3CXXXXXX', '18 位，按 GB 32100 校验；只有自然人可以不填'),
  legalRepresentative: { example: '王海', help: '法人及非法人组织必填' },
  idNumber: {
    parse: codeCell,
    width: 22,
    example: '',
    help: `${names.idNumber.replace(/（.*）/, '')}：行政相对人为自然人时必填，18 位；加密保存，只显示脱敏形式，不公示`,
  },
});
const decisionBodyColumns = {
  decidedOn: { required: true, parse: dateCell, example: '2026-11-05', help: 'YYYY-MM-DD' },
  authorityName: { required: true, width: 24, example: '日照市行政审批服务局', help: '作出决定的机关' },
  authorityUscc: { ...usccColumn('11371100MB0000000X', '决定机关的统一社会信用代码'), required: true },
  sourceUnitName: { required: true, width: 24, example: '日照市行政审批服务局', help: '报送数据的单位' },
  sourceUnitUscc: { ...usccColumn('11371100MB0000000X', '数据来源单位的统一社会信用代码'), required: true },
  status: { parse: oneOf(decisionStatuses), example: '有效', help: `${decisionStatuses.join(' / ')}，空为有效` },
};

const licenceColumns = columnsOf(licenceFieldNames, {
  ...counterpartColumns(licenceFieldNames),
  decisionDocName: { required: true, width: 24, example: '食品经营许可决定书', help: '决定文书的名称' },
  decisionDocNo: { required: true, width: 24, example: '日审批食许〔2026〕118号', help: '决定文书号' },
  category: { required: true, parse: oneOf(licenceCategories), example: '普通', help: licenceCategories.join(' / ') },
  certificateName: { width: 20, example: '食品经营许可证', help: '未发证可空' },
  certificateNo: { width: 20, example: 'JY13711020012345', help: '填写证书名称时必填' },
  content: { required: true, width: 30, example: '预包装食品销售；热食类食品制售', help: '许可内容' },
  validFrom: { required: true, parse: dateCell, example: '2026-11-05', help: 'YYYY-MM-DD' },
  validTo: { parse: dateCell, example: '2031-11-04', help: 'YYYY-MM-DD，不早于有效期自；长期有效可空' },
  ...decisionBodyColumns,
  approvalItemCode: { example: '', help: '双告知目录中的审批事项编码，可空' },
  appliedOn: { parse: dateCell, example: '2026-10-28', help: 'YYYY-MM-DD，不晚于决定日期；可空' },
});

const penaltyColumns = columnsOf(penaltyFieldNames, {
  ...counterpartColumns(penaltyFieldNames),
  decisionDocNo: { required: true, width: 24, example: '日市监罚〔2026〕56号', help: '行政处罚决定书文号' },
  violationType: { required: true, width: 20, example: '销售过期食品', help: '违法行为类型' },
  violationFacts: { required: true, width: 40, example: '当事人经营超过保质期的预包装食品 12 件', help: '违法事实' },
  legalBasis: { required: true, width: 30, example: '《中华人民共和国食品安全法》第一百二十四条', help: '处罚依据' },
  categories: {
    required: true,
    parse: listCell,
    example: '警告,罚款',
    help: `${penaltyCategories.join('、')}中的一个或多个，用逗号分隔`,
  },
  content: { required: true, width: 30, example: '警告，并处罚款 0.5 万元', help: '处罚内容' },
  fineAmount: { example: '0.5', help: '万元，不小于 0，最多 6 位小数；处罚类别含罚款时必填' },
  confiscatedAmount: { example: '', help: '万元，不小于 0；可空' },
  licenceAffected: { width: 24, example: '', help: '暂扣或吊销许可证件时必填' },
  ...decisionBodyColumns,
  authorityName: { ...decisionBodyColumns.authorityName, example: '日照市市场监督管理局' },
  publicityUntil: { required: true, parse: dateCell, example: '2027-11-04', help: 'YYYY-MM-DD，不早于决定日期' },
  taskNo: { example: '', help: '处罚源于检查发现的问题时填写该检查任务的编号，可空' },
});

interface Context {
  sender: Sender;
}

function recordImport<T extends RecordType>(
  type: T,
  kind: string,
  title: string,
  columns: ImportColumn[],
  names: Record<string, string>,
  permission: Permission,
  action: AuditAction,
) {
  return defineImport<RecordInputOf[T], Context, unknown>({
    kind,
    title,
    permission,
    audit: { action },
    columns,
    keyField: 'senderRecordId',
    prepare: async (_db, actor: Actor | null) => ({ sender: importSender(actor, type) }),
    async validate(record, _context, _present, trx) {
      const validated = validateRecord(type, record);
      if ('problems' in validated)
        return { problems: validated.problems.map((p) => ({ ...p, field: names[p.field] ?? p.field })) };
      const taskNo = (validated.value as { taskNo?: string | null }).taskNo;
      if (taskNo) {
        const problem = await taskLinkProblem(trx, taskNo, (validated.value as { uscc: string | null }).uscc);
        if (problem) return { problems: [{ field: names['taskNo']!, message: problem }] };
      }
      return validated;
    },
    upsert: (trx, batch, ctx) =>
      storeImportedRecords(trx, { ...ctx.deps, clock: { now: () => ctx.now } }, ctx.context.sender, type, batch),
  });
}

export const registrationImport = recordImport(
  'registration',
  'business-registrations',
  '登记注册信息',
  registrationColumns,
  registrationFieldNames,
  'records:registration:write',
  'import.business_registrations',
);
export const licenceImport = recordImport(
  'licence',
  'licence-records',
  '行政许可信息',
  licenceColumns,
  licenceFieldNames,
  'records:licence:write',
  'import.licence_records',
);
export const penaltyImport = recordImport(
  'penalty',
  'penalty-records',
  '行政处罚信息',
  penaltyColumns,
  penaltyFieldNames,
  'records:penalty:write',
  'import.penalty_records',
);
