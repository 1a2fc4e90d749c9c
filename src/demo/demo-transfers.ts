import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { acceptAssistance, answerAssistance, requestAssistance } from '../transfers/assistance.service';
import { readCopy, sendCopy } from '../transfers/copy.service';
import {
  acceptTransfer,
  recordOutcome,
  recordReceipt,
  returnTransfer,
  sendTransfer,
} from '../transfers/transfer.service';
import type { TransferInput } from '../transfers/transfer.schemas';
import { at, atClock } from './demo-steps';

const SAFETY_LAW = '《中华人民共和国安全生产法》第四十二条、第一百零五条';
const FOOD_LAW = '《中华人民共和国食品安全法》第五十三条、第一百二十六条';
const CRIMINAL = '《行政执法机关移送涉嫌犯罪案件的规定》第三条';

/**
 * 移送与协查 of the demo city, made through the services on the days they happened: transfers in every state (one
 * closed with its penalty decision linked, one to 公安机关 under 行刑衔接, one returned, one overdue), an assistance
 * request answered and one pending, and a 抄告 read by one of its two departments.
 */
export async function seedDemoTransfers(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const scjg = await actorOf('scjg_staff');
  const yjgl = await actorOf('yjgl_admin');
  const departments = new Map(
    (await deps.db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, Number(d.id)]),
  );
  const dept = (name: string) => departments.get(name)!;
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['id', 'name'])
    .where('status', '=', '存续')
    .orderBy('id')
    .limit(6)
    .execute();
  const subject = (i: number) => Number(subjects[i % subjects.length]!.id);
  const on = (daysAgo: number, time: string) => atClock(deps, at(addDays(today, -daysAgo), time));
  const send = async (
    daysAgo: number,
    actor: Actor,
    input: Omit<TransferInput, 'acceptDays'> & { acceptDays?: number },
  ) => (await sendTransfer(on(daysAgo, '10:00'), actor, { acceptDays: 5, ...input })).transferNo;

  // 1. To 市应急管理局, accepted and closed with its penalty decision.
  const penalty = await deps.db
    .selectFrom('penalty_records')
    .select('decision_doc_no')
    .where('department_id', '=', dept('市应急管理局'))
    .orderBy('id')
    .executeTakeFirst();
  const punished = await send(24, scjg, {
    kind: '案件移送',
    sourceType: '手工录入',
    sourceRef: '',
    subjectId: subject(0),
    subjectName: '',
    receiver: { departmentId: dept('市应急管理局'), externalKind: null, externalName: '' },
    reason: '日常检查发现后厨违规存放液化气钢瓶 4 瓶且未设置可燃气体报警装置，涉嫌违反安全生产法',
    legalGround: SAFETY_LAW,
  });
  await acceptTransfer(on(23, '09:20'), yjgl, punished);
  await recordOutcome(on(20, '16:00'), yjgl, punished, {
    outcome: '立案',
    caseNo: '日应急立〔2026〕27 号',
    penaltyDocNo: '',
    notes: '',
  });
  if (penalty)
    await recordOutcome(on(8, '15:30'), yjgl, punished, {
      outcome: '已处罚',
      caseNo: '',
      penaltyDocNo: penalty.decision_doc_no,
      notes: '已责令限期整改并处罚款',
    });

  // 2. 行刑衔接: to 公安机关, receipt and 立案 recorded by the sender.
  const police = await send(15, scjg, {
    kind: '案件移送',
    sourceType: '投诉举报',
    sourceRef: 'TS2026-000118',
    subjectId: subject(1),
    subjectName: '',
    receiver: { departmentId: null, externalKind: '公安机关', externalName: '市公安局食品药品环境犯罪侦查支队' },
    reason: '经核查，当事人销售的 36 箱“土榨花生油”黄曲霉毒素 B1 超标 8 倍，涉嫌生产、销售不符合安全标准的食品罪',
    legalGround: `${CRIMINAL}；${FOOD_LAW}`,
  });
  await recordReceipt(on(14, '11:00'), scjg, police, '日公（食药环）受字〔2026〕17 号');
  await recordOutcome(on(9, '17:00'), scjg, police, {
    outcome: '立案',
    caseNo: '日公刑立〔2026〕88 号',
    penaltyDocNo: '',
    notes: '',
  });

  // 3. Returned by 市市场监督管理局 with its reason.
  const returned = await send(12, yjgl, {
    kind: '线索移送',
    sourceType: '风险预警',
    sourceRef: 'YJ2026-000031',
    subjectId: subject(2),
    subjectName: '',
    receiver: { departmentId: dept('市市场监督管理局'), externalKind: null, externalName: '' },
    reason: '预警显示该单位特种设备（电梯）检验合格证已过期仍在使用',
    legalGround: '《中华人民共和国特种设备安全法》第四十条',
  });
  await returnTransfer(
    on(11, '10:30'),
    scjg,
    returned,
    '经查该电梯已于上月停用并申报检验，不存在违法使用情形，请补充证据后再行移送',
  );

  // 4. Not accepted by its deadline (overdue), and 5. one sent yesterday.
  await send(10, scjg, {
    kind: '线索移送',
    sourceType: '手工录入',
    sourceRef: '',
    subjectId: subject(3),
    subjectName: '',
    receiver: { departmentId: dept('市应急管理局'), externalKind: null, externalName: '' },
    reason: '群众反映该仓库夜间违规动火作业，存在火灾隐患',
    legalGround: SAFETY_LAW,
    acceptDays: 3,
  });
  await send(1, yjgl, {
    kind: '案件移送',
    sourceType: '手工录入',
    sourceRef: '',
    subjectId: subject(4),
    subjectName: '',
    receiver: { departmentId: dept('市市场监督管理局'), externalKind: null, externalName: '' },
    reason: '安全检查中发现该超市销售无中文标签的进口食品',
    legalGround: FOOD_LAW,
  });
  // 6. Accepted, the outcome not yet recorded.
  const accepted = await send(4, yjgl, {
    kind: '线索移送',
    sourceType: '手工录入',
    sourceRef: '',
    subjectId: subject(1),
    subjectName: '',
    receiver: { departmentId: dept('市市场监督管理局'), externalKind: null, externalName: '' },
    reason: '安全检查中发现该单位食堂从业人员未持有效健康证明上岗',
    legalGround: FOOD_LAW,
  });
  await acceptTransfer(on(3, '10:15'), scjg, accepted);
  // 7. 不予立案.
  const dropped = await send(18, scjg, {
    kind: '线索移送',
    sourceType: '投诉举报',
    sourceRef: 'TS2026-000097',
    subjectId: subject(5),
    subjectName: '',
    receiver: { departmentId: dept('市应急管理局'), externalKind: null, externalName: '' },
    reason: '投诉人反映该加工厂粉尘作业场所未安装除尘设施',
    legalGround: SAFETY_LAW,
  });
  await acceptTransfer(on(17, '09:00'), yjgl, dropped);
  await recordOutcome(on(13, '16:20'), yjgl, dropped, {
    outcome: '不予立案',
    caseNo: '',
    penaltyDocNo: '',
    notes: '现场核查除尘设施已安装并正常运行，违法事实不成立',
  });

  // Assistance: one answered, one pending.
  const asked = (
    await requestAssistance(on(9, '10:00'), scjg, {
      kind: '执法协助',
      requestedDepartmentId: dept('市应急管理局'),
      help: '请提供该单位近一年的安全生产行政检查记录及整改情况，供双随机抽查比对',
      legalGround: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十六条第一项',
      subjectId: subject(0),
      dueDays: 5,
    })
  ).requestNo;
  await acceptAssistance(on(8, '09:30'), yjgl, asked);
  await answerAssistance(
    on(6, '15:00'),
    yjgl,
    asked,
    '该单位 2026 年 6 月检查发现消防通道堵塞 1 处，已责令整改并于 7 月复查合格；其余检查未发现问题。检查记录随附。',
  );
  await requestAssistance(on(2, '14:00'), yjgl, {
    kind: '协查协办',
    requestedDepartmentId: dept('市市场监督管理局'),
    help: '请协查该单位营业执照登记的经营范围是否包含危险化学品经营，并出具意见',
    legalGround: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十九条',
    subjectId: subject(2),
    dueDays: 5,
  });

  // 抄告: to two departments, read by one.
  const copy = (
    await sendCopy(on(5, '11:00'), scjg, {
      about: '处罚决定',
      title: '关于某餐饮公司后厨违规存放液化气钢瓶被处罚的抄告',
      content:
        '本局在食品安全检查中发现该公司后厨违规存放液化气钢瓶，已移送应急管理部门查处。请相关部门依职责加强监管。',
      sourceRef: punished,
      subjectId: subject(0),
      departmentIds: [dept('市应急管理局'), dept('市城市管理局')],
    })
  ).copyNo;
  await readCopy(on(4, '09:10'), yjgl, copy, '已知悉，已列入下月专项检查');
}
