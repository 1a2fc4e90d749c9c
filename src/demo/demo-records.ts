import { addDays } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import { receiveRecords } from '../records/record-receive.service';
import type { RecordType } from '../records/record.schemas';
import type { RecordChannel } from '../records/record.table';
import { seededRandom } from '../shared/seeded-random';
import { enterpriseUscc, organUscc } from '../shared/uscc';
import type { AppDeps } from '../shared/context';
import { demoIdCard } from './demo-seed';
import { districts } from './demo-subjects';
import { at, type DemoSteps, workingDayOnOrAfter } from './demo-steps';

/**
 * The records of the last four months the platform received (src/records): about 60 registration events from the
 * licensing bureau's system (设立, 变更, 注销; mixed channels), about 40 licences (most from the bureau, some decided by
 * provincial bodies and entered by the supervising department, one revoked later as a new version), about 30
 * penalties (some on natural persons, one following a demo inspection's finding). Each goes through the receiving
 * service at its past instant, so the hooks of the other capabilities run as they would have. Deterministic.
 */
export interface DemoRecords {
  registrations: number;
  licences: number;
  penalties: number;
}

const brands = ['海悦', '蓝湾', '日升', '鲁东', '港城', '岚舟', '五莲山', '浮来', '金沙滩', '御海', '曙光', '东夷'];
/** A business with the activities its scope names (several need a licence: 双告知) and its industry code. */
const trades: { suffix: string; scope: string; industry: string }[] = [
  { suffix: '餐饮管理有限公司', scope: '餐饮服务；食品销售；外卖递送服务', industry: '6210' },
  { suffix: '快餐店', scope: '小餐饮；食品销售（仅销售预包装食品）', industry: '6220' },
  { suffix: '商贸有限公司', scope: '食品销售；日用百货销售；烟草制品零售', industry: '5211' },
  { suffix: '大药房有限公司', scope: '药品零售；第二类医疗器械销售；保健食品销售', industry: '5251' },
  { suffix: '化工有限公司', scope: '危险化学品经营；化工产品销售（不含许可类化工产品）', industry: '5169' },
  { suffix: '养老服务有限公司', scope: '养老服务；家政服务；健康咨询服务', industry: '8514' },
  { suffix: '物流有限公司', scope: '道路货物运输（不含危险货物）；普通货物仓储服务', industry: '5431' },
  { suffix: '冷链运输有限公司', scope: '道路货物运输（不含危险货物）；低温仓储', industry: '5432' },
  { suffix: '书店', scope: '出版物零售；文具用品零售', industry: '5243' },
  { suffix: '粮油店', scope: '食品销售；粮油零售', industry: '5221' },
  { suffix: '网络科技有限公司', scope: '技术服务、技术开发、技术咨询；软件开发', industry: '6513' },
  { suffix: '软件有限公司', scope: '软件开发；信息技术咨询服务', industry: '6519' },
  { suffix: '美容美发店', scope: '理发服务；生活美容服务', industry: '8040' },
  { suffix: '水产批发有限公司', scope: '食品销售；水产品批发', industry: '5124' },
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '郑'];
const givenNames = ['海涛', '晓燕', '建华', '秀英', '志刚', '丽娟', '明', '静', '磊', '洋'];

