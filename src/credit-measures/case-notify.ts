import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { implementers } from './case.repository';
import type { MeasureKind } from './credit-measure.table';

/** The to-do of each implementing department: which subjects, under which measure, feedback due when. */
export async function notifyImplementers(
  trx: Db,
  now: Date,
  c: { departmentIds: number[]; kind: MeasureKind; matter: string; subjectNames: string[]; dueOn: string | null },
): Promise<void> {
  const who =
    c.subjectNames.length > 3
      ? `${c.subjectNames.slice(0, 3).join('、')}等 ${c.subjectNames.length} 个对象`
      : c.subjectNames.join('、');
  await notify(trx, now, {
    userIds: await implementers(trx, c.departmentIds),
    kind: 'measure_case',
    title: `联合${c.kind}：${c.matter}`,
    body: `${who}已列为联合${c.kind}对象，本部门是实施主体，请依法实施并${c.dueOn ? `于 ${c.dueOn} 前` : ''}在平台登记实施反馈。`,
    link: '/credit-measures/cases',
  });
}
