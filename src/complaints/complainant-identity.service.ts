import { type Actor, requireDepartmentScope, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { openIdentity } from './complainant-key';
import { findComplaintByTicket } from './complaint-intake.repository';

/**
 * 吹哨人保护 (《朔州市平鲁区以加强和规范事中事后监管为抓手持续优化营商环境实施方案》（九）): the complainant's identity and
 * contact, for a person holding complaint:identity in the responsible department (or the joint office, which sees
 * every department's), with a reason. The reveal is audited with the reason; the route also records the read of
 * personal data. No other answer of the platform carries the identity.
 */
export async function revealIdentity(deps: AppDeps, actor: Actor, ticketNo: string, reason: string) {
  const row = await findComplaintByTicket(deps.db, ticketNo);
  if (!row) throw notFound('投诉举报');
  if (row.department_id !== null) requireDepartmentScope(actor, 'complaint:identity', row.department_id);
  else if (scopeOf(actor, 'complaint:identity') !== 'all')
    throw forbidden('尚未分派的投诉举报，只有联席办公室可以查看投诉举报人身份');
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps.config.auditHash, deps.clock.now(), auditSubjectOf(actor), {
      action: 'complaint.identity_reveal',
      entityType: 'complaint',
      entityId: row.ticket_no,
      summary: `查看投诉举报 ${row.ticket_no} 的投诉举报人身份和联系方式，理由：${reason}`,
      after: { ticketNo: row.ticket_no, reason },
    }),
  );
  const identity = row.complainant_cipher ? openIdentity(deps.config, row.complainant_cipher) : null;
  return {
    ticketNo: row.ticket_no,
    anonymous: row.anonymous,
    name: identity?.name ?? null,
    phone: identity?.phone ?? null,
    idNumber: identity?.idNumber ?? null,
  };
}
