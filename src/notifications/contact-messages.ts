import type { Db } from '../db/database';
import type { OutboundStatus } from './notification.table';
import { insertContactMessage, listMessageStates } from './contact-message.repository';

/**
 * Messages to a regulated subject's registered contact (《黄浦区精准高效协同监管实施办法（试行）》第二十四条: notices pushed
 * to the inspected party too). They go out through the same outbox and gateway as the users' messages; the text
 * holds CONTACT_SECRET where the secret (a 企业查询码) goes, and the secret is kept only until the message is sent or
 * given up — the platform never shows it.
 */
export const CONTACT_SECRET = '{{secret}}';
/** What the platform shows in place of the secret. */
export const HIDDEN_SECRET = '＊＊＊＊＊＊＊＊＊＊';

export type ContactChannel = '短信' | '电子邮件';

/** A mobile number takes an SMS; a landline does not. */
const MOBILE = /^1[3-9][0-9]{9}$/;

/** Where a message to the contact goes: a mobile phone by SMS, else the e-mail address; null when neither. */
export function contactRoute(contact: {
  phone: string | null;
  email: string | null;
}): { channel: ContactChannel; phone: string | null; email: string | null; masked: string } | null {
  const phone = contact.phone?.replace(/[\s-]/g, '') ?? '';
  if (MOBILE.test(phone)) return { channel: '短信', phone, email: null, masked: maskPhone(phone) };
  const email = contact.email?.trim() ?? '';
  if (email.includes('@')) return { channel: '电子邮件', phone: null, email, masked: maskEmail(email) };
  return null;
}

/** 13906331234 → 139****1234; a landline keeps its area code and last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length <= 7) return `${digits.slice(0, 1)}****`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** zhang.san@example.com → z***@example.com. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** One message to the contact, written in the caller's transaction; its outbound message id. */
export function notifyContact(
  trx: Db,
  now: Date,
  m: {
    recipientName: string;
    route: { phone: string | null; email: string | null };
    title: string;
    /** With CONTACT_SECRET where `secret` goes. */
    body: string;
    link: string | null;
    taskNo: string | null;
    secret: string | null;
  },
): Promise<number> {
  return insertContactMessage(trx, now, {
    recipientName: m.recipientName,
    phone: m.route.phone,
    email: m.route.email,
    title: m.title,
    body: m.body,
    link: m.link,
    taskNo: m.taskNo,
    secret: m.secret,
  });
}

export interface MessageState {
  status: OutboundStatus;
  sentAt: Date | null;
  lastError: string | null;
}

/** The delivery state of outbound messages by id. */
export async function messageStates(db: Db, ids: readonly number[]): Promise<Map<number, MessageState>> {
  const rows = await listMessageStates(db, ids);
  return new Map(rows.map((r) => [Number(r.id), { status: r.status, sentAt: r.sent_at, lastError: r.last_error }]));
}
