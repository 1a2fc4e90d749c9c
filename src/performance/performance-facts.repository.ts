import { type RawBuilder, sql } from 'kysely';
import { addCalendarMonths, daysInMonth, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import type { Db } from '../db/database';
import { taskDepartmentsAmong } from '../db/task-members-sql';
import { publishingActivity } from '../portal-content/publishing-activity.service';
import { inspectedOnSql } from '../tasks/task-dates';
import {
  type ComputationCode,
  type InspectionsOnTimeParams,
  type ItemsClaimedParams,
  paramsOf,
  type SatisfactionParams,
} from './performance-catalog';
import type { Fact } from './performance-scoring';

/**
 * The SQL of each computation of the catalogue (performance-catalog.ts): one row per unit counted for the
 * evaluated departments over the period [from, to] (China dates), with how much of it was done right and the
 * label its evidence shows. Only reads: every table here belongs to another capability.
 */
export interface Period {
  departmentIds: number[];
  from: string;
  to: string;
}

type FactRow = { department_id: number; good: number; total: number; ref: string };

const china = (column: RawBuilder<unknown>) => sql`(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
const depts = (p: Period) => sql`${p.departmentIds}::int[]`;

async function run(db: Db, query: RawBuilder<FactRow>): Promise<Fact[]> {
  const { rows } = await query.execute(db);
  return rows.map((r) => ({
    departmentId: Number(r.department_id),
    good: Number(r.good),
    total: Number(r.total),
    ref: r.ref,
  }));
}

/** Supervision items in force at the end of the period. */
const itemsInForce = (p: Period) => sql`
  FROM supervision_items si
  WHERE si.department_id = ANY(${depts(p)}) AND si.status = '有效' AND ${china(sql`si.created_at`)} <= ${p.to}::date`;

const itemsCheckList = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT si.department_id, 1 AS total,
        CASE WHEN EXISTS (SELECT 1 FROM check_items ci WHERE ci.supervision_item_id = si.id AND ci.withdrawn_at IS NULL)
          THEN 1 ELSE 0 END AS good,
        si.code || ' ' || si.name || '：未编制检查实施清单' AS ref
      ${itemsInForce(p)} ORDER BY si.code`,
  );

const itemsResponsible = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT si.department_id, 1 AS total,
        CASE WHEN btrim(si.responsible_leader) <> '' AND btrim(si.responsible_unit) <> '' AND btrim(si.responsible_person) <> ''
          THEN 1 ELSE 0 END AS good,
        si.code || ' ' || si.name || '：未明确' ||
          concat_ws('、', CASE WHEN btrim(si.responsible_leader) = '' THEN '责任领导' END,
            CASE WHEN btrim(si.responsible_unit) = '' THEN '责任单位' END,
            CASE WHEN btrim(si.responsible_person) = '' THEN '责任人' END) AS ref
      ${itemsInForce(p)} ORDER BY si.code`,
  );

const itemsClaimed = (db: Db, p: Period, params: ItemsClaimedParams) =>
  run(
    db,
    sql<FactRow>`SELECT si.department_id, 1 AS total,
        CASE WHEN si.source = '认领' AND si.claimed_from IS NOT NULL THEN 1 ELSE 0 END AS good,
        si.code || ' ' || si.name || '（' || si.level || '级事项）：未从上级目录认领' AS ref
      ${itemsInForce(p)} AND si.level = ANY(${params.levels}::text[]) ORDER BY si.code`,
  );

const anomaliesFixedOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT a.department_id, 1 AS total,
        CASE WHEN a.status = '已整改' AND ${china(sql`a.resolved_at`)} <= a.due_on THEN 1 ELSE 0 END AS good,
        '异常数据 #' || a.id || ' ' || a.record_kind || coalesce(' ' || nullif(a.record_key, ''), '') || '（' || a.problem ||
          '），整改期限 ' || to_char(a.due_on, 'YYYY-MM-DD') ||
          CASE WHEN a.status = '已整改' THEN '，' || to_char(${china(sql`a.resolved_at`)}, 'YYYY-MM-DD') || ' 才整改'
            ELSE '，逾期未整改' END AS ref
      FROM data_anomalies a
      WHERE a.department_id = ANY(${depts(p)}) AND a.status <> '已核销'
        AND a.due_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY a.due_on, a.id`,
  );

