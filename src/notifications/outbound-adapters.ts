import { createHmac } from 'node:crypto';
import type { AppConfig } from '../config';

/** What the gateway receives for one message. */
export interface OutboundPayload {
  messageId: number;
  /** A platform user's phone; a regulated subject's mobile phone or (phone empty) e-mail address. */
  recipient: { name: string; phone: string; email?: string | null };
  title: string;
  body: string;
  link: string | null;
  taskNo: string | null;
  createdAt: string;
}

/** Sends one message; throws (any error) when the gateway did not accept it. */
export interface OutboundAdapter {
  kind: 'webhook' | 'log';
  send(payload: OutboundPayload): Promise<void>;
}

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** POSTs the payload as JSON with the message id (idempotency key) and an HMAC-SHA256 signature of the body. */
export function webhookAdapter(url: string, secret: string, timeoutMs = 10_000): OutboundAdapter {
  return {
    kind: 'webhook',
    async send(payload) {
      const body = JSON.stringify(payload);
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-lianjian-message-id': String(payload.messageId),
          'x-lianjian-signature': signBody(secret, body),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`网关返回 HTTP ${res.status}${text ? `：${text}` : ''}`);
      }
    },
  };
}

/** Development: one line per message on stdout instead of a gateway. */
export function logAdapter(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): OutboundAdapter {
  return {
    kind: 'log',
    async send(p) {
      write(
        `[消息推送] #${p.messageId} → ${p.recipient.name}（${p.recipient.phone || p.recipient.email || ''}）${p.title}：${p.body}${p.link ? ` ${p.link}` : ''}`,
      );
    },
  };
}

export function adapterFor(config: AppConfig): OutboundAdapter {
  return config.notify.webhook ? webhookAdapter(config.notify.webhook.url, config.notify.webhook.secret) : logAdapter();
}
