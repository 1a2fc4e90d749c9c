import type { Actor } from '../../auth/actor';
import type { RiskLevel } from '../../draw/engine/types';
import { riskLevelOrder } from '../../risk-assessment/composite-risk';
import { importSubject, importTarget, type ImportTarget } from '../../risk-assessment/risk-import.service';
import { type ImportedLevel, storeImportedLevels } from '../../risk-assessment/risk-run.service';
import { type CellParser, cellText, codeCell, oneOfCell } from '../cell-parsers';
import { defineImport } from '../import-spec';

/** A score from 0 to 100 (one decimal kept). */
const scoreCell: CellParser = (cell) => {
  const value = typeof cell === 'number' ? cell : Number(cellText(cell));
  if (!Number.isFinite(value) || value < 0 || value > 100) return { problem: '评分应为 0 到 100 之间的数字' };
  return { value: Math.round(value * 10) / 10 };
};

interface Context {
  actor: Actor | null;
  targets: Map<string, ImportTarget | { problem: string }>;
}

/**
 * Levels from a third-party assessor's file (委托第三方评估, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十八条):
 * one row per market subject with its 统一社会信用代码, 风险等级, 评分 and 说明, for a started assessment of the
 * importer's department whose method is 第三方结果导入. Each row must name a subject of the register inside the
 * assessment's scope; the rows go to the assessment's results through src/risk-assessment.
 */
export const riskLevelImport = defineImport<ImportedLevel, Context, unknown>({
  kind: 'risk-levels',
  title: '第三方风险评估结果',
  permission: 'risk:assessment:write',
  audit: { action: 'import.risk_levels' },
  columns: [
    {
      header: '评估编号',
      field: 'assessmentNo',
      required: true,
      parse: codeCell,
      width: 16,
      example: 'FXPG2026-0002',
      help: '本部门风险评估的编号（评估详情页可见）；评估方法须为第三方结果导入，状态为评估中或已完成',
    },
    {
      header: '统一社会信用代码',
      field: 'uscc',
      required: true,
      parse: codeCell,
      width: 22,
      example: '91371102MA3CXXXXXX',
      help: '18 位，须为名录库中、评估范围内存续的市场主体（同一文件内不得重复）',
    },
    {
      header: '风险等级',
      field: 'level',
      required: true,
      parse: oneOfCell(riskLevelOrder),
      example: '较高',
      help: riskLevelOrder.join(' / '),
    },
    { header: '评分', field: 'score', parse: scoreCell, example: '68.5', help: '0–100，可空' },
    { header: '说明', field: 'note', width: 40, example: '储存场所消防通道堵塞', help: '评定理由，可空' },
  ],
  keyField: 'uscc',
  prepare: async (_db, actor) => ({ actor, targets: new Map() }),
  async validate(record, context, _present, trx) {
    const no = record['assessmentNo'] as string;
    let target = context.targets.get(no);
    if (!target) {
      target = await importTarget(trx, context.actor, no);
      context.targets.set(no, target);
    }
    if ('problem' in target) return { problems: [{ field: '评估编号', message: target.problem }] };
    const uscc = record['uscc'] as string;
    const subject = await importSubject(trx, target, uscc);
    if ('problem' in subject) return { problems: [{ field: '统一社会信用代码', message: subject.problem }] };
    return {
      value: {
        assessmentId: target.id,
        subjectId: subject.id,
        uscc,
        subjectName: subject.name,
        level: record['level'] as RiskLevel,
        score: (record['score'] as number | undefined) ?? null,
        note: (record['note'] as string | undefined) ?? '',
      },
    };
  },
  upsert: async (trx, batch, ctx) => {
    await storeImportedLevels(trx, batch, ctx.now);
    return { inserted: batch.length, updated: 0, unchanged: 0 };
  },
});
