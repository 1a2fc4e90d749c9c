import type { AppConfig } from '../config';
import type { DataEndpoint } from './data-message.table';
import { signBody } from './outbound-adapters';

/** A data document as sent: the outbox message id (the receiver's idempotency key) and the document's own fields. */
export type DataPayload = { messageId: number } & Record<string, unknown>;

/** Sends one data document; throws (any error) when the endpoint did not accept it. */
export interface DataAdapter {
  kind: 'webhook' | 'log';
  send(payload: DataPayload): Promise<void>;
}

/** POSTs the document as JSON with the message id and an HMAC-SHA256 signature of the body, as the gateway webhook. */
export function dataWebhookAdapter(url: string, secret: string, timeoutMs = 10_000): DataAdapter {
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
      }).catch((error: unknown) => {
        // The error is shown on the pages: in Chinese, not fetch's own words.
        throw new Error(error instanceof Error && error.name === 'TimeoutError' ? '接收方超时' : '无法连接接收方');
      });
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`接收方返回 HTTP ${res.status}${text ? `：${text}` : ''}`);
      }
    },
  };
}

/** Development: one line per document on stdout. */
function dataLogAdapter(endpoint: DataEndpoint): DataAdapter {
  return {
    kind: 'log',
    async send(p) {
      process.stdout.write(`[数据推送] #${p.messageId} → ${endpoint}：${JSON.stringify(p).slice(0, 300)}\n`);
    },
  };
}

/** The adapter of an endpoint as configured: the credit information platform's webhook, or a log line. */
export function dataAdapterFor(config: AppConfig, endpoint: DataEndpoint): DataAdapter {
  const target = endpoint === 'credit' ? config.creditPlatform : null;
  return target ? dataWebhookAdapter(target.url, target.secret) : dataLogAdapter(endpoint);
}
