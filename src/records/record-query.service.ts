import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { kindOf } from './record-payload';
import {
  findLicence,
  findPenalty,
  findRegistration,
  listLicences,
  listPenalties,
  listRegistrations,
  presentLicence,
  presentPenalty,
  presentRegistration,
  recordVersions,
} from './record-query.repository';
import type { DecisionListQuery, RegistrationListQuery } from './record.schemas';

// Department-scoped roles see the records their department sent; the supervision, joint and credit offices see all.
// A natural person's ID number is shown masked only: the cipher never leaves the repository's row.

export async function registrationList(deps: AppDeps, actor: Actor, query: RegistrationListQuery) {
  requirePermission(actor, 'records:read');
  return listRegistrations(deps.db, query, departmentFilter(actor, 'records:read'));
}

export async function licenceList(deps: AppDeps, actor: Actor, query: DecisionListQuery) {
  requirePermission(actor, 'records:read');
  return listLicences(deps.db, query, departmentFilter(actor, 'records:read'));
}

export async function penaltyList(deps: AppDeps, actor: Actor, query: DecisionListQuery) {
  requirePermission(actor, 'records:read');
  return listPenalties(deps.db, query, departmentFilter(actor, 'records:read'));
}

export async function registrationDetail(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'records:read');
  const row = await findRegistration(deps.db, id);
  if (!row) throw notFound('登记注册信息');
  requireDepartmentScope(actor, 'records:read', row.sender_department_id);
  return { ...presentRegistration(row), versions: await recordVersions(deps.db, kindOf.registration, id) };
}

export async function licenceDetail(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'records:read');
  const row = await findLicence(deps.db, id);
  if (!row) throw notFound('行政许可信息');
  requireDepartmentScope(actor, 'records:read', row.sender_department_id);
  return { ...presentLicence(row), versions: await recordVersions(deps.db, kindOf.licence, id) };
}

export async function penaltyDetail(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'records:read');
  const row = await findPenalty(deps.db, id);
  if (!row) throw notFound('行政处罚信息');
  requireDepartmentScope(actor, 'records:read', row.sender_department_id);
  return { ...presentPenalty(row), versions: await recordVersions(deps.db, kindOf.penalty, id) };
}
