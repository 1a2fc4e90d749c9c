import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { HashAlgorithm } from '../audit/audit.table';
import type { Db } from '../db/database';
import { industryCodeProblem } from '../industries/industry-catalog';
import { nameBigrams } from './name-bigrams';
import { findSubjectByUscc, insertSubject, presentSubject, updateSubject } from './subject.repository';
import { auditView, industryScope } from './subject.service';
import type { SubjectKind } from './subject.table';

/** What a registration event (设立, 变更, 注销) tells the register about a market subject. */
export interface RegisteredSubject {
  event: '设立' | '变更' | '注销';
  uscc: string;
  name: string;
  kind: SubjectKind;
  legalRepresentative: string;
  divisionCode: string;
  address: string;
  businessScope: string;
  industryCodes: string[];
  registeredOn: string;
}

/**
 * Brings the subject register in line with a received registration event, inside the caller's transaction (the
 * records intake, src/records): 设立 creates the subject (or refreshes one already known), 变更 updates it, 注销 sets
 * its status 注销. The credit class, whitelist, risk levels and contacts stay as they are. Returns the subject's id.
 */
export async function applyRegistrationToRegister(
  trx: Db,
  auditHash: HashAlgorithm,
  now: Date,
  by: AuditSubject,
  r: RegisteredSubject,
): Promise<number> {
  const before = await findSubjectByUscc(trx, r.uscc);
  // The register keeps only codes of the national classification; the registration keeps what it was sent.
  const industryCodes = r.industryCodes.filter((c) => industryCodeProblem(c) === null);
  const values = {
    name: r.name,
    name_bigrams: nameBigrams(r.name),
    kind: r.kind,
    legal_representative: r.legalRepresentative,
    division_code: r.divisionCode.slice(0, 6),
    registered_address: r.address,
    business_scope: r.businessScope,
    industry_codes: industryCodes,
    industry_scope: industryScope(industryCodes),
    status: r.event === '注销' ? ('注销' as const) : ('存续' as const),
    updated_at: now,
  };
  if (!before) {
    const view = presentSubject(
      await insertSubject(trx, {
        ...values,
        uscc: r.uscc,
        uscc_problem: null,
        uscc_kept: false,
        legacy_reg_no: null,
        contact_phone: null,
        contact_email: null,
        business_address: r.address,
        registration_date: r.registeredOn,
        credit_class: null,
        industry_risk: '{}',
        whitelisted: false,
        key_target: false,
        key_target_reason: null,
        created_at: now,
      }),
    );
    await recordAudit(trx, auditHash, now, by, {
      action: 'subject.create',
      entityType: 'subject',
      entityId: view.id,
      summary: `按登记注册信息（${r.event}）新增监管对象“${view.name}”（${view.uscc}）`,
      after: auditView(view),
    });
    return view.id;
  }
  const view = presentSubject(
    await updateSubject(trx, Number(before.id), {
      ...values,
      registration_date: r.event === '设立' ? r.registeredOn : before.registration_date,
    }),
  );
  const old = auditView(presentSubject(before));
  const after = auditView(view);
  if (JSON.stringify(old) !== JSON.stringify(after))
    await recordAudit(trx, auditHash, now, by, {
      action: 'subject.update',
      entityType: 'subject',
      entityId: view.id,
      summary: `按登记注册信息（${r.event}）${r.event === '注销' ? '注销' : '更新'}监管对象“${view.name}”（${view.uscc}）`,
      before: old,
      after: after,
    });
  return view.id;
}
