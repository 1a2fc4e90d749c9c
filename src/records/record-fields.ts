/**
 * The Chinese name of every field of a received record: the national 双公示 data items for licences and penalties
 * (行政许可、行政处罚信息数据项), the register's names for registration events. Errors name the field with it, the
 * import files use it as the column header, the pages as the label.
 */
export const registrationFieldNames = {
  senderRecordId: '业务系统记录编号',
  event: '登记类型',
  uscc: '统一社会信用代码',
  name: '市场主体名称',
  subjectKind: '主体类型',
  legalRepresentative: '法定代表人（负责人、经营者）',
  businessScope: '经营范围',
  industryCodes: '行业代码',
  divisionCode: '所属街镇（行政区划代码）',
  address: '住所（经营场所）',
  registeredOn: '登记日期',
  registrationAuthority: '登记机关',
  priorApproval: '涉及前置审批',
} as const;

const counterpartFieldNames = {
  senderRecordId: '业务系统记录编号',
  counterpartCategory: '行政相对人类别',
  counterpartName: '行政相对人名称',
  uscc: '行政相对人统一社会信用代码',
  legalRepresentative: '法定代表人',
  idNumber: '证件号码（自然人）',
} as const;

const decisionBodyFieldNames = {
  decidedOn: '决定日期',
  authorityName: '决定机关',
  authorityUscc: '决定机关统一社会信用代码',
  sourceUnitName: '数据来源单位',
  sourceUnitUscc: '数据来源单位统一社会信用代码',
  status: '当前状态',
} as const;

export const licenceFieldNames = {
  ...counterpartFieldNames,
  decisionDocName: '行政许可决定文书名称',
  decisionDocNo: '行政许可决定文书号',
  category: '许可类别',
  certificateName: '许可证书名称',
  certificateNo: '许可编号',
  content: '许可内容',
  validFrom: '有效期自',
  validTo: '有效期至',
  ...decisionBodyFieldNames,
  authorityName: '许可机关',
  authorityUscc: '许可机关统一社会信用代码',
  approvalItemCode: '审批事项编码',
  appliedOn: '受理日期',
} as const;

export const penaltyFieldNames = {
  ...counterpartFieldNames,
  decisionDocNo: '行政处罚决定书文号',
  violationType: '违法行为类型',
  violationFacts: '违法事实',
  legalBasis: '处罚依据',
  categories: '处罚类别',
  content: '处罚内容',
  fineAmount: '罚款金额（万元）',
  confiscatedAmount: '没收违法所得、没收非法财物的金额（万元）',
  licenceAffected: '暂扣或吊销证照名称及编号',
  ...decisionBodyFieldNames,
  authorityName: '处罚机关',
  authorityUscc: '处罚机关统一社会信用代码',
  publicityUntil: '公示截止期',
  taskNo: '关联检查任务编号',
} as const;
