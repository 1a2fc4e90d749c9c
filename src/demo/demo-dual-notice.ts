import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { commitmentTemplate, giveJointReview, issueNotice, recordCommitment } from '../dual-notice/case.service';
import type { CatalogItemInput } from '../dual-notice/catalog.schemas';
import { createDraft, publishDraft, saveDraftItem } from '../dual-notice/catalog.service';
import { acknowledge, claim } from '../dual-notice/push.service';
import { chinaDate } from '../shared/china-date';
import { hashPassword } from '../auth/password';
import { maskIdCard } from '../users/id-card';
import { DEMO_DIVISION, DEMO_PASSWORD } from './demo-departments';
import { demoIdCard } from './demo-seed';
import { at, atClock, type DemoSteps } from './demo-steps';

/**
 * The 双告知 catalog of the demo city (《浦东新区“六个双”政府综合监管实施办法（暂行）》第七条), Pudong-style: most
 * post-registration approvals are decided by the licensing bureau (相对集中行政许可), supervised by the industry
 * department. Keywords follow the wording of business scopes (经营范围规范表述).
 */
type DemoItem = Omit<
  CatalogItemInput,
  'licensingDepartmentId' | 'supervisingDepartmentIds' | 'enforcementDepartmentIds'
> & {
  licensing: string;
  supervising: string[];
  enforcement: string[];
};
const SPJ = '市行政审批服务局';
const SCJG = '市市场监督管理局';
const CG = '市城市管理局';
const item = (
  code: string,
  name: string,
  licensing: string,
  supervising: string[],
  enforcement: string[],
  keywords: string[],
  industryCodes: string[],
  extra: Partial<DemoItem> = {},
): DemoItem => ({
  code,
  name,
  licensing,
  supervising,
  enforcement,
  keywords,
  industryCodes,
  priorApproval: false,
  highRisk: false,
  restriction: `未取得${name.replace(/(许可|备案|审批)$/, '$1')}前，不得从事${keywords[0] ?? '相关经营活动'}等经营活动`,
  ...extra,
});
const demoCatalog: DemoItem[] = [
  item(
    'SGZ-001',
    '食品经营许可',
    SPJ,
    [SCJG],
    [SCJG],
    ['食品销售', '餐饮服务', '小餐饮', '食品经营'],
    ['6210', '6220'],
  ),
  item('SGZ-002', '食品生产许可', SPJ, [SCJG], [SCJG], ['食品生产', '食品加工'], ['14']),
  item('SGZ-003', '药品零售企业经营许可', SPJ, [SCJG], [SCJG], ['药品零售', '药品批发'], ['5251']),
  item('SGZ-004', '第三类医疗器械经营许可', SPJ, [SCJG], [SCJG], ['第三类医疗器械经营'], []),
  item(
    'SGZ-005',
    '危险化学品经营许可',
    '市应急管理局',
    ['市应急管理局'],
    [CG, '市消防救援支队'],
    ['危险化学品经营'],
    ['5166'],
    {
      highRisk: true,
    },
  ),
  item(
    'SGZ-006',
    '烟花爆竹经营（零售）许可',
    '市应急管理局',
    ['市应急管理局'],
    ['市消防救援支队'],
    ['烟花爆竹零售'],
    [],
  ),
  item('SGZ-007', '养老机构备案', '市民政局', ['市民政局'], [CG], ['养老服务', '养老机构'], ['8514'], {
    highRisk: true,
  }),
  item('SGZ-008', '道路货物运输经营许可', SPJ, ['市交通运输局'], ['市交通运输局'], ['道路货物运输'], ['543']),
  item('SGZ-009', '道路旅客运输经营许可', SPJ, ['市交通运输局'], ['市交通运输局'], ['道路旅客运输'], ['541']),
  item('SGZ-010', '机动车维修经营备案', '市交通运输局', ['市交通运输局'], [CG], ['机动车修理和维护'], ['8111']),
  item(
    'SGZ-011',
    '出版物零售业务许可',
    SPJ,
    ['市文化和旅游局'],
    ['市文化和旅游局'],
    ['出版物零售', '出版物批发'],
    ['5243'],
  ),
  item(
    'SGZ-012',
    '娱乐场所经营许可',
    SPJ,
    ['市文化和旅游局'],
    ['市文化和旅游局', '市消防救援支队'],
    ['歌舞娱乐活动', '游艺娱乐活动'],
    ['9011'],
  ),
  item('SGZ-013', '旅行社业务经营许可', SPJ, ['市文化和旅游局'], ['市文化和旅游局'], ['旅游业务'], ['7291']),
  item(
    'SGZ-014',
    '公共场所卫生许可',
    SPJ,
    ['市卫生健康委'],
    ['市卫生健康委'],
    ['住宿服务', '公共浴室', '游泳场所'],
    ['61'],
  ),
  item('SGZ-015', '医疗机构执业许可', SPJ, ['市卫生健康委'], ['市卫生健康委'], ['医疗服务', '诊所服务'], ['841']),
  item('SGZ-016', '民办学校办学许可', SPJ, ['市教育局'], ['市教育局'], ['学历教育', '非学历教育培训'], ['83'], {
    highRisk: true,
  }),
  item('SGZ-017', '建筑业企业资质', SPJ, ['市住房城乡建设局'], [CG], ['建设工程施工'], ['47', '48']),
  item('SGZ-018', '城市建筑垃圾处置（运输）核准', CG, [CG], [CG], ['建筑垃圾运输', '城市建筑垃圾处置'], []),
  item(
    'SGZ-019',
    '人力资源服务许可',
    SPJ,
    ['市人力资源社会保障局'],
    ['市人力资源社会保障局'],
    ['职业中介活动', '劳务派遣服务'],
    ['7262'],
  ),
  item(
    'SGZ-020',
    '融资担保业务经营许可',
    '国家金融监督管理总局日照监管分局',
    ['国家金融监督管理总局日照监管分局'],
    [],
    ['融资担保业务'],
    [],
    {
      highRisk: true,
    },
  ),
  item(
    'SGZ-021',
    '危险化学品生产企业安全生产许可',
    '市应急管理局',
    ['市应急管理局'],
    [CG],
    ['危险化学品生产'],
    ['26'],
    {
      priorApproval: true,
      highRisk: true,
    },
  ),
];

