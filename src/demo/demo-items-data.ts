import type { ClassRatios, SamplingFrequency } from '../items/sampling-item.table';
import type { CheckMethod, ItemLevel } from '../items/supervision-item.table';
import type { SubjectKind } from '../subjects/subject.table';

/** A check sub-item: [code suffix, content, method, basis]. */
type DemoCheck = readonly [string, string, CheckMethod, string];

export interface DemoSupervisionItem {
  code: string;
  name: string;
  legalBasis: string;
  objectType: string;
  measures: string;
  level: ItemLevel;
  /** Set when the item was claimed (认领) from a national or provincial catalog. */
  claimedFrom?: string;
  licenceItems?: string[];
  checks: readonly DemoCheck[];
}

export interface DemoSamplingItem {
  code: string;
  name: string;
  /** Full check item codes (item code + '-' + suffix) of this department's items. */
  checks: string[];
  basis: string;
  industries?: string[];
  subjectKinds?: SubjectKind[];
  /** Omitted: the platform defaults. */
  ratios?: ClassRatios;
  frequency: SamplingFrequency;
  fields: string[];
  minInspectors?: number;
  published: boolean;
}

export interface DemoDepartmentItems {
  department: string;
  leader: string;
  unit: string;
  person: string;
  items: DemoSupervisionItem[];
  sampling: DemoSamplingItem[];
}

const food = '《中华人民共和国食品安全法》';
const safety = '《中华人民共和国安全生产法》';
const fire = '《中华人民共和国消防法》';
const randomCheck = '《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）';

