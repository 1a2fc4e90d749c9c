import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditValueName, hasAuditFieldName, settingName } from '../../src/audit/audit-field-labels';
import { type JsonSchema, listOperations } from '../support/route-catalog';
import { type TestApp, testApp } from '../support/test-platform';
import { type AuditPayloads, auditPayloads } from './audit-payload-keys';

/** A value needs a Chinese name when it is a code in lowercase ASCII (`valid-only`, `own_department`). */
const coded = (value: string) => /[a-z]/.test(value);

/**
 * Reviewed: payload parts whose keys are data, not code. A subject's industry risk is keyed by department name
 * (Chinese); a data-access entry's query holds the route's query parameters, named by the test below.
 */
const keyedByData = new Set(['industryRisk', 'query']);

let payloads: AuditPayloads;

beforeAll(() => {
  payloads = auditPayloads();
}, 180_000);

describe('every key and coded value the code writes into an audit entry has a Chinese name', () => {
  it('finds the recordAudit calls and their payload keys', () => {
    expect(payloads.callSites).toBeGreaterThan(90);
    expect(payloads.keys.size).toBeGreaterThan(150);
    // The payloads the issue named are among them.
    expect([...(payloads.values.get('mode') ?? [])]).toContain('valid-only');
    expect(payloads.keys.has('late')).toBe(true);
  });

  it('names every key', () => {
    const missing = [...payloads.keys]
      .filter(([key]) => !hasAuditFieldName(key))
      .map(([key, sites]) => `${key}（${[...sites].slice(0, 3).join('、')}）`);
    expect(missing, '审计记录中这些字段没有中文名称（src/audit/audit-field-labels.ts）').toEqual([]);
  });

  it('names every coded value', () => {
    const missing = [...payloads.values].flatMap(([key, values]) =>
      [...values].filter((v) => coded(v) && auditValueName(key, v) === undefined).map((v) => `${key} = ${v}`),
    );
    expect(missing, '审计记录中这些取值没有中文名称（src/audit/audit-field-labels.ts）').toEqual([]);
  });

  it('knows the keys of every part of a payload (no untyped record) and names every setting', () => {
    const untyped = payloads.untyped.filter((u) => !keyedByData.has(u.split('：')[0]!));
    expect(untyped, '这些审计内容的字段无法从类型得知：请给出明确的类型').toEqual([]);
    expect(payloads.settingKeys.size).toBeGreaterThan(0);
    expect([...payloads.settingKeys].filter((k) => settingName(k) === undefined)).toEqual([]);
  });
});

describe('every query parameter a data-access entry can record has a Chinese name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.app.close());

  const enumOf = (schema: JsonSchema | undefined): unknown[] =>
    [schema?.enum ?? [], ...(schema?.anyOf ?? schema?.oneOf ?? []).map((s) => s.enum ?? [])].flat();

  it('names the query and path parameters of every GET route, and their coded values', async () => {
    const reads = (await listOperations(t.app)).filter((op) => op.method === 'GET');
    const params = reads.flatMap((op) => [...op.pathParams, ...op.queryParams].map((p) => ({ op, p })));
    expect(params.length).toBeGreaterThan(50);
    const unnamed = [...new Set(params.filter(({ p }) => !hasAuditFieldName(p.name)).map(({ p }) => p.name))];
    expect(unnamed, '这些查询参数没有中文名称').toEqual([]);
    const codes = params.flatMap(({ p }) =>
      enumOf(p.schema)
        .filter((v): v is string => typeof v === 'string' && coded(v))
        .filter((v) => auditValueName(p.name, v) === undefined && v !== 'true' && v !== 'false')
        .map((v) => `${p.name} = ${v}`),
    );
    expect([...new Set(codes)], '这些查询参数取值没有中文名称').toEqual([]);
  });
});
