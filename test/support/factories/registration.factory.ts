import { createHash } from 'node:crypto';
import type { AppDeps } from '../../../src/shared/context';
import { afterRegistrationReceived } from '../../../src/records/record-hooks';
import type { RegistrationEvent } from '../../../src/records/record.table';
import { organUscc } from '../../../src/shared/uscc';

export interface RegistrationFacts {
  name?: string;
  uscc?: string;
  event?: RegistrationEvent;
  businessScope?: string;
  industryCodes?: string[];
  divisionCode?: string;
  priorApproval?: boolean;
  registeredOn?: string;
}

let serial = Math.floor(Math.random() * 300_000);

/**
 * A registration event as the intake stores it, then its hook (afterRegistrationReceived) in the same transaction,
 * at the deps' clock. Written directly: the intake service (src/records) is developed in parallel, and the 双告知 tests
 * need only the stored row and the hook the intake calls.
 */
export async function receiveRegistration(deps: AppDeps, facts: RegistrationFacts = {}): Promise<number> {
  serial += 1;
  const now = deps.clock.now();
  const sender = await deps.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '市市场监督管理局')
    .executeTakeFirstOrThrow();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('business_registrations')
      .values({
        registration_no: `DJZC-T${serial}`,
        sender_department_id: sender.id,
        sender_record_id: `T-${serial}`,
        channel: '接口',
        payload_digest: createHash('sha256').update(String(serial)).digest('hex'),
        version: 1,
        subject_id: null,
        received_by: null,
        received_at: now,
        updated_at: now,
        event: facts.event ?? '设立',
        uscc: facts.uscc ?? organUscc('371102', 700_000 + serial),
        name: facts.name ?? `日照测试${serial}商贸有限公司`,
        subject_kind: '企业',
        legal_representative: '王测试',
        business_scope: facts.businessScope ?? '日用百货销售',
        industry_codes: facts.industryCodes ?? [],
        division_code: facts.divisionCode ?? '371102',
        address: '日照市东港区测试路 1 号',
        registered_on: facts.registeredOn ?? '2026-09-29',
        registration_authority: '日照市市场监督管理局',
        prior_approval: facts.priorApproval ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await afterRegistrationReceived(trx, deps, row.id, 'new');
    return row.id;
  });
}
