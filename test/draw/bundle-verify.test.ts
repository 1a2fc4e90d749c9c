import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleJson, sealDraw } from '../../src/draw/engine/bundle';
import { buildFrames } from '../../src/draw/engine/frame';
import type { DrawBundle } from '../../src/draw/engine/verify';
import { syntheticCity } from '../../src/draw/synthetic-city';
import { type TestApp, testApp } from '../support/test-platform';
import { lotterySealInput } from './engine-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.app.close());

/** A sealed draw of a small generated city, as an auditor downloads it. */
function smallBundle(): DrawBundle {
  const city = syntheticCity({ subjects: 2000, departments: 5, items: 12, inspectors: 60 });
  const frames = buildFrames(city.registers, {
    riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 },
    unclassifiedAs: 'B',
    routineVisitCap: 2,
  });
  const sealed = sealDraw(lotterySealInput(city, frames, '9319./2.5.8.10.12./9.18.26.34.41.45./'), null);
  if ('problem' in sealed) throw new Error(sealed.problem);
  return sealed;
}

const verify = (payload: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/draws/verify',
    headers: { 'content-type': 'application/json' },
    payload,
  });

describe('public recomputation of an uploaded audit bundle', () => {
  it('recomputes a bundle read as text once: identical, or the first difference after a change', async () => {
    const bundle = smallBundle();
    const text = bundleJson(bundle);
    const same = await verify(text);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ identical: true, difference: null });

    const changed = JSON.parse(text) as { seed: string };
    changed.seed = `${changed.seed.slice(0, -1)}${changed.seed.endsWith('0') ? '1' : '0'}`;
    const differs = await verify(JSON.stringify(changed));
    expect(differs.statusCode).toBe(200);
    expect(differs.json()).toMatchObject({ identical: false, difference: expect.any(String) });

    const broken = await verify('{"format":');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error).toEqual({ code: 'BAD_FILE', message: '文件不是有效的 JSON' });
  });
});
