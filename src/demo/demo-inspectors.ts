import type { Insertable } from 'kysely';
import { addCalendarMonths, addDays } from '../calendar/calendar-date';
import type { Db } from '../db/database';
import type { InspectorField } from '../inspectors/inspector.schemas';
import type { InspectorConflictTable, InspectorTable } from '../inspectors/inspector.table';
import { idCardCheckCharacter, maskIdCard } from '../users/id-card';
import { demoUsers } from './demo-departments';
import { seededRandom, type SeededRandom } from '../shared/seeded-random';

/** Certificate states are spread around this date, not the clock's, so the demo is the same every day. */
export const DEMO_INSPECTOR_REFERENCE_DATE = '2026-11-23';

/** Department → inspectors, main field, occasional second field. The big regulators hold most certificates. */
const staffing: readonly { department: string; count: number; field: InspectorField; second?: InspectorField }[] = [
  { department: '市市场监督管理局', count: 127, field: '市场监管', second: '商务' },
  { department: '市应急管理局', count: 60, field: '安全生产', second: '消防' },
  { department: '市生态环境局', count: 45, field: '生态环境' },
  { department: '市卫生健康委', count: 40, field: '卫生健康', second: '医疗保障' },
  { department: '市交通运输局', count: 35, field: '交通运输' },
  { department: '市城市管理局', count: 35, field: '城市管理', second: '住房城乡建设' },
  { department: '市消防救援支队', count: 30, field: '消防' },
  { department: '市文化和旅游局', count: 25, field: '文化旅游', second: '体育' },
  { department: '市住房城乡建设局', count: 25, field: '住房城乡建设' },
  { department: '市农业农村局', count: 20, field: '农业农村' },
  { department: '市自然资源规划局', count: 15, field: '自然资源' },
  { department: '市海洋发展局', count: 12, field: '海洋渔业' },
  { department: '市水利局', count: 10, field: '水利' },
  { department: '市商务局', count: 8, field: '商务' },
  { department: '市教育局', count: 6, field: '教育' },
  { department: '市医疗保障局', count: 4, field: '医疗保障' },
  { department: '市体育局', count: 3, field: '体育' },
];

/** The demo inspector accounts are registered inspectors too (first of their department). */
const linkedAccounts: Record<string, string> = { 市市场监督管理局: 'scjg_jc01', 市应急管理局: 'yjgl_jc01' };

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '郑',
  '厉',
  '丁',
  '秦',
  '卢',
  '宋',
  '韩',
  '冯',
  '于',
  '董',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '魏',
  '崔',
  '牟',
  '安',
  '纪',
  '丛',
];
const givenChars = [
  ...'伟芳敏静丽强磊军洋勇艳杰涛明超霞平刚辉鹏华飞玲宁斌波浩凯晨雪琳婷博建国志海红梅峰亮林文俊鑫宇晓东玉兰德成振永庆欣悦佳思嘉怡瑞彬蕾',
];
const conflictReasons = [
  '近亲属在该单位任职',
  '曾在该单位工作，离职未满三年',
  '配偶持有该单位股份',
  '与该单位法定代表人系近亲属',
  '曾代理该单位的行政复议案件',
];
const birthDivisions = ['371102', '371103', '371121', '371122'];

function personName(rnd: SeededRandom): string {
  const given = rnd.next() < 0.35 ? rnd.pick(givenChars) : rnd.pick(givenChars) + rnd.pick(givenChars);
  return rnd.pick(surnames) + given;
}

function idCard(rnd: SeededRandom): string {
  const birth = `${1968 + rnd.int(31)}${String(1 + rnd.int(12)).padStart(2, '0')}${String(1 + rnd.int(28)).padStart(2, '0')}`;
  const first17 = `${rnd.pick(birthDivisions)}${birth}${String(rnd.int(1000)).padStart(3, '0')}`;
  return first17 + idCardCheckCharacter(first17);
}

/** About 5 % expired, 5 % expiring within 30 days, the rest valid for up to five more years; five-year certificates. */
function certificateDates(rnd: SeededRandom): { issuedOn: string; validUntil: string } {
  const r = rnd.next();
  const offset = r < 0.05 ? -(1 + rnd.int(400)) : r < 0.1 ? rnd.int(31) : 31 + rnd.int(1770);
  const validUntil = addDays(DEMO_INSPECTOR_REFERENCE_DATE, offset);
  return { issuedOn: addCalendarMonths(validUntil, -60), validUntil };
}

/**
 * About 500 inspectors of the demo departments with certificates, fields and capacities, and a few declared
 * conflicts with demo subjects. Deterministic. Sampling-item qualifications stay empty until sampling items exist.
 */
export async function seedDemoInspectors(db: Db, departmentIds: Map<string, number>, now: Date): Promise<number> {
  const rnd = seededRandom(20261124);
  const accounts = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', Object.values(linkedAccounts))
    .execute();
  const rows: Insertable<InspectorTable>[] = [];
  for (const [deptIndex, s] of staffing.entries()) {
    const account = demoUsers.find((u) => u.username === linkedAccounts[s.department]);
    for (let n = 1; n <= s.count; n += 1) {
      const linked = n === 1 && account ? account : undefined;
      const dates = linked ? { issuedOn: '2024-03-01', validUntil: '2029-02-28' } : certificateDates(rnd);
      const fields: InspectorField[] = s.second && rnd.next() < 0.15 ? [s.field, s.second] : [s.field];
      rows.push({
        name: linked?.name ?? personName(rnd),
        id_card_masked: maskIdCard(idCard(rnd)),
        phone:
          linked?.phone ??
          `1${rnd.pick(['35', '39', '58', '78', '86', '37'])}${String(rnd.int(100_000_000)).padStart(8, '0')}`,
        department_id: departmentIds.get(s.department)!,
        user_id: linked ? accounts.find((a) => a.username === linked.username)!.id : null,
        certificate_no: `鲁日执字第${String(deptIndex + 1).padStart(2, '0')}${String(n).padStart(5, '0')}号`,
        certificate_issued_on: dates.issuedOn,
        certificate_valid_until: dates.validUntil,
        fields,
        qualified_sampling_item_codes: [],
        status: rnd.next() < 0.03 ? '停用' : '在岗',
        capacity_per_month: rnd.pick([10, 15, 20, 20, 20, 25, 30, 40]),
        created_at: now,
        updated_at: now,
      });
    }
  }
  const ids = (await db.insertInto('inspectors').values(rows).returning('id').execute()).map((r) => r.id);
  const subjectIds = (await db.selectFrom('subjects').select('id').orderBy('id').limit(2000).execute()).map((r) =>
    Number(r.id),
  );
  const conflicts = new Map<string, Insertable<InspectorConflictTable>>();
  for (let i = 0; i < 24 && subjectIds.length > 0; i += 1) {
    const inspector_id = rnd.pick(ids);
    const subject_id = rnd.pick(subjectIds);
    const declared_on = addDays(DEMO_INSPECTOR_REFERENCE_DATE, -rnd.int(300));
    conflicts.set(`${inspector_id}-${subject_id}`, {
      inspector_id,
      subject_id,
      reason: rnd.pick(conflictReasons),
      declared_on,
    });
  }
  if (conflicts.size > 0)
    await db
      .insertInto('inspector_conflicts')
      .values([...conflicts.values()])
      .execute();
  return rows.length;
}
