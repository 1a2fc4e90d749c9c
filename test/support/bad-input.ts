import type { JsonSchema } from './route-catalog';

/** One bad request part: a raw payload (string or bytes) with its content type, or a query string, or a path value. */
export interface BodyCase {
  name: string;
  payload: string | Buffer;
  contentType: string;
}

const JSON_TYPE = 'application/json';
const HUGE = 'a'.repeat(100 * 1024);

/** Strings a pattern may want, tried in order: the first one the pattern accepts is the valid value. */
const patternCandidates = [
  '2026-12-01',
  '371100',
  '91371100MA3C4G7X2L',
  '000000000000000',
  '0'.repeat(64),
  'SCJG-CC-01',
  '13800000000',
  'abc',
  'ab_c1',
  'A',
  '1',
];

const additional = (s: JsonSchema): JsonSchema =>
  typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
/** Whether a hinted value suits this property: a hint named like a property of another route may not. */
const fits = (schema: JsonSchema, value: unknown): boolean =>
  typeof value !== 'string' ||
  ((!schema.pattern || new RegExp(schema.pattern).test(value)) && value.length <= (schema.maxLength ?? Infinity));

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** Values for properties a schema alone cannot fill (a checksummed code, a record that exists), by property name. */
export type Hints = Record<string, unknown>;

/**
 * A value the schema accepts, as far as a generator can tell: patterns are met by trying candidates, and a
 * property named in `hints` takes the hinted value.
 */
export function validValue(schema: JsonSchema, hints: Hints = {}): unknown {
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (branch) return validValue(branch, hints);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T09:00:00+08:00';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        const found = patternCandidates.find((c) => re.test(c));
        if (found) return found;
      }
      return '测试内容'.repeat(Math.ceil(Math.max(schema.minLength ?? 1, 4) / 4)).slice(0, schema.maxLength ?? 100);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum === undefined ? 1 : schema.minimum + (schema.exclusiveMinimum ? 1 : 0);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => validValue(schema.items ?? {}, hints));
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [
          k,
          k in hints && fits(v, hints[k]) ? structuredClone(hints[k]) : validValue(v, hints),
        ]),
      );
    default:
      return '测试内容';
  }
}

/** Values of the wrong JSON type for a schema, and values of its type that no sane input has. */
function badValues(schema: JsonSchema): [string, unknown][] {
  const type = typeOf(schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema);
  const wrong: [string, unknown][] = (
    [
      ['null', null],
      ['boolean', true],
      ['number', 12345],
      ['string', 'text'],
      ['array', []],
      ['object', {}],
    ] as [string, unknown][]
  )
    .filter(([t]) => t !== type && !(t === 'number' && type === 'integer') && !(t === 'null' && schema.nullable))
    .map(([t, v]) => [`wrong type ${t}`, v]);
  const odd: [string, unknown][] =
    type === 'string'
      ? [
          ['100 KB string', HUGE],
          ['NUL character', 'a\u0000b'],
          ['lone high surrogate', '\ud800'],
          ['lone low surrogate', 'x\udc00y'],
          ...(schema.format === 'date' || schema.pattern?.includes('\\d{4}')
            ? ([
                ['invalid date 02-30', '2026-02-30'],
                ['invalid date 0000', '0000-00-00'],
                ['five-digit year', '99999-01-01'],
              ] as [string, unknown][])
            : []),
        ]
      : type === 'integer' || type === 'number'
        ? [
            ['1e308', 1e308],
            ['-1e308', -1e308],
            ['-1', -1],
            ['0', 0],
            ['2^31', 2 ** 31],
            ['2^53 + 2', 2 ** 53 + 2],
            ['fraction', 1.5],
            ['NaN as string', 'NaN'],
            ['number as string', '12'],
          ]
        : type === 'array'
          ? [
              ['10,000 elements', Array.from({ length: 10_000 }, () => validValue(schema.items ?? {}))],
              ['NUL element', ['\u0000']],
            ]
          : type === 'object'
            ? [
                ['NUL key', { '\u0000': validValue(additional(schema)) }],
                ['surrogate key', { '\ud800': validValue(additional(schema)) }],
              ]
            : [];
  return [...wrong, ...odd];
}