/** One staff account for each department of the catalog with nobody to acknowledge its pushes in the demo city. */
const staff: { username: string; name: string; department: string }[] = [
  { username: 'mzj_staff', name: '韩晓东', department: '市民政局' },
  { username: 'jtj_staff', name: '高文静', department: '市交通运输局' },
  { username: 'wlj_staff', name: '马丽', department: '市文化和旅游局' },
  { username: 'wjw_staff', name: '胡建军', department: '市卫生健康委' },
  { username: 'jyj_staff', name: '宋佳', department: '市教育局' },
  { username: 'cgj_staff', name: '许强', department: '市城市管理局' },
  { username: 'xfzd_staff', name: '朱峰', department: '市消防救援支队' },
  { username: 'zjj_staff', name: '郭涛', department: '市住房城乡建设局' },
  { username: 'rsj_staff', name: '林娜', department: '市人力资源社会保障局' },
  { username: 'jrj_staff', name: '何伟', department: '国家金融监督管理总局日照监管分局' },
];

/** A stable number in [0, 1) from an id: which pushes the demo acknowledges late, leaves open… */
const roll = (id: number, salt: number) => (((id * 2654435761 + salt * 40503) >>> 0) % 1000) / 1000;

/**
 * 双告知 and 双反馈 in the demo city: the catalog published before the intake's registrations arrive (src/demo/demo-records.ts),
 * then at the end of each working day the licensing bureau issues the 告知书 of the day's registrations and records
 * their signed 承诺书 (a scan or an e-signature; the last few days' still waiting), departments acknowledge their
 * pushes (most on time, some late, a few still open and overdue), answer the joint reviews and claim from the pool.
 */
