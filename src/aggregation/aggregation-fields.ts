/**
 * The one field specification of every kind of supervision data a department sends (《朔州市平鲁区“互联网+监管”系统
 * 运行管理办法》第十五条): the validator checks records against it, the batch-file templates use its names as column
 * headers, the online forms and the 接口说明 page render it, so the documentation cannot drift from the rules.
 * Field names are the national ones: 行政检查行为 of the 互联网+监管 behaviour data, 行政处罚 of the 双公示 data items.
 */
export const recordKinds = [
  '监管计划',
  '监管对象',
  '执法人员',
  '行政检查',
  '行政处罚',
  '行政强制',
  '其他监管行为',
  '投诉举报',
  '信用信息',
] as const;
export type RecordKind = (typeof recordKinds)[number];

export type FieldType =
  | 'text'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'uscc'
  | 'catalogCode'
  | 'listCode'
  | 'division'
  | 'inspectors'
  | 'amount'
  | 'partyCode'
  | 'list';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  max?: number;
  options?: readonly string[];
  note?: string;
  example: string;
}

const f = (
  name: string,
  type: FieldType,
  required: boolean,
  example: string,
  extra: Partial<Pick<FieldSpec, 'max' | 'options' | 'note'>> = {},
): FieldSpec => ({ name, type, required, example, ...extra });

/** 操作 of the provincial exchange envelope: insert, update, delete. */
export const operations = ['i', 'u', 'd'] as const;
export type Operation = (typeof operations)[number];
export const KEY_FIELD = '主键';
export const OPERATION_FIELD = '操作';

const envelope = [
  f(KEY_FIELD, 'text', true, 'JC2026120001', { max: 64, note: '报送部门业务系统中该条记录的唯一编号' }),
  f(OPERATION_FIELD, 'enum', true, 'i', { options: operations, note: 'i 新增、u 更新、d 删除' }),
];

const partyNatures = ['公民', '法人', '其他组织'] as const;
/** 证件类型 codes of the national data standard (111 居民身份证 …), 001 for a 统一社会信用代码. */
export const idTypes = ['001', '111', '112', '414'] as const;
const party = [
  f('行政相对人', 'text', true, '东港区海曲路便利店有限公司', { max: 200 }),
  f('行政相对人性质', 'enum', true, '法人', { options: partyNatures }),
  f('证件类型', 'enum', true, '001', {
    options: idTypes,
    note: '001 统一社会信用代码、111 居民身份证、112 临时居民身份证、414 护照',
  }),
  f('行政相对人编码', 'partyCode', true, '91371102MA3C5LXY0K', {
    note: '法人、其他组织填统一社会信用代码（校验位核验，并与监管对象名录库中的名称核对）；公民填证件号码',
  }),
];
const implementer = [
  f('实施机构', 'text', true, '日照市市场监督管理局', { max: 100 }),
  f('实施机构编码', 'uscc', true, '11371100MB2857612X', { note: '实施机构的统一社会信用代码' }),
];
const catalogCode = f('监管事项目录编码', 'catalogCode', true, '37110000100001', { note: '14 位数字' });

const inspection = [
  f('双随机一公开计划id', 'text', false, '', { max: 50 }),
  catalogCode,
  f('监管事项检查实施清单编码', 'listCode', true, '11371100MB2857612X10001', {
    note: '前 18 位为实施机构统一社会信用代码，第 19 位为 1–5',
  }),
  f('检查行为名称', 'text', true, '食品经营许可事项日常检查', { max: 200 }),
  f('检查行为编号', 'text', true, 'JC-2026-0001', { max: 50 }),
  ...implementer,
  f('受委托部门', 'text', false, '', { max: 100 }),
  f('受委托部门编码', 'uscc', false, ''),
  f('监管对象类型', 'text', false, '企业', { max: 50 }),
  f('监管对象', 'text', false, '', { max: 200 }),
  ...party,
  f('注册地址', 'text', false, '', { max: 200 }),
  f('经营地址', 'text', false, '', { max: 200 }),
  f('行政区划代码', 'division', true, '371102'),
  f('检查形式', 'enum', true, '01', { options: ['01', '02'], note: '01 日常检查、02 专项检查' }),
  f('检查类别', 'text', false, '现场检查', { max: 50 }),
  f('检查方式', 'text', false, '双随机', { max: 50 }),
  f('检查结果', 'enum', true, '合格', { options: ['合格', '不合格', '未检查', '合理缺项'] }),
  f('检查时间', 'datetime', true, '2026-12-01 10:00:00'),
  f('检查人员', 'inspectors', true, '张明:37110020190001;李华:37110020190002', {
    note: '至少 2 人，“姓名:执法证号”以分号分隔（接口也可传 [{"姓名","执法证号"}]）；执法证号须在执法检查人员名录库中',
  }),
  f('报送时间', 'datetime', false, '2026-12-02 09:00:00', { note: '须晚于检查时间' }),
  f('报送人员', 'text', false, '', { max: 50 }),
];

