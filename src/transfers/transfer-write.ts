import type { AuditSubject } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { notify, type NotificationInput } from '../notifications/notify';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { departmentUsers, findDepartment, insertEvent } from './transfer-common.repository';
import type { ReceiverInput } from './transfer.schemas';
import type { ExternalKind, ItemType } from './transfer.table';

/** A write of this capability: in the transaction, at `now`, by `who` (the shape of TaskWrite). */
export interface TransferWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}

/** The deadline `days` working days after today (China date), holidays and 调休 respected. */
export async function dueAfterWorkingDays(w: TransferWrite, days: number): Promise<string> {
  return (await workCalendar(w.trx)).addWorkingDays(chinaDate(w.now), days);
}

export interface ResolvedReceiver {
  departmentId: number | null;
  externalKind: ExternalKind | null;
  name: string;
}

/** A named department of the platform other than the sender, or an external body with its name. */
export async function resolveReceiver(db: Db, r: ReceiverInput, senderId: number): Promise<ResolvedReceiver> {
  if (r.departmentId) {
    if (r.departmentId === senderId)
      throw new AppError('VALIDATION', '不能移送给本部门', [
        { field: 'receiver.departmentId', message: '请选择其他部门' },
      ]);
    const d = await findDepartment(db, r.departmentId);
    if (!d)
      throw new AppError('VALIDATION', '接收部门不存在', [
        { field: 'receiver.departmentId', message: '接收部门不存在' },
      ]);
    return { departmentId: Number(d.id), externalKind: null, name: d.name };
  }
  return { departmentId: null, externalKind: r.externalKind!, name: r.externalName };
}

/** One step of an item: its history line (the caller writes the audit entry in the same transaction). */
export async function recordStep(
  w: TransferWrite,
  item: { type: ItemType; id: number; departmentId: number },
  step: { action: string; note: string },
): Promise<void> {
  await insertEvent(w.trx, {
    item_type: item.type,
    item_id: item.id,
    action: step.action,
    department_id: item.departmentId,
    actor_name: w.who.name,
    note: step.note,
    at: w.now,
  });
}

/** Tells the handlers (transfer:write) or readers (transfer:read) of departments. */
export async function tell(
  w: TransferWrite,
  departmentIds: readonly number[],
  as: 'handlers' | 'readers',
  message: Omit<NotificationInput, 'userIds'>,
): Promise<void> {
  const userIds = await departmentUsers(w.trx, departmentIds, as === 'handlers' ? 'transfer:write' : 'transfer:read');
  await notify(w.trx, w.now, { ...message, userIds });
}
