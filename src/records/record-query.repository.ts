import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { LicenceRow, PenaltyRow, RegistrationRow } from './record.repository';
import type {
  DecisionListQuery,
  LicenceView,
  PenaltyView,
  RecordType,
  RecordVersionView,
  RegistrationListQuery,
  RegistrationView,
} from './record.schemas';
import type { RecordKind } from './record.table';

const tables = {
  registration: 'business_registrations',
  licence: 'licence_records',
  penalty: 'penalty_records',
} as const;

/** The sender and key of a stored record (online correction). */
export const findReceivedHead = (db: Db, type: RecordType, id: number) =>
  db
    .selectFrom(tables[type])
    .select(['id', 'sender_department_id', 'sender_record_id'])
    .where('id', '=', id)
    .executeTakeFirst();

const received = (row: RegistrationRow | LicenceRow | PenaltyRow, departmentName: string) => ({
  id: row.id,
  senderDepartmentId: row.sender_department_id,
  senderDepartmentName: departmentName,
  senderRecordId: row.sender_record_id,
  channel: row.channel,
  version: row.version,
  subjectId: row.subject_id,
  receivedAt: row.received_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const isoDate = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
const isoDateOrNull = (d: unknown): string | null => (d == null ? null : isoDate(d));

export const presentRegistration = (row: RegistrationRow & { department_name: string }): RegistrationView => ({
  ...received(row, row.department_name),
  registrationNo: row.registration_no,
  event: row.event,
  uscc: row.uscc,
  name: row.name,
  subjectKind: row.subject_kind,
  legalRepresentative: row.legal_representative,
  businessScope: row.business_scope,
  industryCodes: row.industry_codes,
  divisionCode: row.division_code,
  address: row.address,
  registeredOn: isoDate(row.registered_on),
  registrationAuthority: row.registration_authority,
  priorApproval: row.prior_approval,
});

const decision = (row: LicenceRow | PenaltyRow, departmentName: string) => ({
  ...received(row, departmentName),
  counterpartCategory: row.counterpart_category,
  counterpartName: row.counterpart_name,
  uscc: row.uscc,
  legalRepresentative: row.legal_representative,
  idNumberMasked: row.id_number_masked,
  decidedOn: isoDate(row.decided_on),
  authorityName: row.authority_name,
  authorityUscc: row.authority_uscc,
  sourceUnitName: row.source_unit_name,
  sourceUnitUscc: row.source_unit_uscc,
  status: row.status,
  departmentId: row.department_id,
  content: row.content,
});

export const presentLicence = (row: LicenceRow & { department_name: string }): LicenceView => ({
  ...decision(row, row.department_name),
  decisionDocName: row.decision_doc_name,
  decisionDocNo: row.decision_doc_no,
  category: row.category,
  certificateName: row.certificate_name,
  certificateNo: row.certificate_no,
  validFrom: isoDate(row.valid_from),
  validTo: isoDateOrNull(row.valid_to),
  approvalItemCode: row.approval_item_code,
  appliedOn: isoDateOrNull(row.applied_on),
  registrationId: row.registration_id,
});

export const presentPenalty = (row: PenaltyRow & { department_name: string; task_no: string | null }): PenaltyView => ({
  ...decision(row, row.department_name),
  decisionDocNo: row.decision_doc_no,
  violationType: row.violation_type,
  violationFacts: row.violation_facts,
  legalBasis: row.legal_basis,
  categories: row.categories,
  fineAmount: row.fine_amount === null ? null : String(Number(row.fine_amount)),
  confiscatedAmount: row.confiscated_amount === null ? null : String(Number(row.confiscated_amount)),
  licenceAffected: row.licence_affected,
  publicityUntil: isoDate(row.publicity_until),
  taskId: row.task_id,
  taskNo: row.task_no,
});

type Filters = Pick<RegistrationListQuery, 'q' | 'departmentId' | 'from' | 'to' | 'channel'>;

/** The common filters: name or credit code, sender department (and the actor's scope), date range, channel. */
function commonFilters(
  alias: 'r' | 'l' | 'p',
  q: Filters,
  scope: number | null,
  nameColumn: string,
  dateColumn: string,
): RawBuilder<boolean>[] {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const conditions: RawBuilder<boolean>[] = [];
  const text = q.q?.replace(/\s+/g, '');
  if (text) {
    conditions.push(
      /^[0-9A-Za-z]{18}$/.test(text)
        ? sql<boolean>`${col('uscc')} = ${text.toUpperCase()}`
        : sql<boolean>`${col(nameColumn)} LIKE ${likeContains(text)}`,
    );
  }
  if (scope !== null) conditions.push(sql<boolean>`${col('sender_department_id')} = ${scope}`);
  if (q.departmentId) conditions.push(sql<boolean>`${col('sender_department_id')} = ${q.departmentId}`);
  if (q.from) conditions.push(sql<boolean>`${col(dateColumn)} >= ${q.from}::date`);
  if (q.to) conditions.push(sql<boolean>`${col(dateColumn)} <= ${q.to}::date`);
  if (q.channel) conditions.push(sql<boolean>`${col('channel')} = ${q.channel}`);
  return conditions;
}

const decisionFilters = (q: DecisionListQuery, alias: 'l' | 'p'): RawBuilder<boolean>[] => [
  ...(q.status ? [sql<boolean>`${sql.ref(`${alias}.status`)} = ${q.status}`] : []),
  ...(q.counterpartCategory
    ? [sql<boolean>`${sql.ref(`${alias}.counterpart_category`)} = ${q.counterpartCategory}`]
    : []),
];

const all = (conditions: RawBuilder<boolean>[]) =>
  conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`TRUE`;

export async function listRegistrations(db: Db, q: RegistrationListQuery, scope: number | null) {
  const base = db
    .selectFrom('business_registrations as r')
    .innerJoin('departments as d', 'd.id', 'r.sender_department_id')
    .where(
      all([
        ...commonFilters('r', q, scope, 'name', 'registered_on'),
        ...(q.event ? [sql<boolean>`r.event = ${q.event}`] : []),
      ]),
    );
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('r')
    .select('d.name as department_name')
    .orderBy('r.registered_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: rows.map(presentRegistration), total: Number(n) };
}

export async function listLicences(db: Db, q: DecisionListQuery, scope: number | null) {
  const base = db
    .selectFrom('licence_records as l')
    .innerJoin('departments as d', 'd.id', 'l.sender_department_id')
    .where(all([...commonFilters('l', q, scope, 'counterpart_name', 'decided_on'), ...decisionFilters(q, 'l')]));
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('l')
    .select('d.name as department_name')
    .orderBy('l.decided_on', 'desc')
    .orderBy('l.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: rows.map(presentLicence), total: Number(n) };
}

export async function listPenalties(db: Db, q: DecisionListQuery, scope: number | null) {
  const base = db
    .selectFrom('penalty_records as p')
    .innerJoin('departments as d', 'd.id', 'p.sender_department_id')
    .leftJoin('inspection_tasks as t', 't.id', 'p.task_id')
    .where(all([...commonFilters('p', q, scope, 'counterpart_name', 'decided_on'), ...decisionFilters(q, 'p')]));
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('p')
    .select(['d.name as department_name', 't.task_no'])
    .orderBy('p.decided_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: rows.map(presentPenalty), total: Number(n) };
}

export const findRegistration = (db: Db, id: number) =>
  db
    .selectFrom('business_registrations as r')
    .innerJoin('departments as d', 'd.id', 'r.sender_department_id')
    .selectAll('r')
    .select('d.name as department_name')
    .where('r.id', '=', id)
    .executeTakeFirst();
export const findLicence = (db: Db, id: number) =>
  db
    .selectFrom('licence_records as l')
    .innerJoin('departments as d', 'd.id', 'l.sender_department_id')
    .selectAll('l')
    .select('d.name as department_name')
    .where('l.id', '=', id)
    .executeTakeFirst();
export const findPenalty = (db: Db, id: number) =>
  db
    .selectFrom('penalty_records as p')
    .innerJoin('departments as d', 'd.id', 'p.sender_department_id')
    .leftJoin('inspection_tasks as t', 't.id', 'p.task_id')
    .selectAll('p')
    .select(['d.name as department_name', 't.task_no'])
    .where('p.id', '=', id)
    .executeTakeFirst();

export async function recordVersions(db: Db, kind: RecordKind, recordId: number): Promise<RecordVersionView[]> {
  const rows = await db
    .selectFrom('received_record_versions as v')
    .leftJoin('users as u', 'u.id', 'v.received_by')
    .select(['v.version', 'v.channel', 'v.received_at', 'v.payload', 'u.name'])
    .where('v.kind', '=', kind)
    .where('v.record_id', '=', recordId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    receivedByName: r.name,
    payload: r.payload,
  }));
}