/** Licences the scope's activities need, with the licensing department's document names. */
const licenceKinds: Record<string, { doc: string; cert: string; content: string; years: number }> = {
  '6210': { doc: '食品经营许可决定书', cert: '食品经营许可证', content: '热食类食品制售；预包装食品销售', years: 5 },
  '6220': { doc: '食品经营许可决定书', cert: '食品经营许可证', content: '热食类食品制售', years: 5 },
  '5211': { doc: '烟草专卖零售许可决定书', cert: '烟草专卖零售许可证', content: '卷烟、雪茄烟零售', years: 5 },
  '5251': {
    doc: '药品经营许可决定书',
    cert: '药品经营许可证',
    content: '药品零售：中成药、化学药制剂、抗生素制剂',
    years: 5,
  },
  '5169': {
    doc: '危险化学品经营许可决定书',
    cert: '危险化学品经营许可证',
    content: '危险化学品经营（不带储存设施）',
    years: 3,
  },
  '8514': { doc: '养老机构备案回执', cert: '', content: '养老机构备案（床位 60 张）', years: 0 },
  '5431': { doc: '道路运输经营许可决定书', cert: '道路运输经营许可证', content: '道路普通货物运输', years: 4 },
  '5432': {
    doc: '道路运输经营许可决定书',
    cert: '道路运输经营许可证',
    content: '道路普通货物运输（冷藏保鲜）',
    years: 4,
  },
  '5243': { doc: '出版物经营许可决定书', cert: '出版物经营许可证', content: '出版物零售', years: 6 },
  '5221': {
    doc: '食品经营许可决定书',
    cert: '食品经营许可证',
    content: '预包装食品（含冷藏冷冻食品）销售；散装食品销售',
    years: 5,
  },
  '5124': { doc: '食品经营许可决定书', cert: '食品经营许可证', content: '预包装食品（含冷藏冷冻食品）销售', years: 5 },
};
const violations: { type: string; facts: string; basis: string; categories: string[]; fine: string | null }[] = [
  {
    type: '经营超过保质期的食品',
    facts: '当事人经营超过保质期的预包装食品 9 件，货值 216 元',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    categories: ['罚款', '没收违法所得'],
    fine: '0.5',
  },
  {
    type: '未按规定公示营业执照',
    facts: '当事人未将营业执照置于住所或者主要经营场所的醒目位置',
    basis: '《中华人民共和国市场主体登记管理条例》第四十八条',
    categories: ['警告'],
    fine: null,
  },
  {
    type: '未取得许可从事经营活动',
    facts: '当事人未取得食品经营许可从事食品销售活动，违法所得 1,350 元',
    basis: '《中华人民共和国食品安全法》第一百二十二条',
    categories: ['罚款', '没收违法所得'],
    fine: '5',
  },
  {
    type: '消防设施未保持完好有效',
    facts: '当事人经营场所灭火器失效，疏散指示标志损坏',
    basis: '《中华人民共和国消防法》第六十条第一款第（一）项',
    categories: ['罚款'],
    fine: '0.8',
  },
  {
    type: '未按规定进行安全生产教育培训',
    facts: '当事人未对 3 名从业人员进行安全生产教育和培训',
    basis: '《中华人民共和国安全生产法》第九十七条第（三）项',
    categories: ['警告', '罚款'],
    fine: '1.2',
  },
];

const SPJ = { name: '日照市行政审批服务局', uscc: organUscc('371100', 700_004) };
const SCJG = { name: '日照市市场监督管理局', uscc: organUscc('371100', 700_002) };
const YJGL = { name: '日照市应急管理局', uscc: organUscc('371100', 700_020) };
/** Bodies outside the platform whose licences the supervising department enters (第十三条). */
const PROVINCE_DRUGS = { name: '山东省药品监督管理局', uscc: organUscc('370000', 700_101) };
const PROVINCE_EMERGENCY = { name: '山东省应急管理厅', uscc: organUscc('370000', 700_102) };