const enforcement = [
  f('行政强制决定书文号', 'text', true, '日市监强字〔2026〕12号', { max: 100 }),
  f('强制措施种类', 'enum', true, '扣押财物', {
    options: ['限制公民人身自由', '查封场所、设施或者财物', '扣押财物', '冻结存款、汇款', '其他行政强制措施'],
  }),
  f('强制措施内容', 'text', true, '扣押过期食品 20 箱', { max: 2000 }),
  f('强制依据', 'text', true, '《中华人民共和国食品安全法》第一百一十条', { max: 1000 }),
  catalogCode,
  ...party,
  f('实施日期', 'date', true, '2026-12-01'),
  f('解除日期', 'date', false, ''),
  ...implementer,
];

const otherAction = [
  f('行为名称', 'text', true, '约谈', { max: 200 }),
  f('行为类别', 'enum', true, '行政指导', {
    options: ['行政指导', '行政约谈', '责令改正', '信用承诺核查', '非现场监管', '其他'],
  }),
  catalogCode,
  ...party,
  f('行为内容', 'text', true, '就食品安全主体责任落实情况约谈企业负责人', { max: 2000 }),
  f('实施日期', 'date', true, '2026-12-01'),
  ...implementer,
];

const plan = [
  f('计划名称', 'text', true, '2026 年度食品经营者双随机抽查计划', { max: 200 }),
  f('计划类型', 'enum', true, '日常检查', { options: ['日常检查', '专项检查'] }),
  catalogCode,
  f('检查对象范围', 'text', true, '辖区内食品经营者', { max: 500 }),
  f('抽查比例', 'text', false, '5%', { max: 20 }),
  f('计划开始日期', 'date', true, '2026-03-01'),
  f('计划结束日期', 'date', true, '2026-11-30', { note: '不早于计划开始日期' }),
  ...implementer,
];

const subject = [
  f('统一社会信用代码', 'uscc', true, '91371102MA3C5LXY0K'),
  f('主体名称', 'text', true, '日照海曲便利店有限公司', {
    max: 100,
    note: '与名录库中同一代码的名称不一致时记为报送不一致',
  }),
  f('主体类型', 'enum', true, '企业', {
    options: ['企业', '个体工商户', '农民专业合作社', '社会组织', '事业单位', '其他'],
  }),
  f('法定代表人', 'text', false, '张三', { max: 50 }),
  f('行政区划代码', 'division', true, '371102'),
  f('注册地址', 'text', false, '', { max: 200 }),
  f('经营地址', 'text', false, '', { max: 200 }),
  f('经营范围', 'text', false, '', { max: 2000 }),
  f('成立日期', 'date', false, '2020-05-01'),
];

const inspector = [
  f('姓名', 'text', true, '张明', { max: 30 }),
  f('证件号码', 'text', true, '371102198001010011', { note: '居民身份证号码，只保存脱敏形式' }),
  f('联系电话', 'text', true, '13906331234'),
  f('执法证号', 'text', true, '37110020260001', { max: 40 }),
  f('发证日期', 'date', true, '2026-01-05'),
  f('有效期至', 'date', true, '2031-01-04'),
  f('执法领域', 'list', true, '市场监管', { note: '多个以分号分隔' }),
];

