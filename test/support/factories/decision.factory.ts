import { afterLicenceReceived, afterPenaltyReceived } from '../../../src/records/record-hooks';
import type { DecisionStatus, PenaltyCategory } from '../../../src/records/record.table';
import type { TestApp } from '../test-platform';
import { unique } from '../http';

/**
 * Licence and penalty decisions as the intake (src/records) stores them, followed by the hooks it calls in the same
 * transaction. Written directly: the intake services are built in parallel; the rows match the foundation's tables.
 */
export interface DecisionSpec {
  department: string;
  decidedOn: string;
  name?: string;
  uscc?: string | null;
  naturalPerson?: boolean;
  publicityUntil?: string;
  taskId?: number | null;
  receivedAt?: Date;
  /** 处罚类别 of a penalty (default 警告 and 罚款). */
  categories?: PenaltyCategory[];
}

async function departmentId(t: TestApp, name: string): Promise<number> {
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(d.id);
}

function counterpart(spec: DecisionSpec, tag: string) {
  return spec.naturalPerson
    ? {
        counterpart_category: '自然人' as const,
        counterpart_name: spec.name ?? `张三${tag}`,
        uscc: null,
        legal_representative: '',
        id_number_masked: '371102********1234',
        id_number_cipher: 'cipher-not-for-publication',
      }
    : {
        counterpart_category: '法人及非法人组织' as const,
        counterpart_name: spec.name ?? `测试公示企业${tag}有限公司`,
        uscc: spec.uscc ?? unique().uscc,
        legal_representative: '王五',
        id_number_masked: null,
        id_number_cipher: null,
      };
}

const common = async (t: TestApp, spec: DecisionSpec, tag: string) => {
  const dept = await departmentId(t, spec.department);
  const at = spec.receivedAt ?? t.clock.now();
  return {
    sender_department_id: dept,
    sender_record_id: `T-${tag}`,
    channel: '接口' as const,
    payload_digest: `digest-${tag}`,
    version: 1,
    subject_id: null,
    received_by: null,
    received_at: at,
    updated_at: at,
    decided_on: spec.decidedOn,
    authority_name: spec.department,
    authority_uscc: '11371100MB0000000X',
    source_unit_name: spec.department,
    source_unit_uscc: '11371100MB0000000X',
    status: '有效' as const,
    department_id: dept,
    ...counterpart(spec, tag),
  };
};

export async function createLicence(t: TestApp, spec: DecisionSpec): Promise<number> {
  const tag = unique().tag;
  const values = {
    ...(await common(t, spec, tag)),
    decision_doc_name: '食品经营许可决定书',
    decision_doc_no: `日市监许〔2026〕${tag}号`,
    category: '普通' as const,
    certificate_name: '食品经营许可证',
    certificate_no: `JY137110${tag}`,
    content: '预包装食品销售',
    valid_from: spec.decidedOn,
    valid_to: '2031-12-31',
    approval_item_code: null,
    applied_on: null,
    registration_id: null,
  };
  return t.deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('licence_records').values(values).returning('id').executeTakeFirstOrThrow();
    await afterLicenceReceived(trx, t.deps, Number(row.id), 'new');
    return Number(row.id);
  });
}

export async function createPenalty(t: TestApp, spec: DecisionSpec): Promise<number> {
  const tag = unique().tag;
  const values = {
    ...(await common(t, spec, tag)),
    decision_doc_no: `日市监罚〔2026〕${tag}号`,
    violation_type: '销售过期食品',
    violation_facts: '当事人销售超过保质期的预包装食品',
    legal_basis: '《中华人民共和国食品安全法》第一百二十四条',
    categories: spec.categories ?? (['警告', '罚款'] as PenaltyCategory[]),
    content: '警告，罚款人民币五千元',
    fine_amount: '0.5',
    confiscated_amount: null,
    licence_affected: '',
    publicity_until: spec.publicityUntil ?? '2027-12-31',
    task_id: spec.taskId ?? null,
  };
  return t.deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('penalty_records').values(values).returning('id').executeTakeFirstOrThrow();
    await afterPenaltyReceived(trx, t.deps, Number(row.id), 'new');
    return Number(row.id);
  });
}

/** A new version of a received decision (a change or a revocation), as the intake stores it, and its hook. */
export async function changeDecision(
  t: TestApp,
  kind: '行政许可' | '行政处罚',
  id: number,
  change: { status?: DecisionStatus; content?: string },
): Promise<void> {
  await t.deps.db.transaction().execute(async (trx) => {
    if (kind === '行政许可') {
      await trx
        .updateTable('licence_records')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: t.clock.now(), ...change }))
        .where('id', '=', id)
        .execute();
      await afterLicenceReceived(trx, t.deps, id, 'changed');
    } else {
      await trx
        .updateTable('penalty_records')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: t.clock.now(), ...change }))
        .where('id', '=', id)
        .execute();
      await afterPenaltyReceived(trx, t.deps, id, 'changed');
    }
  });
}
