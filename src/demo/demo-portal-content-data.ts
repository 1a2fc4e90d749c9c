import type { GuideTextInput } from '../portal-content/guide.schemas';

/**
 * The demo city's portal content. Laws and regulations are cited by their real titles, issuers and dates, and only
 * articles whose wording is well known are quoted (short); notices are summarised, not quoted. Cases and news are the
 * demo city's own.
 */
const npc = '全国人民代表大会常务委员会';
const state = '国务院';

export const demoKnowledge: { by: string; entry: Record<string, unknown> }[] = [
  {
    by: 'scjg_admin',
    entry: {
      category: '法律',
      title: '中华人民共和国食品安全法',
      issuer: npc,
      issuedOn: '2021-04-29',
      effectiveOn: '2021-04-29',
      validity: '现行有效',
      relatedItemCodes: ['SCJG-JG-001'],
      body: '第一条 为了保证食品安全，保障公众身体健康和生命安全，制定本法。\n第三十四条 禁止生产经营下列食品、食品添加剂、食品相关产品：……（十）标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂；……\n（2009年2月28日通过，2015年4月24日修订，2018年12月29日、2021年4月29日修正。）',
    },
  },
  {
    by: 'scjg_admin',
    entry: {
      category: '法律',
      title: '中华人民共和国食品卫生法',
      issuer: npc,
      issuedOn: '1995-10-30',
      effectiveOn: '1995-10-30',
      validity: '已废止',
      repealedOn: '2009-06-01',
      body: '本法自《中华人民共和国食品安全法》施行之日（2009年6月1日）起废止。',
    },
  },
  {
    by: 'yjgl_admin',
    entry: {
      category: '法律',
      title: '中华人民共和国安全生产法',
      issuer: npc,
      issuedOn: '2021-06-10',
      effectiveOn: '2021-09-01',
      validity: '现行有效',
      relatedItemCodes: ['YJGL-JG-001'],
      body: '第一条 为了加强安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全，促进经济社会持续健康发展，制定本法。\n（2002年6月29日通过，2021年6月10日第三次修正。）',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '法律',
      title: '中华人民共和国行政处罚法',
      issuer: npc,
      issuedOn: '2021-01-22',
      effectiveOn: '2021-07-15',
      validity: '现行有效',
      body: '第一条 为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益和社会秩序，保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。\n第四十二条 行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '法律',
      title: '中华人民共和国行政许可法',
      issuer: npc,
      issuedOn: '2019-04-23',
      effectiveOn: '2019-04-23',
      validity: '现行有效',
      body: '第一条 为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，维护公共利益和社会秩序，保障和监督行政机关有效实施行政管理，根据宪法，制定本法。\n（2003年8月27日通过，2019年4月23日修正。）',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '法律',
      title: '中华人民共和国消防法',
      issuer: npc,
      issuedOn: '2021-04-29',
      effectiveOn: '2021-04-29',
      validity: '现行有效',
      body: '第一条 为了预防火灾和减少火灾危害，加强应急救援工作，保护人身、财产安全，维护公共安全，制定本法。',
    },
  },
  {
    by: 'scjg_admin',
    entry: {
      category: '法律',
      title: '中华人民共和国产品质量法',
      issuer: npc,
      issuedOn: '2018-12-29',
      effectiveOn: '2018-12-29',
      validity: '现行有效',
      body: '第一条 为了加强对产品质量的监督管理，提高产品质量水平，明确产品质量责任，保护消费者的合法权益，维护社会经济秩序，制定本法。',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '行政法规',
      title: '优化营商环境条例',
      issuer: state,
      docNo: '国务院令第722号',
      issuedOn: '2019-10-22',
      effectiveOn: '2020-01-01',
      validity: '现行有效',
      body: '第一条 为了持续优化营商环境，不断解放和发展社会生产力，加快建设现代化经济体系，推动高质量发展，制定本条例。',
    },
  },
  {
    by: 'yjgl_admin',
    entry: {
      category: '行政法规',
      title: '危险化学品安全管理条例',
      issuer: state,
      docNo: '国务院令第591号',
      issuedOn: '2011-03-02',
      effectiveOn: '2011-12-01',
      validity: '现行有效',
      relatedItemCodes: ['YJGL-JG-002'],
      body: '第一条 为了加强危险化学品的安全管理，预防和减少危险化学品事故，保障人民群众生命财产安全，保护环境，制定本条例。\n（2013年12月7日修订。）',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '规范性文件',
      title: '国务院办公厅关于推广随机抽查规范事中事后监管的通知',
      issuer: '国务院办公厅',
      docNo: '国办发〔2015〕58号',
      issuedOn: '2015-07-29',
      effectiveOn: '2015-07-29',
      validity: '现行有效',
      body: '内容摘要：在政府管理方式和规范市场执法中推广随机抽取检查对象、随机选派执法检查人员的“双随机”抽查机制，抽查情况及查处结果及时向社会公开，规范事中事后监管。',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '规范性文件',
      title: '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
      issuer: state,
      docNo: '国发〔2019〕5号',
      issuedOn: '2019-01-28',
      effectiveOn: '2019-01-28',
      validity: '现行有效',
      body: '内容摘要：在市场监管领域全面推行部门联合“双随机、一公开”监管，建立抽查事项清单、检查对象名录库和执法检查人员名录库，实现“进一次门、查多项事”，抽查检查结果通过国家企业信用信息公示系统等向社会公示。',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '规范性文件',
      title: '日照市人民政府办公室关于深入推进跨部门综合监管的实施意见',
      issuer: '日照市人民政府办公室',
      issuedOn: '2024-07-26',
      effectiveOn: '2024-07-26',
      validity: '现行有效',
      body: '（十七）实施综合监管“一业一册”告知制度，2024年10月底前建立全市综合监管“一业一册”告知制度，2024年11月底前各行业牵头主管部门对跨部门综合监管重点事项分类制定合规经营指南（即“一业一册”），一次性告知市场主体合规经营要求，稳定市场主体监管预期。',
    },
  },
  {
    by: 'lianxi',
    entry: {
      category: '规范性文件',
      title: '朔州市平鲁区“互联网+监管”系统运行管理办法',
      issuer: '朔州市平鲁区推进“六最”营商环境工作领导小组办公室',
      validity: '现行有效',
      body: '第三十六条 监管系统的服务门户为社会公众提供监管相关信息服务，主要包括监管事项目录清单查询，监管结果查询，法律法规、案例等知识库信息查询。\n第三十八条 各监管部门按照规定时间和流程受理办结属于本部门职责范围内的事项，按照规定的时间和频率及时更新本部门本系统的监管动态和曝光台信息，事项办理情况和信息维护更新情况纳入履职效能评估。',
    },
  },
  {
    by: 'scjg_admin',
    entry: {
      category: '典型案例',
      title: '某餐饮店使用超过保质期的食品原料案',
      issuer: '日照市市场监督管理局',
      issuedOn: '2026-03-18',
      validity: '现行有效',
      relatedItemCodes: ['SCJG-JG-001'],
      body: '执法人员在日常检查中发现，当事人后厨冷藏柜中存放超过保质期的预包装调味料 6 袋，用于加工菜品。当事人的行为违反了《中华人民共和国食品安全法》第三十四条第十项的规定，市场监管部门依法责令改正，没收违法所得，并处罚款。\n典型意义：餐饮服务单位应定期检查库存食品原料，及时清理变质或者超过保质期的食品。',
    },
  },
  {
    by: 'yjgl_admin',
    entry: {
      category: '典型案例',
      title: '某化工企业未按规定开展安全生产教育和培训案',
      issuer: '日照市应急管理局',
      issuedOn: '2026-05-09',
      validity: '现行有效',
      body: '执法检查发现，当事人新入职的 3 名操作人员未经安全生产教育和培训即上岗作业，且培训档案缺失。应急管理部门依据《中华人民共和国安全生产法》有关规定责令限期改正，并处罚款。\n典型意义：生产经营单位应当对从业人员进行安全生产教育和培训，未经培训合格的从业人员不得上岗作业。',
    },
  },
];

