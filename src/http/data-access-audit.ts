import { Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditEntityType } from '../audit/audit-labels';
import { type DataAccess, recordDataAccess } from '../audit/data-access-audit.service';
import type { AppDeps } from '../shared/context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer carries personal data (phone numbers, legal representatives …): every read is audited. */
    personalData?: AuditEntityType;
  }
}

/** Rows of a download counted by the code that writes it (XLSX streams), keyed by request. */
const rowCounters = new WeakMap<FastifyRequest, { rows: number }>();

/** Tells the audit how many rows a streamed download holds (read once the stream has ended). */
export function countDownloadRows(request: FastifyRequest, counter: { rows: number }): void {
  rowCounters.set(request, counter);
}

/** The file name a content-disposition header gives (filename* preferred), or null when there is none. */
function downloadName(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** Counts CSV records (line ends outside quotes) in chunks of UTF-8, where '"' and '\n' are single bytes. */
function csvRecordCounter() {
  let quoted = false;
  let lines = 0;
  return {
    feed(chunk: Buffer): void {
      for (const byte of chunk) {
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) lines += 1;
      }
    },
    /** Records after the header line. */
    get rows(): number {
      return Math.max(0, lines - 1);
    },
  };
}

const rowsOfJson = (payload: unknown): number =>
  Array.isArray(payload)
    ? payload.length
    : payload && typeof payload === 'object' && Array.isArray((payload as { items?: unknown }).items)
      ? (payload as { items: unknown[] }).items.length
      : 1;

/**
 * Audits reads of personal data and every download, in one place: a route marked `personalData` and any
 * authenticated answer with a file name (content-disposition) leave an entry with who, what, how many rows
 * and the query. The entry is committed before the answer completes (a stream ends only after it), so a
 * read that cannot be audited is not handed out whole. Anonymous reads of the public portal are not audited.
 */
export const dataAccessAudit = fp(async (app: FastifyInstance, deps: AppDeps) => {
  const jsonRows = new WeakMap<FastifyRequest, number>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (request.actor && request.routeOptions.config.personalData) jsonRows.set(request, rowsOfJson(payload));
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const actor = request.actor;
    if (!actor || reply.statusCode >= 300) return payload;
    const fileName = downloadName(reply.getHeader('content-disposition'));
    const personal = request.routeOptions.config.personalData;
    if (!fileName && !personal) return payload;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const ids = Object.values(params);
    const access = (rows: number | null): DataAccess => ({
      kind: fileName ? 'export' : 'personal_data',
      // Reads get types of their own, so an entity's history stays the list of its changes; the id names the kind.
      entityType: fileName ? 'export_file' : 'personal_data',
      entityId: fileName
        ? ids.length === 1
          ? String(ids[0])
          : null
        : ids.length === 1
          ? `${personal}:${ids[0]}`
          : personal!,
      what: request.routeOptions.schema?.summary ?? request.routeOptions.url ?? request.url,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      query: { ...params, ...((request.query ?? {}) as Record<string, unknown>) },
      rows,
      fileName,
    });
    const isCsv = String(reply.getHeader('content-type') ?? '').startsWith('text/csv');
    if (payload instanceof Readable) {
      const csv = csvRecordCounter();
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (isCsv) csv.feed(chunk);
          done(null, chunk);
        },
        flush(done) {
          const rows = rowCounters.get(request)?.rows ?? (isCsv ? csv.rows : null);
          recordDataAccess(deps, actor, access(rows)).then(
            () => done(),
            (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
          );
        },
      });
      payload.on('error', (error) => counted.destroy(error));
      return payload.pipe(counted);
    }
    let rows: number | null = jsonRows.get(request) ?? null;
    if (rows === null && isCsv && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const csv = csvRecordCounter();
      csv.feed(Buffer.from(payload));
      rows = csv.rows;
    }
    await recordDataAccess(deps, actor, access(rows));
    return payload;
  });
});