const dataQuality = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT b.department_id, b.record_count AS total, b.accepted_count AS good,
        '批次 ' || b.batch_no || '（' || b.record_kind || '）：' || b.record_count || ' 条中 ' ||
          (b.record_count - b.accepted_count) || ' 条未通过校验' AS ref
      FROM aggregation_batches b
      WHERE b.department_id = ANY(${depts(p)}) AND b.channel <> '平台核查'
        AND ${china(sql`b.received_at`)} BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY b.received_at, b.id`,
  );

/** Months of the period that have ended by its last day (the month in progress is not counted yet). */
const monthlyReporting = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT d.id AS department_id, 1 AS total,
        CASE WHEN EXISTS (SELECT 1 FROM aggregation_batches b
          WHERE b.department_id = d.id AND b.channel <> '平台核查'
            AND ${china(sql`b.received_at`)} >= m.month AND ${china(sql`b.received_at`)} < m.month + interval '1 month')
          THEN 1 ELSE 0 END AS good,
        to_char(m.month, 'YYYY"年"FMMM"月"') || '未报送监管数据' AS ref
      FROM departments d
      CROSS JOIN LATERAL (SELECT gs::date AS month
        FROM generate_series(date_trunc('month', ${p.from}::date), ${p.to}::date, interval '1 month') gs) m
      WHERE d.id = ANY(${depts(p)}) AND (m.month + interval '1 month' - interval '1 day')::date <= ${p.to}::date
      ORDER BY d.id, m.month`,
  );

/** One row per task and department with an item on it (作废 and 已合并 tasks are replaced by others). */
const departmentTasks = (p: Period) => sql`
  FROM inspection_tasks t
  CROSS JOIN LATERAL ${taskDepartmentsAmong('t', depts(p))} ti
  WHERE t.status NOT IN ('已作废', '已合并') AND t.item_department_ids && ${depts(p)}`;

const planCompletion = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT ti.department_id, 1 AS total,
        CASE WHEN t.status IN ('已检查', '已办结') THEN 1 ELSE 0 END AS good,
        '检查任务 ' || t.task_no || '（检查时段至 ' || to_char(t.window_to, 'YYYY-MM-DD') || '）：' || t.status || '，未完成检查' AS ref
      ${departmentTasks(p)} AND t.window_to BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY t.window_to, t.id`,
  );

const inspectionsOnTime = (db: Db, p: Period, params: InspectionsOnTimeParams) =>
  run(
    db,
    sql<FactRow>`SELECT department_id, 1 AS total,
        CASE WHEN inspected_on::date <= window_to + ${params.graceDays}::int THEN 1 ELSE 0 END AS good,
        '检查任务 ' || task_no || '：' || inspected_on || ' 检查，检查时段至 ' || to_char(window_to, 'YYYY-MM-DD') AS ref
      FROM (SELECT ti.department_id, t.id, t.task_no, t.window_to, ${inspectedOnSql} AS inspected_on ${departmentTasks(p)}) x
      WHERE inspected_on IS NOT NULL AND inspected_on::date BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY inspected_on, id`,
  );

const resultsOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT ti.department_id, 1 AS total, CASE WHEN r.late THEN 0 ELSE 1 END AS good,
        '检查结果 ' || r.task_no || ' ' || r.subject_name || '：' || to_char(r.published_on, 'YYYY-MM-DD') || ' 公开，期限 ' ||
          coalesce(to_char(r.publish_due_on, 'YYYY-MM-DD'), '—') AS ref
      FROM published_results r
      JOIN inspection_tasks t ON t.id = r.task_id
      CROSS JOIN LATERAL ${taskDepartmentsAmong('t', depts(p))} ti
      WHERE r.published_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY r.published_on, r.id`,
  );

const pushAckOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT rp.department_id, 1 AS total,
        CASE WHEN rp.acknowledged_at IS NOT NULL AND ${china(sql`rp.acknowledged_at`)} <= rp.ack_due_on THEN 1 ELSE 0 END AS good,
        '登记推送 ' || br.registration_no || ' ' || br.name || '：应于 ' || to_char(rp.ack_due_on, 'YYYY-MM-DD') || ' 前反馈，' ||
          coalesce(to_char(${china(sql`rp.acknowledged_at`)}, 'YYYY-MM-DD') || ' 才反馈', '未反馈') AS ref
      FROM registration_pushes rp JOIN business_registrations br ON br.id = rp.registration_id
      WHERE rp.department_id = ANY(${depts(p)}) AND rp.ack_due_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY rp.ack_due_on, rp.id`,
  );

const licenceFeedbackOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT f.department_id, 1 AS total, CASE WHEN f.late THEN 0 ELSE 1 END AS good,
        '许可结果 ' || l.decision_doc_no || '：' || to_char(f.decided_on, 'YYYY-MM-DD') || ' 决定，' ||
          to_char(f.received_on, 'YYYY-MM-DD') || ' 反馈，期限 ' || to_char(f.due_on, 'YYYY-MM-DD') AS ref
      FROM licence_feedbacks f JOIN licence_records l ON l.id = f.licence_id
      WHERE f.department_id = ANY(${depts(p)}) AND f.received_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY f.received_on, f.licence_id`,
  );

const followUpsOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT f.department_id, 1 AS total,
        CASE WHEN f.status = '已跟踪' AND NOT f.late THEN 1 ELSE 0 END AS good,
        '跟踪检查 ' || f.follow_up_no || ' ' || f.subject_name || '：期限 ' || to_char(f.due_on, 'YYYY-MM-DD') ||
          CASE WHEN f.status = '已跟踪' THEN '，' || to_char(f.followed_up_on, 'YYYY-MM-DD') || ' 才跟踪' ELSE '，逾期未跟踪' END AS ref
      FROM follow_ups f
      WHERE f.department_id = ANY(${depts(p)}) AND f.status <> '免于跟踪'
        AND f.due_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY f.due_on, f.id`,
  );

const publicityOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT u.department_id, 1 AS total,
        CASE WHEN u.published_at IS NOT NULL AND NOT u.late THEN 1 ELSE 0 END AS good,
        u.kind || ' ' || u.counterpart_name || '（' || to_char(u.decided_on, 'YYYY-MM-DD') || ' 决定）：公示期限 ' ||
          to_char(u.due_on, 'YYYY-MM-DD') ||
          CASE WHEN u.published_at IS NULL THEN '，逾期未公示' ELSE '，' || to_char(${china(sql`u.published_at`)}, 'YYYY-MM-DD') || ' 才公示' END AS ref
      FROM publications u
      WHERE u.department_id = ANY(${depts(p)}) AND u.due_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY u.due_on, u.id`,
  );

const complaintsOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT c.department_id, 1 AS total,
        CASE WHEN c.replied_at IS NOT NULL AND ${china(sql`c.replied_at`)} <= c.reply_due THEN 1 ELSE 0 END AS good,
        '投诉举报 ' || c.ticket_no || '：答复期限 ' || to_char(c.reply_due, 'YYYY-MM-DD') ||
          coalesce('，' || to_char(${china(sql`c.replied_at`)}, 'YYYY-MM-DD') || ' 才答复', '，逾期未答复') AS ref
      FROM complaints c
      WHERE c.department_id = ANY(${depts(p)}) AND c.status <> '不予受理'
        AND c.reply_due BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY c.reply_due, c.id`,
  );

const warningsOnTime = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT w.department_id, 1 AS total,
        CASE WHEN w.closed_at IS NOT NULL AND ${china(sql`w.closed_at`)} <= w.due_on THEN 1 ELSE 0 END AS good,
        '风险预警 ' || w.warning_no || '：处置期限 ' || to_char(w.due_on, 'YYYY-MM-DD') ||
          coalesce('，' || to_char(${china(sql`w.closed_at`)}, 'YYYY-MM-DD') || ' 才办结', '，逾期未办结') AS ref
      FROM warnings w
      WHERE w.department_id = ANY(${depts(p)}) AND w.status <> '误报'
        AND w.due_on BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY w.due_on, w.id`,
  );