const cateringText: GuideTextInput = {
  introduction:
    '餐饮业（国民经济行业分类 62）包括正餐服务、快餐服务、饮料及冷饮服务、餐饮配送及外卖送餐服务等。本指南汇集市场监管、消防救援、卫生健康等部门对餐饮服务单位的检查内容，一次告知经营者。',
  keyObligations:
    '1. 依法取得食品经营许可，亮证经营；\n2. 从事接触直接入口食品工作的人员取得健康证明；\n3. 建立并落实进货查验记录制度，索证索票；\n4. 按要求贮存食品原料，定期清理变质或者超过保质期的食品；\n5. 保持消防通道畅通，定期检查灭火器材。',
  commonViolations:
    '使用超过保质期的食品原料；从业人员健康证明过期；进货查验记录不全；后厨堆放杂物占用疏散通道；餐具清洗消毒不规范。',
  tips: '每日开餐前自查原料保质期；健康证明到期前一个月办理；消防器材每月检查并记录；接受检查时请核对检查码。',
};
const retailText: GuideTextInput = {
  introduction:
    '零售业（国民经济行业分类 52）包括综合零售、食品饮料及烟草制品零售等。超市、便利店、食杂店等食品销售经营者适用本指南。',
  keyObligations:
    '1. 取得食品经营许可（仅销售预包装食品的依法备案）；\n2. 查验供货者许可证和食品合格证明，如实记录进货信息；\n3. 定期检查库存食品，及时清理超过保质期的食品；\n4. 明码标价，不得销售不合格商品。',
  commonViolations: '销售超过保质期的食品；进货查验记录缺失；未按规定标示价格；商品标识不符合要求。',
  tips: '临近保质期的食品集中陈列并标注；保存进货票据；价格标签与收银系统一致。',
};
const chemicalText: GuideTextInput = {
  introduction:
    '化学原料和化学制品制造业（国民经济行业分类 26）涉及危险化学品的生产、储存和使用，安全风险较高，应急管理、生态环境、消防救援等部门依法实施监管。',
  keyObligations:
    '1. 依法取得安全生产许可，落实全员安全生产责任制；\n2. 从业人员经安全生产教育和培训合格后上岗；\n3. 制定生产安全事故应急救援预案并定期演练；\n4. 危险废物按规定贮存、转移和处置。',
  commonViolations: '从业人员未经培训上岗；应急预案未演练；重大危险源监测监控不到位；危险废物贮存场所标识不规范。',
  tips: '建立隐患排查治理台账并闭环整改；关注检查码推送的检查安排，检查时出示培训和演练记录。',
};

