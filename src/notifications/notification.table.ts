import type { Generated } from 'kysely';

/** What a notification is about; the web shows it, reminders key on it. */
export type NotificationKind =
  | 'task_published'
  | 'visit_scheduled'
  | 'visit_rescheduled'
  | 'results_returned'
  | 'results_overdue'
  | 'publication_overdue'
  | 'feedback_overdue'
  | 'publicity_due'
  | 'account_locked'
  | 'registration_pushed'
  | 'push_ack_due'
  | 'push_ack_overdue'
  | 'credit_run_pushed'
  | 'measure_case'
  | 'warning'
  | 'transfer_received'
  | 'transfer_progress'
  | 'transfer_due'
  | 'assistance_received'
  | 'assistance_answered'
  | 'copy_received'
  | 'complaint'
  | 'complaint_due'
  | 'complaint_overdue'
  | 'complaint_supervised'
  | 'performance_notice'
  | 'anomaly_due'
  | 'anomaly_overdue';

/** A message in the platform to one user; only that user sees it. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path of the web app (/m/tasks/…), or null. */
  link: string | null;
  task_no: string | null;
  created_at: Date;
  read_at: Date | null;
}

export type OutboundStatus = '待发送' | '已发送' | '发送失败';

/**
 * The copy of a notification for the external gateway (SMS / 政务微信), written in the same transaction
 * as the notification (outbox). Its id is the idempotency key the gateway sees.
 */
export interface OutboundMessageTable {
  id: Generated<number>;
  /** Null for a message to a contact outside the platform (outbound_contact_messages). */
  notification_id: number | null;
  status: OutboundStatus;
  attempts: Generated<number>;
  last_error: string | null;
  /** When the dispatcher may (re)try it; a claimed message is pushed ahead by the claim lease. */
  next_attempt_at: Date;
  sent_at: Date | null;
  created_at: Date;
}

/**
 * A message to someone who is no platform user (a regulated subject's registered phone or e-mail), with its text.
 * `body` holds CONTACT_SECRET where the secret goes; the secret itself is kept only until the message is sent or
 * given up, and is never shown in the platform.
 */
export interface OutboundContactMessageTable {
  message_id: number;
  recipient_name: string;
  phone: string | null;
  email: string | null;
  title: string;
  body: string;
  link: string | null;
  task_no: string | null;
  secret: string | null;
}

/** At most one reminder per task, department, kind and China day. */
export interface NotificationReminderTable {
  task_id: number;
  department_id: number;
  kind: NotificationKind;
  reminded_on: string;
  created_at: Date;
}
