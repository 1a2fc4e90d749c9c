import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { intakeInput, systemIntakeInput } from '../complaints/complaint-intake.schemas';
import { enterAtCounter, receiveFromSystem } from '../complaints/complaint-intake.service';
import { fileOnPortal } from '../complaints/complaint-public.service';
import { decideReward, listRewardCandidates } from '../complaints/complaint-reward.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

type Channel = '门户' | '12345热线' | '互联网+监管' | '窗口录入';

/** What people write in: matter, kind, title, what happened (the subject is a demo subject picked in turn). */
const CASES: { matter: string; kind: '投诉' | '举报'; title: string; content: string }[] = [
  {
    matter: 'SPAQ',
    kind: '投诉',
    title: '外卖饭菜有异物',
    content: '在该店点的外卖盖饭里吃出一根约 3 厘米的头发，联系商家只同意退一半餐费。',
  },
  {
    matter: 'SPAQ',
    kind: '举报',
    title: '后厨卫生脏乱',
    content: '该店后厨地面有积水和油污，生熟食品混放，员工不戴口罩和帽子直接操作。',
  },
  {
    matter: 'SPAQ',
    kind: '举报',
    title: '销售过期食品',
    content: '在该超市购买的酸奶已过保质期 3 天仍在货架上销售，货架上同批次还有十几盒。',
  },
  {
    matter: 'SPAQ',
    kind: '投诉',
    title: '就餐后腹泻',
    content: '一家四口在该店吃了凉拌菜后当晚都出现腹泻，已去医院就诊，保留了小票和病历。',
  },
  {
    matter: 'YPYL',
    kind: '举报',
    title: '药店无处方销售处方药',
    content: '该药店不要求出示处方即出售头孢类抗生素，店员称“都这么卖”。',
  },
  {
    matter: 'YPYL',
    kind: '投诉',
    title: '化妆品标签不全',
    content: '在该店买的面霜外包装没有中文标签和生产许可证号，使用后脸部过敏红肿。',
  },
  {
    matter: 'TZSB',
    kind: '举报',
    title: '电梯年检过期',
    content: '小区 3 号楼电梯内张贴的检验合格证已过期两个多月，电梯经常异响、停层不准。',
  },
  {
    matter: 'TZSB',
    kind: '举报',
    title: '气瓶无检验标识',
    content: '该餐馆使用的液化气钢瓶没有检验标识，有的瓶身锈蚀严重，就放在后门通道上。',
  },
  {
    matter: 'CPZL',
    kind: '投诉',
    title: '电动车电池鼓包',
    content: '在该店购买的电动自行车电池不到三个月就鼓包，商家以人为损坏为由拒绝保修。',
  },
  {
    matter: 'CPZL',
    kind: '投诉',
    title: '儿童玩具有小零件脱落',
    content: '给孩子买的拼装玩具零件一掰就掉，包装上没有适用年龄和警示说明。',
  },
  {
    matter: 'JGSF',
    kind: '投诉',
    title: '结账价格高于标价',
    content: '货架标价 9.9 元的洗衣液结账时按 15.8 元收费，要求退差价被拒绝。',
  },
  {
    matter: 'JGSF',
    kind: '投诉',
    title: '停车收费不明码标价',
    content: '该商场地下停车场入口没有收费公示，出场时按每小时 10 元收费，与周边差别很大。',
  },
  {
    matter: 'GGXC',
    kind: '举报',
    title: '保健品宣传治病',
    content: '该店在门口发放的宣传单称其保健品“可治愈糖尿病、高血压”，组织老人听课后推销。',
  },
  {
    matter: 'GGXC',
    kind: '举报',
    title: '虚假宣传“全市最低价”',
    content: '该店招牌和朋友圈广告宣称“全市最低价”，无任何依据，实际价格高于其他门店。',
  },
  {
    matter: 'XFQY',
    kind: '投诉',
    title: '预付卡退费难',
    content: '在该健身房办了 3000 元年卡，门店突然停业装修两个月，要求退剩余费用无人处理。',
  },
  {
    matter: 'XFQY',
    kind: '投诉',
    title: '美容店强制消费',
    content: '在该美容店做免费体验时被要求办卡，不办卡不让离开，最后被迫刷卡 1980 元。',
  },
  {
    matter: 'AQSC',
    kind: '举报',
    title: '仓库堵塞消防通道',
    content: '该公司仓库货物堆放堵住了安全出口，夜间有工人住在仓库里，存在很大隐患。',
  },
  {
    matter: 'AQSC',
    kind: '举报',
    title: '工人无防护高空作业',
    content: '该公司在厂房顶部作业的工人没有系安全带，下方也没有设置警戒区。',
  },
  {
    matter: 'XFAQ',
    kind: '举报',
    title: '灭火器过期',
    content: '该网吧内灭火器压力表指针在红区，标签显示已过期，疏散指示灯不亮。',
  },
  {
    matter: 'XFAQ',
    kind: '举报',
    title: '电动车在楼道充电',
    content: '该店员工每天把电动车推进店内楼梯间充电，电线从二楼窗户拉下来。',
  },
  {
    matter: 'STHJ',
    kind: '举报',
    title: '夜间排放刺鼻气体',
    content: '该厂每天晚上 10 点后排放刺鼻气体，周边居民开窗就能闻到，白天反而没有。',
  },
  {
    matter: 'STHJ',
    kind: '投诉',
    title: '油烟直排扰民',
    content: '该烧烤店油烟没有经过净化直接排到居民楼下，楼上住户无法开窗。',
  },
  {
    matter: 'LDBZ',
    kind: '投诉',
    title: '拖欠工资',
    content: '在该公司工作四个月，最后两个月工资 9600 元至今未发，老板一直推说资金紧张。',
  },
  {
    matter: 'WHLY',
    kind: '投诉',
    title: '旅行团强制购物',
    content: '参加该旅行社组织的一日游，导游带到三个购物点，每个停留一个多小时。',
  },
  {
    matter: 'WHLY',
    kind: '举报',
    title: 'KTV 接纳未成年人',
    content: '周末晚上多次看到穿校服的学生进入该 KTV，门口没有查验身份证。',
  },
  {
    matter: 'SPAQ',
    kind: '投诉',
    title: '奶茶店使用过期原料',
    content: '在该奶茶店看到店员使用的果酱罐上日期已过期，询问后店员把罐子收了起来。',
  },
  {
    matter: 'QT',
    kind: '投诉',
    title: '快递网点暴力分拣',
    content: '该快递网点分拣时抛扔包裹，收到的易碎品多次破损，投诉后网点不予理赔。',
  },
  {
    matter: 'CPZL',
    kind: '举报',
    title: '销售不合格电线',
    content: '该建材店销售的电线铜芯明显偏细，标称 2.5 平方，实测与标称差距很大。',
  },
  {
    matter: 'SPAQ',
    kind: '举报',
    title: '无证加工豆制品',
    content: '该小作坊在居民院内加工豆腐、豆皮供应周边市场，环境脏乱，没有任何证照。',
  },
  {
    matter: 'XFQY',
    kind: '投诉',
    title: '二手车隐瞒事故',
    content: '在该车行购买的二手车经检测为重大事故车，购车时商家承诺无事故并写入合同。',
  },
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽娟',
  '海燕',
  '明',
  '静',
  '伟',
  '桂兰',
  '晓东',
  '红梅',
  '磊',
  '婷婷',
  '国庆',
  '玉兰',
];

