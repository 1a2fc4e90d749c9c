import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/draw/engine/draw';
import {
  type CandidateInspector,
  ineligibility,
  type ItemRequirement,
  qualifies,
  requiredInspectors,
} from '../../src/inspectors/inspector-eligibility';
import { checkChoice, staffingKey, staffTask } from '../../src/tasks/task-staffing';
import { framesOf, item, round, seedOf, subject } from '../draw/engine-fixtures';

/**
 * Whatever the source — a draw (the engine's assignment) or any other task (the seeded staffing of
 * src/tasks/task-staffing.ts) — nobody is sent whom the shared rules (src/inspectors/inspector-eligibility.ts)
 * refuse, every department is represented and covered, and the task has its minimum.
 */

const window = { from: '2026-12-10', to: '2026-12-31' };
const usccOf = (n: number) => subject(n, null).uscc;
const target = usccOf(1);

const inspectorArb = fc.record({
  departmentId: fc.constantFrom(1, 2, 3),
  active: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
  lapse: fc.integer({ min: 0, max: 5 }),
  fields: fc.subarray(['食品', '消防', '安全生产']),
  named: fc.boolean(),
  capacity: fc.integer({ min: 0, max: 4 }),
  conflict: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  visited: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
});
type Row = typeof inspectorArb extends fc.Arbitrary<infer T> ? T : never;

function inspectorsFrom(rows: Row[]): CandidateInspector[] {
  return rows.map((r, n) => ({
    id: 500 + n,
    departmentId: r.departmentId,
    active: r.active,
    certificateIssuedOn: r.lapse === 1 ? '2026-12-15' : '2024-01-01',
    certificateValidUntil: r.lapse === 0 ? '2026-12-20' : '2029-12-31',
    fields: r.fields,
    qualifiedItemCodes: r.named ? ['SJ-X'] : [],
    capacity: r.capacity,
    conflicts: r.conflict ? [target] : [],
    lastCycle: r.visited ? [target] : [],
  }));
}

const departmentArb = fc.uniqueArray(fc.constantFrom(1, 2, 3), { minLength: 1, maxLength: 3 }).chain((ids) =>
  fc.tuple(
    ...ids.map((departmentId) =>
      fc.record({
        departmentId: fc.constant(departmentId),
        items: fc.uniqueArray(
          fc.record({
            code: fc.constantFrom('SJ-X', 'SJ-Y', 'SJ-Z').map((c) => `${c}${departmentId}`),
            fields: fc.subarray(['食品', '消防', '安全生产'], { maxLength: 2 }),
            minInspectors: fc.constantFrom(2, 2, 3),
          }),
          { minLength: 1, maxLength: 2, selector: (i) => i.code },
        ),
        keepCount: fc.integer({ min: 0, max: 1 }),
      }),
    ),
  ),
);