export async function planRecordsDemo(steps: DemoSteps): Promise<DemoRecords> {
  const rnd = seededRandom(20261206);
  const calendar = await workCalendar(steps.deps.db);
  const day = (daysAgo: number) => workingDayOnOrAfter(calendar, addDays(steps.today, -daysAgo));
  const counts: DemoRecords = { registrations: 0, licences: 0, penalties: 0 };
  const send = (
    date: string,
    time: string,
    username: string,
    type: RecordType,
    record: Record<string, unknown>,
    channel: RecordChannel,
  ) => {
    if (date >= steps.today) return;
    counts[type === 'registration' ? 'registrations' : type === 'licence' ? 'licences' : 'penalties'] += 1;
    steps.add(at(date, time), async (d: AppDeps) => {
      const result = await receiveRecords(d, await steps.actor(username), type, [record], channel);
      if (result.refused) throw new Error(`演示数据被拒收：${JSON.stringify(result.results[0]?.errors)}`);
    });
  };
  const channelOf = (): RecordChannel =>
    rnd.weighted<RecordChannel>([
      ['接口', 6],
      ['批量', 3],
      ['在线', 1],
    ]);
  const person = () => `${rnd.pick(surnames)}${rnd.pick(givenNames)}`;

  // 设立 of about 48 new businesses over the last ~120 days; some change or close later.
  const founded: {
    uscc: string;
    name: string;
    trade: (typeof trades)[number];
    on: string;
    division: string;
    n: number;
  }[] = [];
  for (let n = 0; n < 48; n += 1) {
    const trade = trades[n % trades.length]!;
    const district = rnd.pick(districts);
    const name = `日照${district.name.slice(0, 2)}${brands[n % brands.length]}${trade.suffix}`;
    const uscc = enterpriseUscc(district.code, 20_261_000 + n);
    const on = day(118 - Math.floor((n * 115) / 48));
    const record = {
      senderRecordId: `DJ${on.replaceAll('-', '')}${String(n + 1).padStart(4, '0')}`,
      event: '设立',
      uscc,
      name,
      subjectKind: trade.suffix.endsWith('店') ? '个体工商户' : '企业',
      legalRepresentative: person(),
      businessScope: trade.scope,
      industryCodes: [trade.industry],
      divisionCode: district.code,
      address: `日照市${district.name}${rnd.pick(district.towns)}${rnd.pick(['海曲路', '泰安路', '烟台路', '昭阳路', '青岛路'])}${10 + rnd.int(290)}号`,
      registeredOn: on,
      registrationAuthority: '日照市行政审批服务局',
      priorApproval: trade.industry === '5169',
    };
    founded.push({ uscc, name: record.name, trade, on, division: district.code, n });
    send(on, '09:30', 'spj_xk', 'registration', record, channelOf());
  }
  // 变更 (new address or scope) and 注销 of some of them.
  for (const f of founded.filter((_, i) => i % 5 === 1).slice(0, 8)) {
    const on = addDays(f.on, 20 + rnd.int(30));
    send(
      on,
      '10:40',
      'spj_xk',
      'registration',
      {
        senderRecordId: `DJBG${on.replaceAll('-', '')}${f.n}`,
        event: '变更',
        uscc: f.uscc,
        name: f.name,
        subjectKind: f.trade.suffix.endsWith('店') ? '个体工商户' : '企业',
        legalRepresentative: person(),
        businessScope: `${f.trade.scope}；会议及展览服务`,
        industryCodes: [f.trade.industry],
        divisionCode: f.division,
        address: `日照市${rnd.pick(districts).name}${rnd.pick(['北京路', '上海路', '济南路'])}${20 + rnd.int(200)}号`,
        registeredOn: on,
        registrationAuthority: '日照市行政审批服务局',
        priorApproval: false,
      },
      channelOf(),
    );
  }
  for (const f of founded.filter((_, i) => i % 12 === 7).slice(0, 4)) {
    const on = addDays(f.on, 45 + rnd.int(20));
    send(
      on,
      '15:10',
      'spj_xk',
      'registration',
      {
        senderRecordId: `DJZX${on.replaceAll('-', '')}${f.n}`,
        event: '注销',
        uscc: f.uscc,
        name: f.name,
        subjectKind: f.trade.suffix.endsWith('店') ? '个体工商户' : '企业',
        legalRepresentative: person(),
        businessScope: f.trade.scope,
        industryCodes: [f.trade.industry],
        divisionCode: f.division,
        address: '日照市东港区（已注销）',
        registeredOn: on,
        registrationAuthority: '日照市行政审批服务局',
        priorApproval: false,
      },
      '接口',
    );
  }

  // Licences: the bureau decides most within two to five weeks of 设立; the province decides drugs and chemicals.
  const licensable = founded.filter((f) => licenceKinds[f.trade.industry]);
  let revokedOne = false;
  for (const [i, f] of licensable.entries()) {
    const kind = licenceKinds[f.trade.industry]!;
    const decided = workingDayOnOrAfter(calendar, addDays(f.on, 12 + rnd.int(25)));
    const provincial = f.trade.industry === '5251' || (f.trade.industry === '5169' && i % 2 === 0);
    const body = f.trade.industry === '5251' ? PROVINCE_DRUGS : f.trade.industry === '5169' ? PROVINCE_EMERGENCY : SPJ;
    const authority = provincial ? body : SPJ;
    const record = {
      senderRecordId: `XK${decided.replaceAll('-', '')}${String(i + 1).padStart(3, '0')}`,
      counterpartCategory: f.trade.suffix.endsWith('店') ? '个体工商户' : '法人及非法人组织',
      counterpartName: f.name,
      uscc: f.uscc,
      legalRepresentative: person(),
      decisionDocName: kind.doc,
      decisionDocNo: `${provincial ? '鲁' : '日审批'}许〔${decided.slice(0, 4)}〕${100 + i}号`,
      category: f.trade.industry === '5211' ? '特许' : '普通',
      certificateName: kind.cert,
      certificateNo: kind.cert
        ? `${provincial ? 'LU' : 'RZ'}${f.trade.industry}${decided.replaceAll('-', '')}${i}`
        : '',
      content: kind.content,
      validFrom: decided,
      validTo: kind.years ? addDays(`${Number(decided.slice(0, 4)) + kind.years}${decided.slice(4)}`, -1) : null,
      decidedOn: decided,
      authorityName: authority.name,
      authorityUscc: authority.uscc,
      sourceUnitName: provincial ? (f.trade.industry === '5251' ? SCJG.name : YJGL.name) : SPJ.name,
      sourceUnitUscc: provincial ? (f.trade.industry === '5251' ? SCJG.uscc : YJGL.uscc) : SPJ.uscc,
      status: '有效',
      appliedOn: addDays(decided, -(5 + rnd.int(10))),
    };
    // Entered by the supervising department when a provincial body decided (第十三条); else sent by the bureau.
    const sender = provincial ? (f.trade.industry === '5251' ? 'scjg_admin' : 'yjgl_admin') : 'spj_xk';
    send(decided, '14:20', sender, 'licence', record, provincial ? '在线' : channelOf());
    if (!revokedOne && f.trade.industry === '5243') {
      revokedOne = true;
      const revoked = addDays(decided, 30);
      send(revoked, '11:00', sender, 'licence', { ...record, status: '已撤销' }, '接口');
      counts.licences -= 1;
    }
  }

  // Penalties: 市场监管 and 应急管理 decisions on businesses of the register and on natural persons (street vendors).
  for (let i = 0; i < 28; i += 1) {
    const v = violations[i % violations.length]!;
    const decided = day(110 - i * 4);
    const natural = i % 5 === 3;
    const target = founded[(i * 7) % founded.length]!;
    const byEmergency = v.type.includes('安全生产') || v.type.includes('消防');
    const authority = byEmergency ? YJGL : SCJG;
    send(
      decided,
      '16:00',
      byEmergency ? 'yjgl_admin' : i % 2 ? 'scjg_staff' : 'scjg_admin',
      'penalty',
      {
        senderRecordId: `CF${decided.replaceAll('-', '')}${String(i + 1).padStart(3, '0')}`,
        counterpartCategory: natural ? '自然人' : '法人及非法人组织',
        counterpartName: natural ? `${rnd.pick(surnames)}某某` : target.name,
        uscc: natural ? null : target.uscc,
        legalRepresentative: natural ? '' : person(),
        idNumber: natural ? demoIdCard(rnd.pick(districts).code, 5_000 + i) : null,
        decisionDocNo: `日${byEmergency ? '应急' : '市监'}罚〔${decided.slice(0, 4)}〕${40 + i}号`,
        violationType: v.type,
        violationFacts: v.facts,
        legalBasis: v.basis,
        categories: v.categories,
        content: v.fine ? `${v.categories.join('、')}，罚款 ${v.fine} 万元` : v.categories.join('、'),
        fineAmount: v.fine,
        confiscatedAmount: v.categories.includes('没收违法所得') ? '0.135' : null,
        decidedOn: decided,
        publicityUntil: addDays(decided, v.categories.length === 1 && v.categories[0] === '警告' ? 90 : 365),
        authorityName: authority.name,
        authorityUscc: authority.uscc,
        sourceUnitName: authority.name,
        sourceUnitUscc: authority.uscc,
        status: '有效',
      },
      channelOf(),
    );
  }
  planTaskPenalty(steps, day(12), counts);
  return counts;
}

