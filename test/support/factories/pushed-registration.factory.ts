import { sql } from 'kysely';
import { unique } from '../http';
import type { TestApp } from '../test-platform';

/**
 * Received records and 双告知 pushes, written directly: the intake (src/records) and the 双告知 part (src/dual-notice)
 * that create them through their services are developed in parallel with the follow-ups, which only read them.
 */
export interface TestPush {
  registrationId: number;
  pushId: number;
}

export async function departmentIdOf(t: TestApp, name: string): Promise<number> {
  const row = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * A subject of the register nobody plans to visit (no task, registration or follow-up), taken from the end of the
 * register so the other files' tests, which take theirs from the start, do not meet it.
 */
export async function quietSubject(t: TestApp, skip = 0): Promise<{ id: number; uscc: string; name: string }> {
  const row = await t.deps.db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc', 's.name'])
    .where('s.status', '=', '存续')
    .where('s.whitelisted', '=', false)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.subject_id = s.id)`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_registrations r WHERE r.subject_id = s.id)`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.uscc = s.uscc)`)
    .orderBy('s.id', 'desc')
    .offset(skip)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), uscc: row.uscc, name: row.name };
}

/** A registration event of a subject of the register, pushed to one department for the approval items. */
export async function createPushedRegistration(
  t: TestApp,
  spec: {
    subject: { id: number; uscc: string; name: string };
    departmentId: number;
    approvalItemCodes: string[];
    duty?: '许可审批' | '行业主管' | '综合执法' | '属地街镇';
    pushedAt?: Date;
  },
): Promise<TestPush> {
  const db = t.deps.db;
  const now = spec.pushedAt ?? t.clock.now();
  const tag = unique().tag;
  const reg = await db
    .insertInto('business_registrations')
    .values({
      registration_no: `DJZC-T${tag}`,
      sender_department_id: spec.departmentId,
      sender_record_id: `T${tag}`,
      channel: '接口',
      payload_digest: tag,
      version: 1,
      subject_id: spec.subject.id,
      received_by: null,
      received_at: now,
      updated_at: now,
      event: '设立',
      uscc: spec.subject.uscc,
      name: spec.subject.name,
      subject_kind: '企业',
      legal_representative: '张三',
      business_scope: '食品销售',
      industry_codes: ['5211'],
      division_code: '371102',
      address: '日照市东港区测试路 1 号',
      registered_on: '2026-10-01',
      registration_authority: '日照市市场监督管理局',
      prior_approval: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const push = await db
    .insertInto('registration_pushes')
    .values({
      registration_id: reg.id,
      department_id: spec.departmentId,
      division_code: null,
      duty: spec.duty ?? '行业主管',
      route: '推送',
      approval_item_codes: spec.approvalItemCodes,
      pushed_at: now,
      ack_due_on: '2026-12-31',
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { registrationId: Number(reg.id), pushId: Number(push.id) };
}

/** A licence decision in force for a subject (行政许可), as the intake would store it. */
export async function createLicence(
  t: TestApp,
  spec: {
    uscc: string;
    name: string;
    subjectId: number;
    approvalItemCode: string | null;
    decidedOn: string;
    departmentId: number;
  },
): Promise<number> {
  const now = t.clock.now();
  const tag = unique().tag;
  const row = await t.deps.db
    .insertInto('licence_records')
    .values({
      sender_department_id: spec.departmentId,
      sender_record_id: `XK${tag}`,
      channel: '接口',
      payload_digest: tag,
      version: 1,
      subject_id: spec.subjectId,
      received_by: null,
      received_at: now,
      updated_at: now,
      counterpart_category: '法人及非法人组织',
      counterpart_name: spec.name,
      uscc: spec.uscc,
      legal_representative: '张三',
      id_number_masked: null,
      id_number_cipher: null,
      decided_on: spec.decidedOn,
      authority_name: '日照市行政审批服务局',
      authority_uscc: '11371100MB0000000X',
      source_unit_name: '日照市行政审批服务局',
      source_unit_uscc: '11371100MB0000000X',
      status: '有效',
      department_id: spec.departmentId,
      decision_doc_name: '食品经营许可决定书',
      decision_doc_no: `日审批食经〔2026〕${tag}号`,
      category: '普通',
      certificate_name: '食品经营许可证',
      certificate_no: `JY${tag}`,
      content: '食品销售经营者',
      valid_from: spec.decidedOn,
      valid_to: null,
      approval_item_code: spec.approvalItemCode,
      applied_on: null,
      registration_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
