import type { FastifyContextConfig, FastifyInstance, HTTPMethods } from 'fastify';

/** A JSON schema as the OpenAPI document gives it (generated from the routes' zod schemas). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** OpenAPI 3.0: a flag on `minimum`. */
  exclusiveMinimum?: boolean;
  nullable?: boolean;
  additionalProperties?: JsonSchema | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** One operation of the OpenAPI document, with what the tests need to call it. */
export interface Operation {
  method: HTTPMethods;
  /** The OpenAPI path, e.g. /api/subjects/{id}. */
  path: string;
  /** The route as Fastify registered it, e.g. /api/subjects/:id. */
  pattern: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema; null when the route takes no JSON body. */
  body: JsonSchema | null;
  /** The route takes a multipart upload. */
  multipart: boolean;
}

/** Every operation of the app's OpenAPI document (GET /api/docs/json), in a stable order. */
export async function listOperations(app: FastifyInstance): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`/api/docs/json answered ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]): Operation => {
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase() as HTTPMethods,
        path,
        pattern: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content || /\/api\/imports\/\w+$|\/photos$/.test(path),
      };
    }),
  );
}

export const operationKey = (op: { method: string; pattern: string }) => `${op.method} ${op.pattern}`;

/**
 * The config each route was registered with (public, permission), read from the requests the app answers: an
 * onResponse hook sees `request.routeOptions` of the matched route whatever the answer was. Add it before
 * `app.ready()`; call every route at least once before reading the map.
 */
export function captureRouteConfig(app: FastifyInstance): Map<string, FastifyContextConfig> {
  const configs = new Map<string, FastifyContextConfig>();
  app.addHook('onResponse', async (request) => {
    if (request.is404 || request.routeOptions.url === undefined) return;
    configs.set(`${request.method} ${request.routeOptions.url}`, request.routeOptions.config);
  });
  return configs;
}

/** The operation's URL with its path parameters filled in (each value URL-encoded unless `raw`). */
export function urlOf(op: Operation, value: (name: string) => string, raw = false): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? value(name) : encodeURIComponent(value(name))));
}

let address = 1 << 16;
/**
 * A new loopback client address for every request: public routes are rate-limited per client address, and a
 * matrix of thousands of requests from one address would measure the limiter instead of the route.
 */
export function nextClientAddress(): string {
  address += 1;
  return `127.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}