interface Leaf {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** The properties of an object schema, and those of its nested objects and first array elements (two levels). */
function leaves(schema: JsonSchema, path: string[] = [], depth = 0): Leaf[] {
  const object = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  if (typeOf(object) !== 'object' || !object.properties || depth > 1) return [];
  return Object.entries(object.properties).flatMap(([key, child]) => {
    const leaf = { path: [...path, key], schema: child, required: object.required?.includes(key) ?? false };
    const inner = typeOf(child) === 'array' && child.items ? leaves(child.items, [...leaf.path, '0'], depth + 1) : [];
    return [leaf, ...inner, ...leaves(child, leaf.path, depth + 1)];
  });
}

function withValue(base: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (remove) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

/** NUL and lone surrogates first, then the other odd values, then wrong types and missing properties. */
const rank = (name: string) => (/NUL|surrogate/.test(name) ? 0 : /wrong type|missing/.test(name) ? 2 : 1);

const nested = (levels: number, open: string, close: string) => open.repeat(levels) + '1' + close.repeat(levels);

/** The bad bodies for one route's JSON schema (`null`: the route takes no body; it still gets the generic ones). */
export function bodyCases(schema: JsonSchema | null, hints: Hints = {}): BodyCase[] {
  const json = (name: string, value: unknown): BodyCase => ({
    name,
    payload: JSON.stringify(value),
    contentType: JSON_TYPE,
  });
  const raw = (name: string, payload: string | Buffer, contentType = JSON_TYPE): BodyCase => ({
    name,
    payload,
    contentType,
  });
  const base = schema ? validValue(schema, hints) : {};
  const rest = JSON.stringify(base).slice(1);
  // The strings no layer should let reach the database come first: a create route that succeeds once answers 409
  // to every later copy, before its input gets anywhere.
  const cases: BodyCase[] = [];
  for (const leaf of schema ? leaves(schema) : []) {
    const at = leaf.path.join('.');
    if (leaf.required) cases.push(json(`${at}: missing`, withValue(base, leaf.path, undefined, true)));
    for (const [name, value] of badValues(leaf.schema))
      cases.push(json(`${at}: ${name}`, withValue(base, leaf.path, value)));
  }
  cases.sort((a, b) => rank(a.name) - rank(b.name));
  const first = schema ? leaves(schema)[0] : undefined;
  if (first) {
    const deep = JSON.stringify(withValue(base, first.path, '\u0001nest'));
    cases.push(
      raw(`${first.path.join('.')}: 10,000 nested arrays`, deep.replace('"\\u0001nest"', nested(10_000, '[', ']'))),
    );
  }
  cases.push(
    raw('empty body', ''),
    raw('not JSON', 'not json{'),
    raw('text/plain body', 'hello', 'text/plain'),
    raw('JSON null', 'null'),
    raw('JSON array', '[]'),
    raw('JSON string', '"x"'),
    raw('JSON number 1e999', '1e999'),
    raw('10,000 nested objects', nested(10_000, '{"a":', '}')),
    raw('50,000 nested arrays', nested(50_000, '[', ']')),
    raw('__proto__ key', `{"__proto__":{"polluted":true}${rest === '}' ? '' : ','}${rest}`),
    raw('invalid UTF-8', Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')])),
    json('generated valid body', base),
    json('extra properties', { ...(base as object), extra: 'x', constructor: { prototype: { polluted: true } } }),
    json('1 MB extra property', { ...(base as object), extra: 'x'.repeat(1024 * 1024) }),
  );
  return cases;
}

/** Bad values for one query parameter, already URL-encoded. */
export const queryValues: [string, string][] = [
  ['%00', '%00'],
  ['NUL inside', 'a%00b'],
  ['encoded lone surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%FF%FE'],
  ['10,000 characters', 'x'.repeat(10_000)],
  ['2^31', '2147483648'],
  ['bad percent', '%zz'],
];

/** Bad values for one path parameter, as they appear in the URL. */
export const pathValues: [string, string][] = [
  ['%00', '%00'],
  ['NUL inside', 'a%00b'],
  ['encoded lone surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%FF'],
  ['1,001 characters', 'x'.repeat(1001)],
  ['dot segments', '..%2F..%2Fetc'],
  ['-1', '-1'],
  ['2^31', '2147483648'],
  ['30 digits', '9'.repeat(30)],
  ['1e308', '1e308'],
  ['bad percent', '%zz'],
];