/**
 * 投诉举报 of the demo city over the last four weeks, filed through the intake service on every channel the public
 * uses (portal, 12345 hotline, 互联网+监管, window entry; the 检查码 evaluations marked as complaints come from the
 * evaluations of demo-activity), some anonymous, about demo subjects. Returns the ids of the complaints filed here, for
 * the handling demo to carry through dispatch, verification and reply.
 */
export async function seedDemoComplaintIntake(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<number[]> {
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['name', 'uscc', 'business_address as address'])
    .where('status', '=', '存续')
    .orderBy('id')
    .offset(100)
    .limit(CASES.length)
    .execute();
  const today = chinaDate(deps.clock.now());
  const [hotline, counter] = await Promise.all([actorOf('lianxi'), actorOf('scjg_staff')]);
  const channels: Channel[] = ['门户', '12345热线', '门户', '窗口录入', '互联网+监管', '12345热线'];
  const tickets: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const channel = channels[i % channels.length]!;
    const subject = subjects[i % subjects.length]!;
    const anonymous = c.kind === '举报' && i % 3 !== 0;
    const occurredOn = addDays(today, -32 + i);
    const input = {
      kind: c.kind,
      matterCode: c.matter,
      // Half name the subject with its 统一社会信用代码 (linked to the register), half only by name and address.
      subject: { name: subject.name, address: subject.address, ...(i % 2 === 0 ? { uscc: subject.uscc } : {}) },
      title: c.title,
      content: c.content,
      occurredOn,
      anonymous,
      ...(anonymous
        ? {}
        : {
            complainant: {
              name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
              phone: `1396331${String(2000 + i * 37).padStart(4, '0')}`,
            },
          }),
    };
    const when = atClock(
      deps,
      at(addDays(occurredOn, 1), `${String(8 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`),
    );
    const filed =
      channel === '门户'
        ? await fileOnPortal(when, intakeInput.parse(input), `36.134.${i}.${20 + i}`)
        : channel === '窗口录入'
          ? await enterAtCounter(when, counter, intakeInput.parse(input))
          : await receiveFromSystem(
              when,
              hotline,
              systemIntakeInput.parse({
                ...input,
                channel,
                externalTicket: `${channel === '12345热线' ? 'RZ12345' : 'HLWJG'}-${today.slice(0, 4)}${String(1000 + i * 13)}`,
              }),
            );
    tickets.push(filed.ticketNo);
  }
  const rows = await deps.db
    .selectFrom('complaints')
    .select('id')
    .where('ticket_no', 'in', tickets)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * 举报奖励 on the demo city's verified tips (属实 or 部分属实, after the handling demo has verified them): the joint
 * office rewards the first two and declines the third; the rest wait for a decision, so both tabs of the page have rows.
 */
export async function decideDemoRewards(deps: AppDeps, actorOf: (username: string) => Promise<Actor>): Promise<void> {
  const office = await actorOf('lianxi');
  const open = await listRewardCandidates(deps, false);
  const decisions = [
    { decision: '予以奖励' as const, amount: 1000, note: '举报线索具体，经核查属实并立案查处' },
    { decision: '予以奖励' as const, amount: 500, note: '举报部分属实，已责令整改' },
    { decision: '不予奖励' as const, note: '举报事项已由监管部门先行发现' },
  ];
  for (const [i, tip] of open.slice(0, decisions.length).entries())
    await decideReward(deps, office, tip.ticketNo, decisions[i]!);
}