const penalty = [
  f('行政相对人名称', 'text', true, '日照海曲便利店有限公司', { max: 100 }),
  f('行政相对人类别', 'enum', true, '法人及非法人组织', { options: ['法人及非法人组织', '自然人', '个体工商户'] }),
  f('统一社会信用代码', 'text', false, '91371102MA3C5LXY0K', { note: '自然人可空' }),
  f('法定代表人', 'text', false, '张三', { max: 50 }),
  f('证件号码', 'text', false, '', { note: '行政相对人为自然人时必填' }),
  f('行政处罚决定书文号', 'text', true, '日市监罚字〔2026〕88号', { max: 100 }),
  f('违法行为类型', 'text', true, '销售过期食品', { max: 200 }),
  f('违法事实', 'text', true, '当事人销售超过保质期的食品', { max: 2000 }),
  f('处罚依据', 'text', true, '《中华人民共和国食品安全法》第一百二十四条', { max: 1000 }),
  f('处罚类别', 'list', true, '警告;罚款', { note: '多个以分号分隔' }),
  f('处罚内容', 'text', true, '警告，罚款 5000 元', { max: 2000 }),
  f('罚款金额（万元）', 'amount', false, '0.5'),
  f('没收违法所得、没收非法财物的金额（万元）', 'amount', false, ''),
  f('暂扣或吊销证照名称及编号', 'text', false, '', { max: 200 }),
  f('处罚决定日期', 'date', true, '2026-12-01'),
  f('公示截止期', 'date', true, '2027-03-01'),
  f('处罚机关', 'text', true, '日照市市场监督管理局', { max: 100 }),
  f('处罚机关统一社会信用代码', 'uscc', true, '11371100MB2857612X'),
  f('数据来源单位', 'text', true, '日照市市场监督管理局', { max: 100 }),
  f('数据来源单位统一社会信用代码', 'uscc', true, '11371100MB2857612X'),
];

const complaint = [
  f('类别', 'enum', true, '投诉', { options: ['投诉', '举报'] }),
  f('投诉举报事项编码', 'text', true, 'SPAQ', { max: 10 }),
  f('被投诉举报对象名称', 'text', true, '日照海曲便利店有限公司', { max: 100 }),
  f('被投诉举报对象地址', 'text', false, '东港区海曲路 1 号', { max: 200 }),
  f('标题', 'text', true, '销售过期食品', { max: 60 }),
  f('反映的问题', 'text', true, '12 月 1 日在该店购买的牛奶已过保质期，店员拒绝退换。', { max: 4000 }),
  f('发生日期', 'date', false, '2026-12-01'),
  f('是否匿名', 'enum', true, '否', { options: ['是', '否'] }),
  f('投诉举报人姓名', 'text', false, '王女士', { max: 30, note: '实名时必填，加密保存' }),
  f('投诉举报人电话', 'text', false, '13906339999', { note: '实名时必填，加密保存' }),
];

const credit = [
  f('统一社会信用代码', 'uscc', true, '91371102MA3C5LXY0K'),
  f('主体名称', 'text', true, '日照海曲便利店有限公司', { max: 100 }),
  f('记录类别', 'enum', true, '经营异常名录', {
    options: ['经营异常名录', '严重违法失信名单', '年报未报', '违反告知承诺', '表彰奖励', '投诉举报属实'],
  }),
  f('认定部门', 'text', true, '日照市市场监督管理局', { max: 100 }),
  f('认定日期', 'date', true, '2026-11-20'),
  f('事由', 'text', true, '通过登记的住所无法联系', { max: 200 }),
  f('详情', 'text', false, '', { max: 2000 }),
  f('依据文号', 'text', false, '', { max: 100 }),
];

export const kindFields: Record<RecordKind, readonly FieldSpec[]> = {
  监管计划: [...envelope, ...plan],
  监管对象: [...envelope, ...subject],
  执法人员: [...envelope, ...inspector],
  行政检查: [...envelope, ...inspection],
  行政处罚: [...envelope, ...penalty],
  行政强制: [...envelope, ...enforcement],
  其他监管行为: [...envelope, ...otherAction],
  投诉举报: [...envelope, ...complaint],
  信用信息: [...envelope, ...credit],
};

/**
 * Where a kind's valid records go: the platform's own register when it has one (the capability's service stores
 * them), otherwise the 监管行为信息库 of this capability (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十二条).
 */
export const kindHome: Record<RecordKind, string> = {
  监管计划: '监管行为信息库',
  监管对象: '监管对象名录库',
  执法人员: '执法检查人员名录库',
  行政检查: '监管行为信息库',
  行政处罚: '行政处罚信息（双公示）',
  行政强制: '监管行为信息库',
  其他监管行为: '监管行为信息库',
  投诉举报: '投诉举报处理',
  信用信息: '信用记录',
};

/** The kinds kept in this capability's own table (no other register holds them). */
export const ownKinds: readonly RecordKind[] = ['监管计划', '行政检查', '行政强制', '其他监管行为'];

export const isRecordKind = (value: unknown): value is RecordKind =>
  typeof value === 'string' && (recordKinds as readonly string[]).includes(value);
