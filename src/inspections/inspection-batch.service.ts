import type { Actor } from '../auth/actor';
import { AppError, type FieldProblem } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { InspectionView, ResultsInput } from './inspection.schemas';
import { type TaskCheck, taskChecks } from './inspection.repository';
import { departmentRecording, writeResult } from './inspection-recorder';
import { listDepartmentResults } from './inspection-result.repository';
import { getInspection } from './inspection.service';

/** Each entry that cannot be saved, named as the request schema names its own problems (`results.<n>.checkItemId`). */
function entryProblems(
  entries: ResultsInput['results'],
  checks: ReadonlyMap<number, TaskCheck>,
  departmentId: number,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const first = new Map<number, number>();
  for (const [n, e] of entries.entries()) {
    const field = `results.${n}.checkItemId`;
    const check = checks.get(e.checkItemId);
    const earlier = first.get(e.checkItemId);
    if (earlier !== undefined)
      problems.push({ field, message: `与第 ${earlier + 1} 项是同一检查事项，一个检查事项只能录入一个结果` });
    else if (!check) problems.push({ field, message: `检查事项 ${e.checkItemId} 不是本任务的检查事项` });
    else if (check.departmentId !== departmentId)
      problems.push({ field, message: `“${check.content.slice(0, 20)}”是其他部门的检查事项，只能录入本部门的` });
    if (earlier === undefined) first.set(e.checkItemId, n);
  }
  return problems;
}

/**
 * A department's results saved together: the one 保存 of the inspector's phone sends every item filled in. One
 * transaction: an entry that cannot be saved refuses the whole request, each such entry named with its reason,
 * and nothing is saved. Entries equal to what is stored change nothing, so the same request sent again (a phone
 * that lost the answer, an offline batch replayed) leaves results, recording times and the audit trail as they were.
 */
export async function recordResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ResultsInput,
): Promise<InspectionView> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await departmentRecording(trx, actor, taskNo);
    const checks = new Map((await taskChecks(trx, c.head.id)).map((x) => [x.checkItemId, x]));
    const problems = entryProblems(input.results, checks, c.departmentId);
    if (problems.length)
      throw new AppError(
        'VALIDATION',
        `有 ${problems.length} 项不能保存，本次未保存任何结果：${problems
          .slice(0, 3)
          .map((p) => `第 ${Number(p.field.split('.')[1]) + 1} 项${p.message}`)
          .join('；')}${problems.length > 3 ? '……' : ''}`,
        problems,
      );
    const stored = new Map(
      (await listDepartmentResults(trx, c.head.id, c.departmentId)).map((r) => [Number(r.check_item_id), r]),
    );
    for (const e of input.results)
      await writeResult(trx, deps, c, checks.get(e.checkItemId)!, e, stored.get(e.checkItemId));
  });
  return getInspection(deps, actor, taskNo);
}