describe('staffing: the same rules for every source', () => {
  it('the seeded staffing of a non-draw task never sends an ineligible inspector, keeps who was there, and is reproducible from its seed', () => {
    let staffed = 0;
    let unstaffed = 0;
    fc.assert(
      fc.property(
        fc.array(inspectorArb, { minLength: 3, maxLength: 24 }),
        departmentArb,
        fc.nat(1_000_000),
        (rows, parts, s) => {
          const inspectors = inspectorsFrom(rows);
          // Inspectors kept from an absorbed task: the first eligible ones of the department (as a draw would have sent).
          const departments = parts.map((p) => {
            const eligible = inspectors.filter(
              (i) => ineligibility(i, { departmentId: p.departmentId, items: p.items, uscc: target, window }) === null,
            );
            return {
              departmentId: p.departmentId,
              items: p.items as ItemRequirement[],
              keep: eligible.slice(0, p.keepCount).map((i) => i.id),
            };
          });
          const seed = seedOf(s);
          const input = { seed, uscc: target, window, departments, inspectors };
          const result = staffTask(input);
          expect(staffTask(input)).toEqual(result);
          const kept = departments.flatMap((d) => d.keep);
          expect(result.picks.slice(0, kept.length).map((p) => p.inspectorId)).toEqual(kept);
          const byId = new Map(inspectors.map((i) => [i.id, i]));
          expect(new Set(result.picks.map((p) => p.inspectorId)).size).toBe(result.picks.length);
          for (const pick of result.picks) {
            const d = departments.find((x) => x.departmentId === pick.departmentId)!;
            expect(
              ineligibility(byId.get(pick.inspectorId)!, {
                departmentId: d.departmentId,
                items: d.items,
                uscc: target,
                window,
              }),
              `inspector ${pick.inspectorId}`,
            ).toBeNull();
          }
          // The pools are the evidence: every eligible inspector, in the order of their SHA-256 key.
          for (const d of departments) {
            const pool = result.pools[d.departmentId]!;
            expect([...pool].sort((a, b) => (staffingKey(seed, a) < staffingKey(seed, b) ? -1 : 1))).toEqual(pool);
            expect(pool.length).toBe(
              inspectors.filter(
                (i) =>
                  ineligibility(i, { departmentId: d.departmentId, items: d.items, uscc: target, window }) === null,
              ).length,
            );
          }
          if (result.unstaffedReason === null) {
            staffed += 1;
            expect(result.picks.length).toBeGreaterThanOrEqual(requiredInspectors(departments.flatMap((d) => d.items)));
            for (const d of departments) {
              const mine = result.picks
                .filter((p) => p.departmentId === d.departmentId)
                .map((p) => byId.get(p.inspectorId)!);
              expect(mine.length).toBeGreaterThanOrEqual(1);
              for (const it of d.items)
                expect(
                  mine.some((i) => qualifies(i, it)),
                  `${it.code} covered`,
                ).toBe(true);
              expect(checkChoice({ departmentId: d.departmentId, items: d.items, uscc: target, window }, mine)).toEqual(
                [],
              );
            }
          } else {
            // The departments that could be staffed keep what they got; the reason names what is missing.
            unstaffed += 1;
            expect(result.unstaffedReason.length).toBeGreaterThan(10);
            const short = departments.filter((d) => {
              const mine = result.picks
                .filter((p) => p.departmentId === d.departmentId)
                .map((p) => byId.get(p.inspectorId)!);
              return mine.length === 0 || d.items.some((it) => !mine.some((i) => qualifies(i, it)));
            });
            if (short.length) expect(result.unstaffedReason).toContain(`部门 ${short[0]!.departmentId}`);
            else expect(result.unstaffedReason).toContain('少于本任务要求');
          }
          expect(result.dropped).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
    // The generator reaches both outcomes (one run saw only 27 of the 300 staffed; 10 leaves room for chance).
    expect(staffed).toBeGreaterThan(10);
    expect(unstaffed).toBeGreaterThan(10);
  });

  it('an inspector kept from an earlier staffing is dropped, with the reason, when the rules no longer allow them', () => {
    const inspectors = inspectorsFrom([
      {
        departmentId: 1,
        active: true,
        lapse: 3,
        fields: ['食品'],
        named: false,
        capacity: 0,
        conflict: false,
        visited: false,
      },
      {
        departmentId: 1,
        active: true,
        lapse: 3,
        fields: ['食品'],
        named: false,
        capacity: 2,
        conflict: true,
        visited: false,
      },
      {
        departmentId: 1,
        active: true,
        lapse: 3,
        fields: ['食品'],
        named: false,
        capacity: 2,
        conflict: false,
        visited: false,
      },
    ]);
    const result = staffTask({
      seed: seedOf(1),
      uscc: target,
      window,
      inspectors,
      departments: [
        { departmentId: 1, items: [{ code: 'SJ-Y1', fields: ['食品'], minInspectors: 2 }], keep: [500, 501] },
      ],
    });
    // 500 carries this visit already (no capacity left is not a reason to drop them); 501 declared a conflict since.
    expect(result.dropped).toEqual([
      { inspectorId: 501, departmentId: 1, reason: '已申报与该检查对象存在利益冲突，须回避' },
    ]);
    expect(result.picks.map((p) => p.inspectorId)).toEqual([500, 502]);
    expect(result.unstaffedReason).toBeNull();
  });

  it('a draw never assigns an inspector the shared rules refuse', () => {
    let assigned = 0;
    fc.assert(
      fc.property(fc.array(inspectorArb, { minLength: 6, maxLength: 30 }), fc.nat(10_000), (rows, s) => {
        const subjects = Array.from({ length: 30 }, (_, n) => subject(n + 1, 'D'));
        const items = [
          item(1, { fields: ['食品'], ratios: { A: 100, B: 100, C: 100, D: 100 } }),
          item(2, { departmentId: 2, fields: [], ratios: { A: 60, B: 60, C: 60, D: 60 } }),
        ];
        const frames = framesOf(subjects, items);
        const inspectors = inspectorsFrom(rows).map((i, n) => ({
          ...i,
          conflicts: i.conflicts.length ? [usccOf((n % 30) + 1)] : [],
          lastCycle: i.lastCycle.length ? [usccOf(((n + 7) % 30) + 1)] : [],
          capacity: i.capacity * 3,
        }));
        const result = runDraw({ round, seed: seedOf(s), frames, inspectors });
        const byId = new Map(inspectors.map((i) => [i.id, i]));
        for (const task of result.tasks) {
          for (const id of task.inspectorIds) {
            const ins = byId.get(id)!;
            const own = frames.items
              .filter((fi) => task.itemCodes.includes(fi.code) && fi.departmentId === ins.departmentId)
              .map((fi) => ({ code: fi.code, fields: fi.fields, minInspectors: fi.minInspectors }));
            expect(
              ineligibility(ins, { departmentId: ins.departmentId, items: own, uscc: task.uscc, window: round.window }),
            ).toBeNull();
            assigned += 1;
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(assigned).toBeGreaterThan(200);
  });
});
