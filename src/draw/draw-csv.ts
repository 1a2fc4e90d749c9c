import { csvField } from '../shared/csv-field';
import { PPM } from './engine/inclusion';
import { subjectNumbers } from './engine/subject-numbers';
import { strata } from './engine/types';
import type { DrawBundle } from './engine/verify';

// Not hashed anywhere (the commitment is over the bundle, and a verifier recomputes from it): only
// department names and item codes could start like a formula, and they are neutralised like any CSV cell.
const line = (values: (string | number)[]) => values.map(csvField).join(',');

/** The bundle's frame (one row per subject and item) or tasks as CSV with Chinese headers, BOM first for Excel. */
export function recordCsv(bundle: DrawBundle, part: 'frame' | 'tasks'): string {
  const rows: string[] = [];
  if (part === 'frame') {
    const { round } = bundle.commitment;
    const u = subjectNumbers(round.hash, bundle.seed, bundle.frames.usccs, round.roundIndex, round.roundsInYear);
    rows.push(line(['统一社会信用代码', '抽查事项编码', '入样概率', '分层', '随机数', '是否抽中']));
    bundle.frames.items.forEach((item, j) => {
      const selected = new Set(bundle.result.selections[j]!.members);
      item.members.forEach((m, k) => {
        rows.push(
          line([
            bundle.frames.usccs[m]!,
            item.code,
            item.piPpm[k]! / PPM,
            strata[item.stratum[k]!]!,
            u[m]!,
            selected.has(m) ? '是' : '否',
          ]),
        );
      });
    });
  } else {
    const unstaffed = new Map(bundle.result.unstaffed.map((u) => [u.key, u.reason]));
    rows.push(line(['任务编号', '统一社会信用代码', '抽查事项', '部门', '执法检查人员', '未配齐原因']));
    for (const t of bundle.result.tasks) {
      rows.push(
        line([
          t.key,
          t.uscc,
          t.itemCodes.join('、'),
          t.departmentIds.map((d) => bundle.departmentNames[d] ?? d).join('、'),
          t.inspectorIds.join('、'),
          unstaffed.get(t.key) ?? '',
        ]),
      );
    }
  }
  return `\uFEFF${rows.join('\n')}\n`;
}
