import { describe, expect, it } from 'vitest';
import { sealDraw, sealDrawStreaming } from '../../src/draw/engine/bundle';
import { buildFrames } from '../../src/draw/engine/frame';
import type { StaffedTask } from '../../src/draw/engine/steps';
import { syntheticCity } from '../../src/draw/synthetic-city';
import { frameParams, lotterySealInput } from './engine-fixtures';

/** A small generated city with too few inspectors for every task, committed and ready to draw. */
function sealInput(reveal: string) {
  const city = syntheticCity({ subjects: 3000, departments: 5, items: 12, inspectors: 40 });
  for (const inspector of city.inspectors) inspector.capacity = 8;
  return lotterySealInput(city, buildFrames(city.registers, frameParams), reveal);
}

describe('the draw handing out its tasks as it staffs them (sealDrawStreaming)', () => {
  it('hands out every task of the sealed result once, at its place, with its reason, and seals the same record', async () => {
    const input = sealInput('9319./2.5.8.10.12./9.18.26.34.41.45./');
    const streamed: StaffedTask[] = [];
    let turns = 0;
    const counting = setInterval(() => (turns += 1), 0);
    const sealed = await sealDrawStreaming(input, null, (s) => streamed.push(s), 50);
    clearInterval(counting);
    const whole = sealDraw(input, null);
    if ('problem' in sealed || 'problem' in whole) throw new Error('the reveal is valid');
    expect(sealed.recordDigest).toBe(whole.recordDigest);
    const { tasks, unstaffed } = sealed.result;
    expect(tasks.length).toBeGreaterThan(100);
    expect(unstaffed.length).toBeGreaterThan(0);
    expect(streamed).toHaveLength(tasks.length);
    expect(new Set(streamed.map((s) => s.index)).size).toBe(tasks.length);
    const reasons = new Map(unstaffed.map((u) => [u.key, u.reason]));
    for (const { index, task, reason } of streamed) {
      expect(task).toEqual(tasks[index]);
      expect(reason).toBe(reasons.get(task.key));
    }
    // Staffing goes hardest task first, not in the result's order.
    expect(streamed.some((s, k) => s.index !== k)).toBe(true);
    // The event loop ran while the draw went on (every 50 tasks).
    expect(turns).toBeGreaterThan(0);
  });

  it('reports a reveal that does not match the commitment before handing out any task', async () => {
    const streamed: StaffedTask[] = [];
    const sealed = await sealDrawStreaming(sealInput('1./2./'), null, (s) => streamed.push(s));
    expect(sealed).toEqual({ problem: expect.stringContaining('密钥串含 2 个') });
    expect(streamed).toHaveLength(0);
  });
});
