/** What the import page says for each register it serves (the server's import kinds). */
export interface ImportPageKind {
  /** Chinese name of the register, as in the page title 批量导入<title>. */
  title: string;
  /** The register's list page (the back button). */
  listPath: string;
  testId: string;
  hint: string;
}

export const importPages = {
  subjects: {
    title: '监管对象',
    listPath: '/subjects',
    testId: 'page-subject-import',
    hint: '按统一社会信用代码新增或更新；更新时只改动文件中包含的列，未包含的列保持原值。各列的填写要求见 Excel 模板中的说明。',
  },
  inspectors: {
    title: '执法检查人员',
    listPath: '/inspectors',
    testId: 'page-inspector-import',
    hint: '按执法证号新增或更新；更新时只改动文件中包含的列，身份证号留空表示不修改。部门管理员只能导入本部门人员。各列的填写要求见 Excel 模板中的说明。',
  },
  items: {
    title: '监管事项',
    listPath: '/items',
    testId: 'page-item-import',
    hint: '按事项编码新增或更新，每个实际修改的事项形成一个新版本，内容未变的不改动。“检查内容”每行一项，写成“内容｜方式｜依据”。部门管理员只能导入本部门事项。各列的填写要求见 Excel 模板中的说明。',
  },
  'business-registrations': {
    title: '登记注册信息',
    listPath: '/records/registrations',
    testId: 'page-records-registrations-import',
    hint: '按“业务系统记录编号”接收：同一编号内容相同的行不变，内容变化的行记为新版本。设立、变更、注销同时更新监管对象名录库。各列的填写要求见 Excel 模板中的说明。',
  },
  'licence-records': {
    title: '行政许可信息',
    listPath: '/records/licences',
    testId: 'page-records-licences-import',
    hint: '列名与国家“双公示”行政许可数据项一致；按“业务系统记录编号”接收，重复导入同一文件不会产生重复记录。自然人的证件号码加密保存，只显示脱敏形式。',
  },
  'penalty-records': {
    title: '行政处罚信息',
    listPath: '/records/penalties',
    testId: 'page-records-penalties-import',
    hint: '列名与国家“双公示”行政处罚数据项一致；罚款金额以万元填写。按“业务系统记录编号”接收，重复导入同一文件不会产生重复记录。自然人的证件号码加密保存，不公示。',
  },
  'credit-records': {
    title: '信用记录',
    listPath: '/credit/records',
    testId: 'page-credit-records-import',
    hint: '经营异常名录、严重违法失信名单的列入与移出，年报未报、违反告知承诺、表彰奖励等。按“业务系统记录编号”接收：内容相同不变，变化记为新版本；移出时填写列入时的编号和移出日期。',
  },
  'risk-levels': {
    title: '第三方风险评估结果',
    listPath: '/risk-assessments',
    testId: 'page-risk-levels-import',
    hint: '委托第三方评估机构的评估结果：每行一户，填写本部门风险评估的编号（评估方法为第三方结果导入、已开始）、统一社会信用代码、风险等级（低、一般、较高、高）、评分和说明。市场主体须在评估范围内；同一主体再次导入时以新结果为准。',
  },
} as const satisfies Record<string, ImportPageKind>;

export type ImportPageName = keyof typeof importPages;