/**
 * A penalty that follows a demo inspection's finding (《黄浦区精准高效协同监管实施办法（试行）》第十六条第二款): found when
 * the step runs (the inspections happen earlier in the same sequence), on the first inspected task with a finding.
 */
function planTaskPenalty(steps: DemoSteps, date: string, counts: DemoRecords) {
  if (date >= steps.today) return;
  counts.penalties += 1;
  steps.add(at(date, '16:30'), async (d) => {
    const task = await d.db
      .selectFrom('inspection_results as r')
      .innerJoin('inspection_tasks as t', 't.id', 'r.task_id')
      .innerJoin('subjects as s', 's.id', 't.subject_id')
      .select(['t.task_no', 's.uscc', 's.name', 's.legal_representative', 'r.notes'])
      .where('r.result', '=', '不符合')
      .orderBy('t.id')
      .executeTakeFirst();
    if (!task) return;
    await receiveRecords(
      d,
      await steps.actor('scjg_admin'),
      'penalty',
      [
        {
          senderRecordId: `CF${date.replaceAll('-', '')}RW`,
          counterpartCategory: '法人及非法人组织',
          counterpartName: task.name,
          uscc: task.uscc,
          legalRepresentative: task.legal_representative || '—',
          decisionDocNo: `日市监罚〔${date.slice(0, 4)}〕88号`,
          violationType: '检查发现的问题逾期未整改',
          violationFacts: `双随机抽查（任务 ${task.task_no}）发现：${task.notes || '检查项目不符合要求'}，责令限期整改后逾期未改正`,
          legalBasis: '《中华人民共和国食品安全法》第一百二十六条',
          categories: ['警告', '罚款'],
          content: '警告，罚款 0.3 万元',
          fineAmount: '0.3',
          decidedOn: date,
          publicityUntil: addDays(date, 365),
          authorityName: SCJG.name,
          authorityUscc: SCJG.uscc,
          sourceUnitName: SCJG.name,
          sourceUnitUscc: SCJG.uscc,
          taskNo: task.task_no,
        },
      ],
      '在线',
    );
  });
}