export async function planDualNoticeDemo(s: DemoSteps): Promise<void> {
  const deps = s.deps;
  const departments = new Map(
    (await deps.db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, Number(d.id)]),
  );
  const id = (name: string) => departments.get(name)!;
  const calendar = await workCalendar(deps.db);
  const isWorking = (d: string) =>
    unlessYearMissing(() => calendar.isWorkingDay(d)) ?? ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const first = addDays(s.today, -130);

  s.add(at(first, '09:00'), async (d) => {
    // Demo accounts as the demo city's own are made (demo-seed.ts): the demo password, no change at first login.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = d.clock.now();
    for (const [n, u] of staff.entries()) {
      const user = await d.db
        .insertInto('users')
        .values({
          username: u.username,
          name: u.name,
          id_card_masked: maskIdCard(demoIdCard(DEMO_DIVISION, 200 + n)),
          phone: `139063301${String(n).padStart(2, '0')}`,
          department_id: id(u.department),
          status: 'active',
          password_hash: passwordHash,
          last_login_at: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await d.db.insertInto('user_roles').values({ user_id: user.id, role_code: 'dept_staff' }).execute();
    }
    const spj = await s.actor('spj_xk');
    const draft = await createDraft(d, spj, '依据后置审批事项目录编制');
    for (const i of demoCatalog)
      await saveDraftItem(d, spj, draft.id, {
        code: i.code,
        name: i.name,
        licensingDepartmentId: id(i.licensing),
        supervisingDepartmentIds: i.supervising.map(id),
        enforcementDepartmentIds: i.enforcement.map(id),
        keywords: i.keywords,
        industryCodes: i.industryCodes,
        priorApproval: i.priorApproval,
        highRisk: i.highRisk,
        restriction: i.restriction,
      });
    await publishDraft(atClock(d, new Date(d.clock.now().getTime() + 30 * 60_000)), spj, draft.id);
  });

  // Who acts for a department: its staff account (the demo's own or one made above).
  const handlerOf = new Map<number, string>();
  const handler = async (departmentId: number): Promise<Actor | null> => {
    if (!handlerOf.size) {
      const rows = await deps.db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.username', 'u.department_id'])
        .where('r.role_code', 'in', ['dept_staff', 'dept_admin', 'licensing'])
        .orderBy('u.id')
        .execute();
      for (const r of rows)
        if (!handlerOf.has(Number(r.department_id))) handlerOf.set(Number(r.department_id), r.username);
    }
    const username = handlerOf.get(departmentId);
    return username ? s.actor(username) : null;
  };

  for (let day = addDays(first, 1); day < s.today; day = addDays(day, 1)) {
    if (!isWorking(day)) continue;
    const today = day;
    s.add(at(today, '17:40'), async (d) => {
      const spj = await s.actor('spj_xk');
      const end = d.clock.now();
      // 告知书 and 承诺书 of the registrations received by now.
      const cases = await d.db
        .selectFrom('dual_notice_cases as c')
        .innerJoin('business_registrations as r', 'r.id', 'c.registration_id')
        .select(['r.id', 'r.event', 'r.prior_approval', 'c.notice_no', 'c.created_at'])
        .where('c.created_at', '<', end)
        .where('r.event', '<>', '注销')
        .where('r.prior_approval', '=', false)
        .where((eb) =>
          eb.or([
            eb('c.notice_no', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('dual_notice_commitments as m')
                  .select('m.registration_id')
                  .whereRef('m.registration_id', '=', 'r.id'),
              ),
            ),
          ]),
        )
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('dual_notice_case_items as i')
              .select('i.code')
              .whereRef('i.registration_id', '=', 'r.id')
              .where('i.removed_at', 'is', null),
          ),
        )
        .execute();
      for (const c of cases) {
        const rid = Number(c.id);
        const received = chinaDate(new Date(c.created_at));
        // The last week's registrations: a few 承诺书 still to sign.
        const waits = addDays(received, 7) >= s.today && roll(rid, 1) < 0.5;
        if (!c.notice_no) await issueNotice(d, spj, rid);
        if (waits) continue;
        const fields = { signerName: '', signerRole: '法定代表人' as const, signedOn: today };
        const reg = await d.db
          .selectFrom('business_registrations')
          .select('legal_representative')
          .where('id', '=', rid)
          .executeTakeFirstOrThrow();
        fields.signerName = reg.legal_representative;
        if (roll(rid, 2) < 0.35) {
          const template = await commitmentTemplate(d, spj, rid);
          await recordCommitment(d, spj, rid, fields, {
            scan: { fileName: `承诺书（签署）${rid}.pdf`, contentType: 'application/pdf', data: template.pdf },
          });
        } else await recordCommitment(d, spj, rid, fields, { eSignature: true });
      }
      // Joint reviews: each department answers within about two days (one refuses first and agrees after rectification).
      const reviews = await d.db
        .selectFrom('dual_notice_joint_reviews as j')
        .innerJoin('dual_notice_cases as c', 'c.registration_id', 'j.registration_id')
        .select(['j.registration_id', 'j.department_id', 'c.created_at', 'j.opinion'])
        .where((eb) => eb.or([eb('j.opinion', 'is', null), eb('j.opinion', '=', '不同意')]))
        .execute();
      for (const j of reviews) {
        const rid = Number(j.registration_id);
        const since = chinaDate(new Date(j.created_at));
        if (addDays(since, 2) > today) continue;
        const who = await handler(Number(j.department_id));
        if (!who) continue;
        const refuse = roll(rid, 3) < 0.25 && j.opinion === null;
        if (j.opinion === '不同意' && addDays(since, 6) > today) continue;
        await giveJointReview(
          d,
          who,
          rid,
          refuse
            ? { opinion: '不同意', note: '经营场所安全条件未达到要求，请整改后再审' }
            : { opinion: '同意', note: j.opinion === '不同意' ? '已现场核查整改情况，同意' : '经审核符合要求' },
        );
      }
      // Acknowledgements: most on the day or the next, some late, a few never.
      const open = await d.db
        .selectFrom('registration_pushes')
        .select(['id', 'department_id', 'pushed_at', 'ack_due_on'])
        .where('acknowledged_at', 'is', null)
        .where('department_id', 'is not', null)
        .where('pushed_at', '<', end)
        .execute();
      for (const p of open) {
        const pid = Number(p.id);
        const r = roll(pid, 4);
        const pushedOn = chinaDate(new Date(p.pushed_at));
        const plan =
          r < 0.55
            ? pushedOn
            : r < 0.8
              ? p.ack_due_on
              : r < 0.93
                ? addDays(p.ack_due_on, 2 + (Math.floor(r * 10) % 4))
                : null;
        if (plan === null || plan > today) continue;
        const who = await handler(Number(p.department_id));
        if (!who) continue;
        const hour = String(9 + Math.floor(roll(pid, 5) * 8)).padStart(2, '0');
        const when = at(today, `${hour}:${String(10 + Math.floor(roll(pid, 6) * 40))}`);
        const after = new Date(new Date(p.pushed_at).getTime() + 25 * 60_000);
        const ackAt = when < after ? after : when;
        await acknowledge(atClock(d, ackAt < end ? ackAt : end), who, pid);
      }
      // The pool: 市场监管局 claims what falls within its duties after a day or two.
      const pool = await d.db
        .selectFrom('business_registrations as r')
        .innerJoin('dual_notice_cases as c', 'c.registration_id', 'r.id')
        .select(['r.id', 'c.created_at'])
        .where('r.event', '=', '设立')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('registration_pushes as p')
                .select('p.id')
                .whereRef('p.registration_id', '=', 'r.id')
                .where('p.department_id', 'is not', null),
            ),
          ),
        )
        .execute();
      for (const r of pool) {
        const rid = Number(r.id);
        if (roll(rid, 7) < 0.4 || addDays(chinaDate(new Date(r.created_at)), 2) > today) continue;
        await claim(d, await s.actor('scjg_staff'), rid, { duty: '行业主管', note: '经营范围涉及本部门登记监管职责' });
      }
    });
  }
}