/** Four industries get a lead department; three publish their guide (construction's lead has not written it yet). */
export const demoGuides: { code: string; lead: string; by?: string; text?: GuideTextInput }[] = [
  { code: '62', lead: '市市场监督管理局', by: 'scjg_admin', text: cateringText },
  { code: '52', lead: '市市场监督管理局', by: 'scjg_admin', text: retailText },
  { code: '26', lead: '市应急管理局', by: 'yjgl_admin', text: chemicalText },
  { code: '47', lead: '市住房城乡建设局' },
];

export const demoNews: { by: string; department?: string; daysAgo: number; title: string; body: string }[] = [
  {
    by: 'scjg_admin',
    daysAgo: 40,
    title: '市市场监管局开展校园周边食品安全专项检查',
    body: '市市场监督管理局联合教育部门对全市中小学校周边食品经营者开展专项检查，重点检查经营资质、进货查验和食品贮存情况，发现问题当场责令整改。',
  },
  {
    by: 'yjgl_admin',
    daysAgo: 33,
    title: '市应急管理局部署危险化学品企业安全生产检查',
    body: '市应急管理局部署对全市危险化学品生产、储存企业开展安全生产检查，检查内容包括安全生产责任制落实、从业人员培训和应急预案演练。',
  },
  {
    by: 'lianxi',
    daysAgo: 25,
    title: '联合检查“进一次门、查多项事”成效明显',
    body: '今年以来，全市通过部门联合“双随机、一公开”抽查，将多个部门对同一企业的检查合并实施，减少了对企业正常经营的干扰。',
  },
  {
    by: 'lianxi',
    department: '市消防救援支队',
    daysAgo: 18,
    title: '市消防救援支队提醒：餐饮场所请保持疏散通道畅通',
    body: '进入冬季用火用电增多，请餐饮场所经营者定期检查灭火器材，保持疏散通道和安全出口畅通，不得占用、堵塞。',
  },
  {
    by: 'scjg_staff',
    daysAgo: 9,
    title: '餐饮业、零售业“一业一册”合规经营指南发布',
    body: '市市场监督管理局牵头编制的餐饮业、零售业合规经营指南已在服务门户发布，经营者可在“一业一册”栏目或扫描检查码查看并下载。',
  },
  {
    by: 'yjgl_admin',
    daysAgo: 3,
    title: '化学原料和化学制品制造业合规经营指南上线',
    body: '市应急管理局牵头编制的化学原料和化学制品制造业合规经营指南已上线，汇集安全生产等检查内容，欢迎企业查阅。',
  },
];

