import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { receiveBatch } from '../aggregation/batch-intake.service';
import { runCompletenessCheck } from '../aggregation/completeness-check.service';
import { createExchangeExport, setExchangeMapping } from '../aggregation/exchange-export.service';
import { auditSubjectOf } from '../audit/audit.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

interface DepartmentFacts {
  code: string;
  name: string;
  inspectors: { name: string; certificate_no: string }[];
}

async function factsOf(deps: AppDeps, actor: Actor): Promise<DepartmentFacts> {
  const department = await deps.db
    .selectFrom('departments')
    .select(['code', 'name'])
    .where('id', '=', actor.departmentId)
    .executeTakeFirstOrThrow();
  const inspectors = await deps.db
    .selectFrom('inspectors')
    .select(['name', 'certificate_no'])
    .where('department_id', '=', actor.departmentId)
    .orderBy('id')
    .limit(2)
    .execute();
  return { ...department, inspectors };
}

/** A 行政检查 record as a department's system sends it (national field names). */
function inspection(
  d: DepartmentFacts,
  key: string,
  subject: { name: string; uscc: string; division_code: string },
  on: string,
  over: Record<string, unknown> = {},
) {
  return {
    主键: key,
    操作: 'i',
    监管事项目录编码: '37110000100001',
    监管事项检查实施清单编码: `${d.code}10001`,
    检查行为名称: '日常监督检查',
    检查行为编号: `JC-${key}`,
    实施机构: d.name,
    实施机构编码: d.code,
    监管对象类型: '企业',
    行政相对人: subject.name,
    行政相对人性质: '法人',
    证件类型: '001',
    行政相对人编码: subject.uscc,
    行政区划代码: subject.division_code,
    检查形式: '01',
    检查类别: '现场检查',
    检查方式: '双随机',
    检查结果: '合格',
    检查时间: `${on} 10:00:00`,
    检查人员: d.inspectors.map((i) => `${i.name}:${i.certificate_no}`).join(';'),
    报送时间: `${on} 17:30:00`,
    ...over,
  };
}

/**
 * 数据汇聚 of the demo city, through the aggregation services: 市市场监督管理局's system sent a clean batch and a batch
 * with errors (one corrected by a resend, one left overdue), 市应急管理局's system a batch with errors still within its
 * 5 working days, one online entry; the completeness check raised its 未报送 anomalies; the joint office mapped the
 * market-regulation items to the national codes and made one provincial export.
 */
export async function seedDemoAggregation(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const scjg = await actorOf('scjg_admin');
  const yjgl = await actorOf('yjgl_admin');
  const lianxi = await actorOf('lianxi');
  const s = await factsOf(deps, scjg);
  const y = await factsOf(deps, yjgl);
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['name', 'uscc', 'division_code'])
    .where('uscc', 'like', '91%')
    .orderBy('id')
    .limit(6)
    .execute();
  if (subjects.length < 6 || s.inspectors.length < 2 || y.inspectors.length < 2) return;
  const on = (days: number, time: string) => atClock(deps, at(addDays(today, days), time));
  const day = (days: number) => addDays(today, days);

  await receiveBatch(on(-20, '18:00'), scjg, {
    channel: '接口',
    kind: '行政检查',
    senderBatchNo: 'SCJG-ZF-0001',
    records: [0, 1, 2].map((i) => inspection(s, `SCJGJC${day(-20).replaceAll('-', '')}${i}`, subjects[i]!, day(-20))),
  });
  const wrong = [
    inspection(s, 'SCJGJC-E01', subjects[3]!, day(-14), { 监管事项目录编码: '3711000010001' }),
    inspection(s, 'SCJGJC-E02', subjects[4]!, day(-14), {
      检查人员: `${s.inspectors[0]!.name}:${s.inspectors[0]!.certificate_no}`,
    }),
  ];
  await receiveBatch(on(-14, '18:00'), scjg, {
    channel: '接口',
    kind: '行政检查',
    senderBatchNo: 'SCJG-ZF-0002',
    records: wrong,
  });
  // The first is corrected and resent two days later; the second stays open past its deadline.
  await receiveBatch(on(-12, '09:30'), scjg, {
    channel: '接口',
    kind: '行政检查',
    senderBatchNo: 'SCJG-ZF-0003',
    records: [inspection(s, 'SCJGJC-E01', subjects[3]!, day(-14))],
  });
  await receiveBatch(on(-2, '17:00'), yjgl, {
    channel: '接口',
    kind: '行政检查',
    senderBatchNo: 'YJGL-AQ-0101',
    records: [
      inspection(y, 'YJGLJC-0101', subjects[5]!, day(-3), { 检查结果: '不合格' }),
      inspection(y, 'YJGLJC-0102', subjects[1]!, day(-3), {
        行政相对人: `${subjects[1]!.name}分公司`,
        报送时间: `${day(-4)} 09:00:00`,
      }),
    ],
  });
  await receiveBatch(on(-1, '15:00'), yjgl, {
    channel: '在线填报',
    kind: '其他监管行为',
    records: [
      {
        主键: 'YJGL-ZD-0001',
        操作: 'i',
        行为名称: '安全生产约谈',
        行为类别: '行政约谈',
        监管事项目录编码: '37110000200003',
        行政相对人: subjects[2]!.name,
        行政相对人性质: '法人',
        证件类型: '001',
        行政相对人编码: subjects[2]!.uscc,
        行为内容: '就有限空间作业安全管理不到位约谈企业主要负责人',
        实施日期: day(-1),
        实施机构: y.name,
        实施机构编码: y.code,
      },
    ],
  });
  await runCompletenessCheck(deps, at(today, '08:00'), auditSubjectOf(lianxi), true);
  const items = await deps.db
    .selectFrom('supervision_items')
    .select('code')
    .where('department_id', '=', scjg.departmentId)
    .where('status', '=', '有效')
    .orderBy('code')
    .limit(20)
    .execute();
  for (const [n, item] of items.entries())
    await setExchangeMapping(on(-1, '10:00'), lianxi, {
      itemCode: item.code,
      catalogCode: `371100001${String(n + 1).padStart(5, '0')}`,
      listCode: `${s.code}1${String(n + 1).padStart(4, '0')}`,
    });
  await createExchangeExport(on(-1, '11:00'), lianxi, { kind: '行政检查', from: day(-30), to: day(-1) });
}
