import { describe, expect, it } from 'vitest';
import { type DepartmentPart, evaluationGate, type GateFacts } from '../../src/notices/evaluation-parts';

const market: DepartmentPart = { departmentId: 1, name: '市市场监督管理局', inspection: null, evaluated: false };
const safety: DepartmentPart = { departmentId: 2, name: '市应急管理局', inspection: null, evaluated: false };
const facts = (over: Partial<GateFacts>): GateFacts => ({
  codeStatus: '真实有效',
  visitOver: false,
  windowTo: '2031-03-31',
  today: '2031-03-10',
  closesOn: '2031-04-30',
  departments: [market, safety],
  ...over,
});
const states = (f: GateFacts) => evaluationGate(f).parts.map((p) => p.state);

describe("each department's part of a visit for the subject's evaluation", () => {
  it('before anyone inspected nothing opens and the visit says 检查尚未实施', () => {
    const gate = evaluationGate(facts({}));
    expect(gate).toMatchObject({ open: false, submitted: false });
    expect(gate.reason).toContain('检查尚未实施');
    expect(states(facts({}))).toEqual(['未开放', '未开放']);
  });

  it('a part opens once its own department inspected (on site or off site); the other stays closed', () => {
    const f = facts({
      departments: [{ ...market, inspection: { inspectedOn: '2031-03-09', offsite: false } }, safety],
    });
    const gate = evaluationGate(f);
    expect(gate.open).toBe(true);
    expect(gate.parts[0]!.reason).toContain('已于 2031-03-09 实施检查并提交检查结果');
    expect(gate.parts[0]!.reason).toContain('评价截止 2031-04-30');
    expect(gate.reason).toBe(
      '检查已实施，欢迎对市市场监督管理局的检查作出评价；市应急管理局尚未提交检查结果，提交后可再评价。',
    );
    const offsite = evaluationGate(
      facts({ departments: [market, { ...safety, inspection: { inspectedOn: '2031-03-08', offsite: true } }] }),
    );
    expect(offsite.parts.map((p) => p.state)).toEqual(['未开放', '可评价']);
    expect(offsite.parts[1]!.reason).toContain('非现场检查');
  });

  it('after the window every part not yet evaluated opens; when all are evaluated the visit is done', () => {
    expect(states(facts({ today: '2031-04-01' }))).toEqual(['可评价', '可评价']);
    expect(states(facts({ visitOver: true }))).toEqual(['可评价', '可评价']);
    const done = evaluationGate(
      facts({
        departments: [
          { ...market, evaluated: true },
          { ...safety, evaluated: true },
        ],
      }),
    );
    expect(done).toMatchObject({ open: false, submitted: true });
    expect(done.reason).toContain('已收到您对本次检查的评价');
    const half = evaluationGate(facts({ departments: [{ ...market, evaluated: true }, safety] }));
    expect(half.reason).toBe('已收到您对市市场监督管理局检查的评价；市应急管理局尚未提交检查结果，提交后可再评价。');
  });

  it('an expired code closes every open part with its deadline; a revoked one too; an evaluated part stays evaluated', () => {
    const expired = evaluationGate(
      facts({ codeStatus: '已过期', today: '2031-05-02', departments: [{ ...market, evaluated: true }, safety] }),
    );
    expect(expired.parts.map((p) => p.state)).toEqual(['已评价', '已截止']);
    expect(expired.parts[1]!.reason).toContain('评价期限已于 2031-04-30 截止');
    expect(expired.open).toBe(false);
    expect(states(facts({ codeStatus: '已撤销', visitOver: true }))).toEqual(['已截止', '已截止']);
  });
});