const caseText = (title: string, violation: string, handling: string, legalBasis: string, subjectName: string) => ({
  title,
  subjectCategory: '法人及非法人组织',
  subjectName,
  violation,
  handling,
  legalBasis,
});

export const demoCases: {
  by: string;
  department?: string;
  daysAgo: number;
  linkPenalty?: boolean;
  withdraw?: string;
  case: ReturnType<typeof caseText>;
}[] = [
  {
    by: 'scjg_staff',
    daysAgo: 30,
    linkPenalty: true,
    case: caseText(
      '销售超过保质期食品案',
      '执法人员检查发现，当事人货架上陈列销售超过保质期的预包装食品共 12 袋。',
      '没收超过保质期的食品，并处罚款。',
      '《中华人民共和国食品安全法》第三十四条第十项、第一百二十四条',
      '日照市东港区某商贸有限公司',
    ),
  },
  {
    by: 'scjg_admin',
    daysAgo: 21,
    case: caseText(
      '餐饮店从业人员未取得健康证明上岗案',
      '当事人 2 名从事接触直接入口食品工作的人员未取得健康证明即上岗。',
      '责令改正，给予警告。',
      '《中华人民共和国食品安全法》第四十五条、第一百二十六条',
      '日照市某餐饮管理有限公司',
    ),
  },
  {
    by: 'yjgl_admin',
    daysAgo: 16,
    case: caseText(
      '化工企业未如实记录安全生产教育和培训情况案',
      '当事人未如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果等情况。',
      '责令限期改正，并处罚款。',
      '《中华人民共和国安全生产法》第二十八条、第九十七条',
      '日照市某化工有限公司',
    ),
  },
  {
    by: 'yjgl_admin',
    daysAgo: 12,
    withdraw: '当事人已完成整改并申请信用修复，依规定撤回',
    case: caseText(
      '工贸企业应急预案未按规定演练案',
      '当事人未按照规定定期组织生产安全事故应急救援预案演练。',
      '责令限期改正，并处罚款。',
      '《中华人民共和国安全生产法》第八十一条、第九十七条',
      '日照市某机械制造有限公司',
    ),
  },
  {
    by: 'lianxi',
    department: '市消防救援支队',
    daysAgo: 8,
    case: caseText(
      '商场占用疏散通道案',
      '当事人在商场疏散通道堆放货物，占用疏散通道。',
      '责令改正，并处罚款。',
      '《中华人民共和国消防法》第二十八条、第六十条',
      '日照市某购物中心有限公司',
    ),
  },
  {
    by: 'lianxi',
    department: '市生态环境局',
    daysAgo: 5,
    case: caseText(
      '企业危险废物贮存场所不规范案',
      '当事人危险废物贮存场所未设置识别标志，部分危险废物露天堆放。',
      '责令改正，并处罚款。',
      '《中华人民共和国固体废物污染环境防治法》第七十七条、第一百一十二条',
      '日照市某金属制品有限公司',
    ),
  },
];
