import type { JSONColumnType } from 'kysely';

/** External data endpoints the outbox delivers JSON documents to (besides the SMS / 政务微信 gateway). */
export const dataEndpoints = ['credit'] as const;
export type DataEndpoint = (typeof dataEndpoints)[number];

/**
 * A JSON document for an external data endpoint (the credit information platform), queued in the outbox like a
 * message: same statuses, retries, lease and 重发; sent to the endpoint's own signed webhook instead of the gateway.
 */
export interface OutboundDataMessageTable {
  message_id: number;
  endpoint: DataEndpoint;
  /** Who receives it, as the 消息推送记录 page shows it (e.g. 公共信用信息服务平台). */
  recipient_name: string;
  title: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
}