/** The item lists of the demo city's main regulators (日照市). Codes are the demo's own, not official catalog codes. */
export const demoItemCatalog: DemoDepartmentItems[] = [
  {
    department: '市市场监督管理局',
    leader: '副局长 厉文华',
    unit: '食品经营安全监督管理科',
    person: '秦海涛',
    items: [
      {
        code: 'SCJG-JG-001',
        name: '食品销售经营者监督检查',
        level: '国家',
        claimedFrom: 'GJ-SCJG-SP-0101',
        licenceItems: ['食品经营许可'],
        legalBasis: `${food}第一百零九条、第一百一十条；《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）`,
        objectType: '食品销售经营者（超市、便利店、食杂店、网络食品销售者）',
        measures: '现场检查、抽样检验、查阅复制合同票据账簿、责令改正',
        checks: [
          ['01', '经营资质：食品经营许可证合法有效，经营场所、主体业态与许可一致', '现场检查', `${food}第三十五条`],
          ['02', '进货查验：查验供货者许可证和食品合格证明，如实记录进货查验信息', '现场检查', `${food}第五十三条`],
          [
            '03',
            '贮存与清理：按要求贮存食品，定期检查库存，及时清理变质或超过保质期的食品',
            '现场检查',
            `${food}第五十四条`,
          ],
          ['04', '从业人员健康管理：从事接触直接入口食品工作的人员取得健康证明', '书面检查', `${food}第四十五条`],
        ],
      },
      {
        code: 'SCJG-JG-002',
        name: '餐饮服务提供者监督检查',
        level: '国家',
        claimedFrom: 'GJ-SCJG-SP-0102',
        licenceItems: ['食品经营许可'],
        legalBasis: `${food}第一百零九条、第一百一十条；《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）`,
        objectType: '餐饮服务提供者（餐馆、小吃店、快餐店、单位食堂）',
        measures: '现场检查、抽样检验、责令改正、约谈',
        checks: [
          ['01', '许可与公示：食品经营许可证在有效期内并在显著位置公示', '现场检查', `${food}第三十五条`],
          ['02', '原料控制：制定并实施原料控制要求，不采购不符合食品安全标准的原料', '现场检查', `${food}第五十五条`],
          ['03', '加工制作与餐具消毒：设施设备定期维护，餐具饮具按规定清洗消毒', '现场检查', `${food}第五十六条`],
        ],
      },
      {
        code: 'SCJG-JG-003',
        name: '食品生产者监督检查',
        level: '省',
        claimedFrom: 'SD-SCJG-SP-0201',
        licenceItems: ['食品生产许可'],
        legalBasis: `${food}第一百一十条；《食品生产许可管理办法》；《食品生产经营监督检查管理办法》`,
        objectType: '取得食品生产许可的食品生产者',
        measures: '现场检查、抽样检验、查阅生产记录、责令改正',
        checks: [
          ['01', '原辅料进货查验：查验供货者许可证和产品合格证明，建立进货查验记录', '现场检查', `${food}第五十条`],
          ['02', '出厂检验：对所生产的食品进行出厂检验并如实记录', '书面检查', `${food}第五十一条`],
          ['03', '标签标识：预包装食品标签内容符合要求', '现场检查', `${food}第六十七条`],
        ],
      },
      {
        code: 'SCJG-JG-004',
        name: '企业公示信息抽查',
        level: '国家',
        claimedFrom: 'GJ-SCJG-XY-0001',
        legalBasis: `《企业信息公示暂行条例》；${randomCheck}`,
        objectType: '在本市登记的企业、农民专业合作社',
        measures: '书面检查、实地核查、网络监测、列入经营异常名录',
        checks: [
          ['01', '年度报告公示信息的真实性、及时性', '书面检查', '《企业信息公示暂行条例》'],
          ['02', '即时信息（股东出资、行政许可、知识产权出质等）公示情况', '非现场检查', '《企业信息公示暂行条例》'],
          ['03', '通过登记的住所或者经营场所能否取得联系', '现场检查', '《中华人民共和国市场主体登记管理条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'SCJG-CC-01',
        name: '食品销售经营者监督检查',
        checks: ['SCJG-JG-001-01', 'SCJG-JG-001-02', 'SCJG-JG-001-03', 'SCJG-JG-001-04'],
        basis: `${food}第一百零九条、第一百一十条`,
        industries: ['521', '522'],
        frequency: '每年一次',
        fields: ['市场监管'],
        published: true,
      },
      {
        code: 'SCJG-CC-02',
        name: '餐饮服务单位监督检查',
        checks: ['SCJG-JG-002-01', 'SCJG-JG-002-02', 'SCJG-JG-002-03'],
        basis: `${food}第一百零九条、第一百一十条`,
        industries: ['62'],
        ratios: { A: 5, B: 15, C: 40, D: 80 },
        frequency: '每年一次',
        fields: ['市场监管'],
        published: true,
      },
      {
        code: 'SCJG-CC-03',
        name: '企业公示信息抽查',
        checks: ['SCJG-JG-004-01', 'SCJG-JG-004-02', 'SCJG-JG-004-03'],
        basis: `《企业信息公示暂行条例》；${randomCheck}`,
        subjectKinds: ['企业', '农民专业合作社'],
        ratios: { A: 1, B: 3, C: 10, D: 30 },
        frequency: '每年一次',
        fields: ['市场监管'],
        published: true,
      },
    ],
  },
  {
    department: '市应急管理局',
    leader: '副局长 丁立军',
    unit: '危险化学品安全监督管理科',
    person: '卢志刚',
    items: [
      {
        code: 'YJGL-JG-001',
        name: '危险化学品生产、储存企业安全生产监督检查',
        level: '省',
        claimedFrom: 'SD-YJGL-WH-0003',
        licenceItems: ['危险化学品安全生产许可', '危险化学品经营许可'],
        legalBasis: `${safety}第六十五条；《危险化学品安全管理条例》第六条、第七条`,
        objectType: '危险化学品生产、储存企业',
        measures: '现场检查、调阅资料、责令限期整改、责令暂时停产停业、查封扣押',
        checks: [
          ['01', '危险化学品安全生产许可证及安全评价报告', '书面检查', '《危险化学品安全管理条例》第十四条'],
          ['02', '重大危险源辨识、登记建档、监测监控', '现场检查', `${safety}第四十条`],
          ['03', '安全风险分级管控和事故隐患排查治理', '现场检查', `${safety}第四十一条`],
          ['04', '从业人员安全生产教育和培训', '书面检查', `${safety}第二十八条`],
        ],
      },
      {
        code: 'YJGL-JG-002',
        name: '工贸企业安全生产监督检查',
        level: '市',
        legalBasis: `${safety}第六十五条；《工贸企业重大事故隐患判定标准》（应急管理部令第10号）`,
        objectType: '冶金、有色、建材、机械、轻工等工贸行业企业',
        measures: '现场检查、调阅资料、责令限期整改、行政处罚',
        checks: [
          ['01', '安全生产责任制和安全生产规章制度', '书面检查', `${safety}第二十一条`],
          ['02', '粉尘涉爆、有限空间等重点作业场所安全条件', '现场检查', '《工贸企业重大事故隐患判定标准》'],
          ['03', '特种作业人员持证上岗', '书面检查', `${safety}第三十条`],
        ],
      },
      {
        code: 'YJGL-JG-003',
        name: '生产经营单位应急预案管理监督检查',
        level: '市',
        legalBasis: `${safety}第八十一条；《生产安全事故应急条例》`,
        objectType: '生产经营单位',
        measures: '书面检查、现场检查、责令改正',
        checks: [
          ['01', '生产安全事故应急救援预案的编制、评审和备案', '书面检查', `${safety}第八十一条`],
          ['02', '应急预案演练及评估记录', '书面检查', '《生产安全事故应急条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'YJGL-CC-01',
        name: '危险化学品企业安全生产随机抽查',
        checks: ['YJGL-JG-001-01', 'YJGL-JG-001-02', 'YJGL-JG-001-03', 'YJGL-JG-001-04'],
        basis: `${safety}第六十五条；《危险化学品安全管理条例》第七条`,
        industries: ['26'],
        ratios: { A: 10, B: 20, C: 50, D: 100 },
        frequency: '每半年一次',
        fields: ['安全生产'],
        minInspectors: 3,
        published: true,
      },
      {
        code: 'YJGL-CC-02',
        name: '工贸企业安全生产随机抽查',
        checks: ['YJGL-JG-002-01', 'YJGL-JG-002-02', 'YJGL-JG-002-03'],
        basis: `${safety}第六十五条`,
        industries: ['30', '33', '34'],
        ratios: { A: 5, B: 10, C: 30, D: 60 },
        frequency: '每年一次',
        fields: ['安全生产'],
        published: true,
      },
      {
        code: 'YJGL-CC-03',
        name: '生产经营单位应急预案管理抽查',
        checks: ['YJGL-JG-003-01', 'YJGL-JG-003-02'],
        basis: `${safety}第八十一条`,
        industries: ['26', '30', '33', '34'],
        frequency: '按需',
        fields: ['安全生产'],
        published: false,
      },
    ],
  },
  {
    department: '市生态环境局',
    leader: '副局长 郑晓东',
    unit: '生态环境执法支队',
    person: '马德胜',
    items: [
      {
        code: 'STHJ-JG-001',
        name: '排污单位环境监督检查',
        level: '国家',
        claimedFrom: 'GJ-STHJ-PW-0001',
        licenceItems: ['排污许可证核发'],
        legalBasis:
          '《中华人民共和国环境保护法》第二十四条；《中华人民共和国大气污染防治法》第二十九条；《中华人民共和国水污染防治法》第三十条；《排污许可管理条例》',
        objectType: '纳入排污许可管理的企业事业单位和其他生产经营者',
        measures: '现场检查、监测采样、调阅自动监控数据、查封扣押、按日连续处罚',
        checks: [
          ['01', '持证排污，按排污许可证载明事项排放污染物', '现场检查', '《排污许可管理条例》'],
          [
            '02',
            '污染防治设施正常运行，无通过暗管、篡改监测数据等逃避监管的方式排放',
            '现场检查',
            '《中华人民共和国环境保护法》第四十二条',
          ],
          ['03', '自行监测与环境管理台账记录', '非现场检查', '《排污许可管理条例》'],
          ['04', '自动监控设施联网与数据有效性', '非现场检查', '《中华人民共和国环境保护法》第四十二条'],
        ],
      },
      {
        code: 'STHJ-JG-002',
        name: '建设项目环境影响评价和“三同时”监督检查',
        level: '市',
        legalBasis:
          '《中华人民共和国环境影响评价法》；《建设项目环境保护管理条例》；《中华人民共和国环境保护法》第四十一条',
        objectType: '建设单位',
        measures: '书面检查、现场检查、责令停止建设、责令改正',
        checks: [
          ['01', '环境影响评价文件审批或备案手续', '书面检查', '《中华人民共和国环境影响评价法》'],
          [
            '02',
            '防治污染设施与主体工程同时设计、同时施工、同时投产使用及竣工验收',
            '现场检查',
            '《中华人民共和国环境保护法》第四十一条',
          ],
        ],
      },
      {
        code: 'STHJ-JG-003',
        name: '危险废物规范化环境管理监督检查',
        level: '省',
        claimedFrom: 'SD-STHJ-GF-0012',
        legalBasis: '《中华人民共和国固体废物污染环境防治法》；《危险废物转移管理办法》',
        objectType: '产生、收集、贮存、利用、处置危险废物的单位',
        measures: '现场检查、查阅台账和转移联单、责令改正',
        checks: [
          ['01', '危险废物管理计划和管理台账', '书面检查', '《中华人民共和国固体废物污染环境防治法》'],
          ['02', '贮存设施、识别标志和分类贮存', '现场检查', '《中华人民共和国固体废物污染环境防治法》'],
          ['03', '危险废物电子转移联单运行', '非现场检查', '《危险废物转移管理办法》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'STHJ-CC-01',
        name: '排污单位双随机抽查',
        checks: ['STHJ-JG-001-01', 'STHJ-JG-001-02', 'STHJ-JG-001-03', 'STHJ-JG-001-04'],
        basis: '《中华人民共和国环境保护法》第二十四条；《排污许可管理条例》',
        industries: ['26', '30', '33'],
        ratios: { A: 5, B: 15, C: 40, D: 80 },
        frequency: '每半年一次',
        fields: ['生态环境'],
        published: true,
      },
      {
        code: 'STHJ-CC-02',
        name: '危险废物产生单位抽查',
        checks: ['STHJ-JG-003-01', 'STHJ-JG-003-02', 'STHJ-JG-003-03'],
        basis: '《中华人民共和国固体废物污染环境防治法》',
        industries: ['26', '33', '34'],
        frequency: '每年一次',
        fields: ['生态环境'],
        published: true,
      },
    ],
  },
  {
    department: '市卫生健康委',
    leader: '副主任 林玉兰',
    unit: '卫生健康监督所',
    person: '高明',
    items: [
      {
        code: 'WSJK-JG-001',
        name: '公共场所卫生监督检查',
        level: '国家',
        claimedFrom: 'GJ-WSJK-GG-0001',
        licenceItems: ['公共场所卫生许可'],
        legalBasis: '《公共场所卫生管理条例》；《公共场所卫生管理条例实施细则》',
        objectType: '住宿、沐浴、美容美发等公共场所经营者',
        measures: '现场检查、卫生检测、责令限期改进、行政处罚',
        checks: [
          ['01', '卫生许可证和从业人员健康合格证明', '书面检查', '《公共场所卫生管理条例》'],
          ['02', '卫生管理制度和卫生管理档案', '书面检查', '《公共场所卫生管理条例实施细则》'],
          ['03', '顾客用品用具清洗、消毒、保洁', '现场检查', '《公共场所卫生管理条例实施细则》'],
          ['04', '室内空气质量和集中空调通风系统卫生', '现场检查', '《公共场所卫生管理条例实施细则》'],
        ],
      },
      {
        code: 'WSJK-JG-002',
        name: '医疗机构依法执业监督检查',
        level: '市',
        licenceItems: ['医疗机构执业登记'],
        legalBasis: '《医疗机构管理条例》；《中华人民共和国医师法》；《医疗废物管理条例》',
        objectType: '医疗机构',
        measures: '书面检查、现场检查、责令改正、行政处罚',
        checks: [
          ['01', '执业许可证有效，按核准的诊疗科目开展诊疗活动', '书面检查', '《医疗机构管理条例》'],
          ['02', '卫生技术人员依法取得执业资格并注册', '书面检查', '《中华人民共和国医师法》'],
          ['03', '医疗废物分类收集、暂时贮存和交接登记', '现场检查', '《医疗废物管理条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'WSJK-CC-01',
        name: '公共场所卫生双随机抽查',
        checks: ['WSJK-JG-001-01', 'WSJK-JG-001-02', 'WSJK-JG-001-03', 'WSJK-JG-001-04'],
        basis: '《公共场所卫生管理条例》',
        industries: ['61', '805'],
        frequency: '每年一次',
        fields: ['卫生健康'],
        published: true,
      },
      {
        code: 'WSJK-CC-02',
        name: '医疗机构依法执业抽查',
        checks: ['WSJK-JG-002-01', 'WSJK-JG-002-02', 'WSJK-JG-002-03'],
        basis: '《医疗机构管理条例》；《医疗废物管理条例》',
        industries: ['84'],
        ratios: { A: 10, B: 20, C: 50, D: 100 },
        frequency: '每年一次',
        fields: ['卫生健康'],
        published: true,
      },
    ],
  },
  {
    department: '市交通运输局',
    leader: '副局长 胡德明',
    unit: '交通运输综合执法支队',
    person: '孙建华',
    items: [
      {
        code: 'JTYS-JG-001',
        name: '道路货物运输经营者监督检查',
        level: '市',
        licenceItems: ['道路货物运输经营许可'],
        legalBasis: '《中华人民共和国道路运输条例》；《道路货物运输及站场管理规定》',
        objectType: '道路货物运输经营者',
        measures: '书面检查、现场检查、动态监控数据核查、责令改正',
        checks: [
          ['01', '道路运输经营许可证和车辆道路运输证', '书面检查', '《中华人民共和国道路运输条例》'],
          ['02', '驾驶人员从业资格', '书面检查', '《中华人民共和国道路运输条例》'],
          ['03', '车辆动态监控和超速、疲劳驾驶处置', '非现场检查', '《道路运输车辆动态监督管理办法》'],
          ['04', '安全生产管理制度和车辆技术管理', '现场检查', '《道路货物运输及站场管理规定》'],
        ],
      },
      {
        code: 'JTYS-JG-002',
        name: '道路旅客运输经营者监督检查',
        level: '市',
        licenceItems: ['道路旅客运输经营许可'],
        legalBasis: '《中华人民共和国道路运输条例》；《道路旅客运输及客运站管理规定》',
        objectType: '道路旅客运输经营者',
        measures: '现场检查、动态监控数据核查、责令改正',
        checks: [
          ['01', '客运车辆安全例行检查', '现场检查', '《道路旅客运输及客运站管理规定》'],
          ['02', '驾驶员连续驾驶时间和夜间运行管理', '非现场检查', '《道路运输车辆动态监督管理办法》'],
          ['03', '包车客运标志牌和乘客信息', '书面检查', '《道路旅客运输及客运站管理规定》'],
        ],
      },
      {
        code: 'JTYS-JG-003',
        name: '道路危险货物运输监督检查',
        level: '省',
        claimedFrom: 'SD-JTYS-WH-0005',
        licenceItems: ['道路危险货物运输许可'],
        legalBasis: '《危险化学品安全管理条例》；《道路危险货物运输管理规定》',
        objectType: '道路危险货物运输企业',
        measures: '现场检查、书面检查、责令改正、行政处罚',
        checks: [
          ['01', '专用车辆、罐体检验和安全设施', '现场检查', '《道路危险货物运输管理规定》'],
          ['02', '驾驶人员、装卸管理人员和押运人员从业资格', '书面检查', '《危险化学品安全管理条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'JTYS-CC-01',
        name: '道路货物运输企业随机抽查',
        checks: ['JTYS-JG-001-01', 'JTYS-JG-001-02', 'JTYS-JG-001-03', 'JTYS-JG-001-04'],
        basis: '《中华人民共和国道路运输条例》',
        industries: ['543'],
        ratios: { A: 3, B: 10, C: 30, D: 70 },
        frequency: '每年一次',
        fields: ['交通运输'],
        published: true,
      },
      {
        code: 'JTYS-CC-02',
        name: '道路客运企业随机抽查',
        checks: ['JTYS-JG-002-01', 'JTYS-JG-002-02', 'JTYS-JG-002-03'],
        basis: '《道路旅客运输及客运站管理规定》',
        industries: ['541', '542'],
        ratios: { A: 5, B: 15, C: 40, D: 80 },
        frequency: '每半年一次',
        fields: ['交通运输'],
        published: true,
      },
    ],
  },
  {
    department: '市文化和旅游局',
    leader: '副局长 何丽华',
    unit: '文化市场综合执法支队',
    person: '朱晓梅',
    items: [
      {
        code: 'WHLY-JG-001',
        name: '旅行社经营行为监督检查',
        level: '国家',
        claimedFrom: 'GJ-WHLY-LY-0002',
        licenceItems: ['旅行社业务经营许可'],
        legalBasis: '《中华人民共和国旅游法》第八十三条；《旅行社条例》',
        objectType: '旅行社及其分社、服务网点',
        measures: '书面检查、现场检查、责令改正、行政处罚',
        checks: [
          ['01', '旅行社业务经营许可证和旅游服务质量保证金', '书面检查', '《旅行社条例》'],
          ['02', '旅游合同的订立和履行', '书面检查', '《中华人民共和国旅游法》第五十七条'],
          ['03', '导游、领队由旅行社委派并持证上岗', '现场检查', '《中华人民共和国旅游法》第四十条'],
        ],
      },
      {
        code: 'WHLY-JG-002',
        name: '出版物市场经营活动监督检查',
        level: '市',
        licenceItems: ['出版物零售业务经营许可'],
        legalBasis: '《出版管理条例》；《出版物市场管理规定》',
        objectType: '出版单位、出版物发行单位',
        measures: '现场检查、查阅进销货凭证、责令改正、行政处罚',
        checks: [
          ['01', '出版物经营许可证和经营范围', '书面检查', '《出版物市场管理规定》'],
          ['02', '经营的出版物来源合法，无非法出版物', '现场检查', '《出版管理条例》'],
        ],
      },
      {
        code: 'WHLY-JG-003',
        name: '娱乐场所监督检查',
        level: '市',
        licenceItems: ['娱乐场所经营许可'],
        legalBasis: '《娱乐场所管理条例》',
        objectType: '歌舞娱乐场所、游艺娱乐场所',
        measures: '现场检查、责令改正、行政处罚',
        checks: [
          ['01', '娱乐经营许可证和营业执照', '书面检查', '《娱乐场所管理条例》'],
          ['02', '营业时间、未成年人保护和禁止内容', '现场检查', '《娱乐场所管理条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'WHLY-CC-01',
        name: '旅行社随机抽查',
        checks: ['WHLY-JG-001-01', 'WHLY-JG-001-02', 'WHLY-JG-001-03'],
        basis: '《中华人民共和国旅游法》第八十三条；《旅行社条例》',
        industries: ['7291'],
        frequency: '每年一次',
        fields: ['文化旅游'],
        published: true,
      },
      {
        code: 'WHLY-CC-02',
        name: '出版物市场随机抽查',
        checks: ['WHLY-JG-002-01', 'WHLY-JG-002-02'],
        basis: '《出版管理条例》；《出版物市场管理规定》',
        industries: ['86', '5243'],
        ratios: { A: 3, B: 10, C: 25, D: 60 },
        frequency: '每年一次',
        fields: ['文化旅游'],
        published: true,
      },
    ],
  },
  {
    department: '市消防救援支队',
    leader: '副支队长 郭志强',
    unit: '防火监督处',
    person: '黄磊',
    items: [
      {
        code: 'XFJY-JG-001',
        name: '消防监督检查',
        level: '国家',
        claimedFrom: 'GJ-XFJY-JD-0001',
        legalBasis: `${fire}第五十三条；《消防监督检查规定》`,
        objectType: '机关、团体、企业、事业等单位',
        measures: '现场检查、责令改正、临时查封、行政处罚',
        checks: [
          ['01', '消防安全责任制和消防安全管理制度落实', '书面检查', `${fire}第十六条`],
          ['02', '消防设施、器材和消防安全标志完好有效', '现场检查', `${fire}第十六条`],
          ['03', '疏散通道、安全出口、消防车通道畅通', '现场检查', `${fire}第二十八条`],
          ['04', '消防控制室值班和员工消防安全培训', '现场检查', `${fire}第十七条`],
        ],
      },
      {
        code: 'XFJY-JG-002',
        name: '公众聚集场所投入使用、营业前消防安全检查',
        level: '国家',
        claimedFrom: 'GJ-XFJY-XK-0002',
        licenceItems: ['公众聚集场所投入使用、营业前消防安全检查'],
        legalBasis: `${fire}第十五条`,
        objectType: '宾馆、饭店、商场、集贸市场、歌舞娱乐场所等公众聚集场所',
        measures: '承诺内容核查、现场检查、责令停止使用或者停产停业',
        checks: [
          ['01', '告知承诺内容与场所实际情况是否一致', '现场检查', `${fire}第十五条`],
          ['02', '建筑消防设施检测报告和消防安全管理人员', '书面检查', `${fire}第十五条`],
        ],
      },
    ],
    sampling: [
      {
        code: 'XFJY-CC-01',
        name: '消防安全随机抽查',
        checks: ['XFJY-JG-001-01', 'XFJY-JG-001-02', 'XFJY-JG-001-03', 'XFJY-JG-001-04'],
        basis: `${fire}第五十三条`,
        industries: ['61', '62', '521', '84'],
        ratios: { A: 5, B: 15, C: 40, D: 80 },
        frequency: '每半年一次',
        fields: ['消防'],
        published: true,
      },
      {
        code: 'XFJY-CC-02',
        name: '公众聚集场所承诺核查抽查',
        checks: ['XFJY-JG-002-01', 'XFJY-JG-002-02'],
        basis: `${fire}第十五条`,
        industries: ['61', '62'],
        ratios: { A: 10, B: 20, C: 50, D: 100 },
        frequency: '按需',
        fields: ['消防'],
        published: false,
      },
    ],
  },
  {
    department: '市住房城乡建设局',
    leader: '副局长 王建国',
    unit: '建设工程质量安全监督站',
    person: '李红梅',
    items: [
      {
        code: 'ZJJ-JG-001',
        name: '建设工程质量监督检查',
        level: '市',
        legalBasis: '《建设工程质量管理条例》第四十七条',
        objectType: '建设、勘察、设计、施工、工程监理单位',
        measures: '现场检查、实体质量抽测、调阅资料、责令改正',
        checks: [
          ['01', '质量责任制和质量管理体系', '书面检查', '《建设工程质量管理条例》'],
          ['02', '建筑材料、构配件和商品混凝土进场检验', '现场检查', '《建设工程质量管理条例》第二十九条'],
          ['03', '工程实体质量抽测', '现场检查', '《建设工程质量管理条例》第四十七条'],
        ],
      },
      {
        code: 'ZJJ-JG-002',
        name: '建筑施工安全生产监督检查',
        level: '市',
        licenceItems: ['建筑施工企业安全生产许可'],
        legalBasis: '《建设工程安全生产管理条例》第四十三条；《中华人民共和国建筑法》',
        objectType: '建筑施工企业',
        measures: '现场检查、责令限期整改、责令暂停施工',
        checks: [
          [
            '01',
            '安全生产许可证和企业主要负责人、项目负责人、专职安全生产管理人员考核',
            '书面检查',
            '《建设工程安全生产管理条例》',
          ],
          [
            '02',
            '危险性较大的分部分项工程专项施工方案和现场管理',
            '现场检查',
            '《危险性较大的分部分项工程安全管理规定》（住房城乡建设部令第37号）',
          ],
          ['03', '施工现场临时用电和起重机械安全', '现场检查', '《建设工程安全生产管理条例》'],
        ],
      },
      {
        code: 'ZJJ-JG-003',
        name: '建筑业企业资质动态核查',
        level: '国家',
        claimedFrom: 'GJ-ZJJ-ZZ-0003',
        licenceItems: ['建筑业企业资质核准'],
        legalBasis: '《中华人民共和国建筑法》；《建筑业企业资质管理规定》',
        objectType: '取得建筑业企业资质的企业',
        measures: '书面检查、数据比对、责令限期整改、撤回资质',
        checks: [
          ['01', '注册人员、技术负责人等资质标准条件', '非现场检查', '《建筑业企业资质管理规定》'],
          ['02', '资质证书载明信息与实际情况一致', '书面检查', '《建筑业企业资质管理规定》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'ZJJ-CC-01',
        name: '建筑施工企业安全生产抽查',
        checks: ['ZJJ-JG-002-01', 'ZJJ-JG-002-02', 'ZJJ-JG-002-03'],
        basis: '《建设工程安全生产管理条例》第四十三条',
        industries: ['47', '48'],
        ratios: { A: 5, B: 15, C: 35, D: 70 },
        frequency: '每半年一次',
        fields: ['住房城乡建设'],
        published: true,
      },
      {
        code: 'ZJJ-CC-02',
        name: '建设工程质量随机抽查',
        checks: ['ZJJ-JG-001-01', 'ZJJ-JG-001-02', 'ZJJ-JG-001-03'],
        basis: '《建设工程质量管理条例》第四十七条',
        industries: ['47', '48'],
        frequency: '每年一次',
        fields: ['住房城乡建设'],
        published: true,
      },
      {
        code: 'ZJJ-CC-03',
        name: '建筑业企业资质核查抽查',
        checks: ['ZJJ-JG-003-01', 'ZJJ-JG-003-02'],
        basis: '《建筑业企业资质管理规定》',
        industries: ['47', '48'],
        subjectKinds: ['企业'],
        frequency: '每年一次',
        fields: ['住房城乡建设'],
        published: false,
      },
    ],
  },
  {
    department: '市城市管理局',
    leader: '副局长 陈德胜',
    unit: '城市管理综合执法支队',
    person: '徐伟',
    items: [
      {
        code: 'CSGL-JG-001',
        name: '餐饮服务业油烟污染防治监督检查',
        level: '市',
        legalBasis: '《中华人民共和国大气污染防治法》第八十一条',
        objectType: '排放油烟的餐饮服务业经营者',
        measures: '现场检查、责令改正、行政处罚',
        checks: [
          ['01', '油烟净化设施安装并保持正常使用', '现场检查', '《中华人民共和国大气污染防治法》第八十一条'],
          ['02', '油烟净化设施清洗维护记录', '书面检查', '《中华人民共和国大气污染防治法》第八十一条'],
        ],
      },
      {
        code: 'CSGL-JG-002',
        name: '城镇燃气经营监督检查',
        level: '市',
        licenceItems: ['燃气经营许可'],
        legalBasis: '《城镇燃气管理条例》',
        objectType: '燃气经营者',
        measures: '现场检查、书面检查、责令改正',
        checks: [
          ['01', '燃气经营许可证和经营区域', '书面检查', '《城镇燃气管理条例》第十五条'],
          ['02', '瓶装燃气充装、配送和用户安全检查', '现场检查', '《城镇燃气管理条例》'],
        ],
      },
      {
        code: 'CSGL-JG-003',
        name: '户外广告设施设置监督检查',
        level: '县',
        legalBasis: '《城市市容和环境卫生管理条例》',
        objectType: '户外广告设施设置人',
        measures: '现场检查、责令限期改正、拆除',
        checks: [
          ['01', '户外广告设施设置手续', '书面检查', '《城市市容和环境卫生管理条例》'],
          ['02', '设施结构安全和维护', '现场检查', '《城市市容和环境卫生管理条例》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'CSGL-CC-01',
        name: '餐饮油烟污染防治随机抽查',
        checks: ['CSGL-JG-001-01', 'CSGL-JG-001-02'],
        basis: '《中华人民共和国大气污染防治法》第八十一条',
        industries: ['62'],
        ratios: { A: 3, B: 10, C: 30, D: 70 },
        frequency: '每年一次',
        fields: ['城市管理'],
        published: true,
      },
    ],
  },
  {
    department: '市商务局',
    leader: '副局长 杨秀英',
    unit: '市场运行和消费促进科',
    person: '周涛',
    items: [
      {
        code: 'SWJ-JG-001',
        name: '单用途商业预付卡发卡企业监督检查',
        level: '国家',
        claimedFrom: 'GJ-SWJ-YFK-0001',
        legalBasis: '《单用途商业预付卡管理办法（试行）》',
        objectType: '零售业、住宿和餐饮业、居民服务业发卡企业',
        measures: '书面检查、现场检查、责令限期改正',
        checks: [
          ['01', '发卡企业备案', '书面检查', '《单用途商业预付卡管理办法（试行）》'],
          ['02', '预收资金余额和资金存管', '非现场检查', '《单用途商业预付卡管理办法（试行）》'],
          ['03', '购卡章程、购卡协议和实名登记', '书面检查', '《单用途商业预付卡管理办法（试行）》'],
        ],
      },
      {
        code: 'SWJ-JG-002',
        name: '再生资源回收经营者监督检查',
        level: '市',
        legalBasis: '《再生资源回收管理办法》',
        objectType: '再生资源回收经营者',
        measures: '书面检查、现场检查、责令改正',
        checks: [
          ['01', '再生资源回收经营者备案', '书面检查', '《再生资源回收管理办法》'],
          ['02', '生产性废旧金属收购登记', '现场检查', '《再生资源回收管理办法》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'SWJ-CC-01',
        name: '单用途商业预付卡发卡企业抽查',
        checks: ['SWJ-JG-001-01', 'SWJ-JG-001-02', 'SWJ-JG-001-03'],
        basis: '《单用途商业预付卡管理办法（试行）》',
        industries: ['52', '62', '80'],
        subjectKinds: ['企业'],
        frequency: '每年一次',
        fields: ['商务'],
        published: true,
      },
      {
        code: 'SWJ-CC-02',
        name: '再生资源回收经营者抽查',
        checks: ['SWJ-JG-002-01', 'SWJ-JG-002-02'],
        basis: '《再生资源回收管理办法》',
        industries: ['5191'],
        frequency: '每年一次',
        fields: ['商务'],
        published: false,
      },
    ],
  },
  {
    department: '市农业农村局',
    leader: '副局长 赵丽华',
    unit: '农业综合行政执法支队',
    person: '刘洋',
    items: [
      {
        code: 'NYNC-JG-001',
        name: '农药经营监督检查',
        level: '省',
        claimedFrom: 'SD-NYNC-NY-0008',
        licenceItems: ['农药经营许可'],
        legalBasis: '《农药管理条例》',
        objectType: '农药经营者',
        measures: '现场检查、抽样检验、查阅购销台账、责令改正',
        checks: [
          ['01', '农药经营许可证', '书面检查', '《农药管理条例》'],
          ['02', '进货查验和购销台账', '现场检查', '《农药管理条例》'],
          ['03', '限制使用农药定点经营和实名购买', '现场检查', '《农药管理条例》'],
        ],
      },
      {
        code: 'NYNC-JG-002',
        name: '农产品质量安全监督检查',
        level: '市',
        legalBasis: '《中华人民共和国农产品质量安全法》',
        objectType: '农产品生产企业、农民专业合作社',
        measures: '现场检查、抽样检测、责令改正',
        checks: [
          ['01', '农产品生产记录', '书面检查', '《中华人民共和国农产品质量安全法》'],
          ['02', '农药使用安全间隔期执行', '现场检查', '《中华人民共和国农产品质量安全法》'],
          ['03', '承诺达标合格证开具', '现场检查', '《中华人民共和国农产品质量安全法》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'NYNC-CC-01',
        name: '农产品生产主体质量安全抽查',
        checks: ['NYNC-JG-002-01', 'NYNC-JG-002-02', 'NYNC-JG-002-03'],
        basis: '《中华人民共和国农产品质量安全法》',
        industries: ['01'],
        ratios: { A: 3, B: 10, C: 30, D: 70 },
        frequency: '每年一次',
        fields: ['农业农村'],
        published: true,
      },
      {
        code: 'NYNC-CC-02',
        name: '农药经营者随机抽查',
        checks: ['NYNC-JG-001-01', 'NYNC-JG-001-02', 'NYNC-JG-001-03'],
        basis: '《农药管理条例》',
        industries: ['5167'],
        frequency: '每年一次',
        fields: ['农业农村'],
        published: true,
      },
    ],
  },
  {
    department: '市海洋发展局',
    leader: '副局长 厉海燕',
    unit: '海洋与渔业执法支队',
    person: '丁晓东',
    items: [
      {
        code: 'HYFZ-JG-001',
        name: '水产养殖投入品使用监督检查',
        level: '市',
        legalBasis: '《中华人民共和国渔业法》；《兽药管理条例》；《中华人民共和国农产品质量安全法》',
        objectType: '水产养殖生产者',
        measures: '现场检查、抽样检测、责令改正',
        checks: [
          ['01', '养殖生产记录和用药记录', '书面检查', '《兽药管理条例》'],
          ['02', '禁用药品和停用兽药使用情况', '现场检查', '《兽药管理条例》'],
        ],
      },
      {
        code: 'HYFZ-JG-002',
        name: '水产苗种生产监督检查',
        level: '省',
        claimedFrom: 'SD-HYFZ-YY-0004',
        licenceItems: ['水产苗种生产经营许可'],
        legalBasis: '《中华人民共和国渔业法》；《水产苗种管理办法》',
        objectType: '水产苗种生产单位和个人',
        measures: '书面检查、现场检查、检疫证明查验',
        checks: [
          ['01', '水产苗种生产许可证', '书面检查', '《水产苗种管理办法》'],
          ['02', '苗种检疫合格证明', '现场检查', '《水产苗种管理办法》'],
        ],
      },
    ],
    sampling: [
      {
        code: 'HYFZ-CC-01',
        name: '水产养殖质量安全随机抽查',
        checks: ['HYFZ-JG-001-01', 'HYFZ-JG-001-02'],
        basis: '《中华人民共和国渔业法》；《兽药管理条例》',
        industries: ['04'],
        frequency: '每年一次',
        fields: ['海洋渔业'],
        published: true,
      },
    ],
  },
];