const evaluationSatisfaction = (db: Db, p: Period, params: SatisfactionParams) =>
  run(
    db,
    sql<FactRow>`SELECT e.department_id, 1 AS total,
        CASE WHEN e.satisfaction >= ${params.satisfiedAtLeast}::int THEN 1 ELSE 0 END AS good,
        '检查任务 ' || t.task_no || ' 的检查码评价：满意度 ' || e.satisfaction || ' 分' AS ref
      FROM inspection_evaluations e JOIN inspection_tasks t ON t.id = e.task_id
      WHERE e.department_id = ANY(${depts(p)})
        AND ${china(sql`e.submitted_at`)} BETWEEN ${p.from}::date AND ${p.to}::date
      ORDER BY e.submitted_at, e.id`,
  );

const inspectorCertificates = (db: Db, p: Period) =>
  run(
    db,
    sql<FactRow>`SELECT i.department_id, 1 AS total,
        CASE WHEN i.certificate_valid_until >= ${p.to}::date THEN 1 ELSE 0 END AS good,
        '执法检查人员 ' || i.name || '（执法证 ' || i.certificate_no || '）：执法证 ' ||
          to_char(i.certificate_valid_until, 'YYYY-MM-DD') || ' 到期' AS ref
      FROM inspectors i
      WHERE i.department_id = ANY(${depts(p)}) AND i.status = '在岗'
      ORDER BY i.id`,
  );

/** The months of the period that have ended by its last day: their first and last days (China dates). */
function endedMonths(p: Period): { from: string; to: string }[] {
  const months: { from: string; to: string }[] = [];
  for (let from = `${p.from.slice(0, 7)}-01`; ; from = addCalendarMonths(from, 1)) {
    const { y, m } = parseIsoDate(from);
    const to = formatIsoDate({ y, m, d: daysInMonth(y, m) });
    if (to > p.to) return months;
    months.push({ from, to });
  }
}

/**
 * 第三十八条 (及时更新本部门本系统的监管动态和曝光台信息): one unit per department and ended month, done right when the
 * department published a news item or an exposure case that month, or updated a case it keeps on the 曝光台. The
 * portal capability counts its own content (publishingActivity); withdrawn items do not count.
 */
async function portalUpdates(db: Db, p: Period): Promise<Fact[]> {
  const months = endedMonths(p);
  const activity = await Promise.all(months.map((month) => publishingActivity(db, month)));
  return p.departmentIds.flatMap((departmentId) =>
    months.map(({ from }, i) => {
      const a = activity[i]!.get(departmentId);
      const updated = a !== undefined && (a.news > 0 || a.exposureCases > 0 || (a.lastPublishedOn ?? '') >= from);
      return {
        departmentId,
        good: updated ? 1 : 0,
        total: 1,
        ref: `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月未发布或更新监管动态、曝光台信息`,
      };
    }),
  );
}

/** The units one computation counts for the departments over the period, with its parameters. */
export function computeFacts(
  db: Db,
  code: ComputationCode,
  params: Record<string, unknown>,
  period: Period,
): Promise<Fact[]> {
  switch (code) {
    case 'items_check_list':
      return itemsCheckList(db, period);
    case 'items_responsible':
      return itemsResponsible(db, period);
    case 'items_claimed':
      return itemsClaimed(db, period, paramsOf('items_claimed', params));
    case 'anomalies_fixed_on_time':
      return anomaliesFixedOnTime(db, period);
    case 'data_quality':
      return dataQuality(db, period);
    case 'monthly_reporting':
      return monthlyReporting(db, period);
    case 'plan_completion':
      return planCompletion(db, period);
    case 'inspections_on_time':
      return inspectionsOnTime(db, period, paramsOf('inspections_on_time', params));
    case 'results_on_time':
      return resultsOnTime(db, period);
    case 'push_ack_on_time':
      return pushAckOnTime(db, period);
    case 'licence_feedback_on_time':
      return licenceFeedbackOnTime(db, period);
    case 'follow_ups_on_time':
      return followUpsOnTime(db, period);
    case 'publicity_on_time':
      return publicityOnTime(db, period);
    case 'complaints_on_time':
      return complaintsOnTime(db, period);
    case 'warnings_on_time':
      return warningsOnTime(db, period);
    case 'evaluation_satisfaction':
      return evaluationSatisfaction(db, period, paramsOf('evaluation_satisfaction', params));
    case 'inspector_certificates':
      return inspectorCertificates(db, period);
    case 'portal_updates':
      return portalUpdates(db, period);
  }
}
