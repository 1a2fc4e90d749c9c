import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { transferFinding } from '../inspection-records/case-transfer.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { listKeyTarget } from '../key-targets/key-target-listing';
import { derivedExpiry } from '../key-targets/key-target-rules';
import { chinaDate } from '../shared/china-date';
import type { FollowUpTransferInput } from './follow-up.schemas';
import { findFollowUpByNo, findingTransferred, updateFollowUp } from './follow-up.repository';

/**
 * A follow-up that found the subject operating without a licence (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条
 * 第三款、第四十三条第二款): the department transfers the finding to case handling (the inspection record's 程序衔接, with
 * its evidence) and the subject becomes a key target (重点抽查对象) with the reason. Repeating it after a failure
 * finishes what is left.
 */
export async function transferUnlicensed(
  deps: AppDeps,
  actor: Actor | null,
  followUpNo: string,
  input: FollowUpTransferInput,
): Promise<{ followUpNo: string; keyTarget: boolean }> {
  requirePermission(actor, 'task:task:write');
  const f = await findFollowUpByNo(deps.db, followUpNo);
  if (!f) throw notFound(`照后证前跟踪 ${followUpNo} `);
  requireDepartmentScope(actor, 'task:task:write', Number(f.department_id));
  const taskNo = f.joint_task_no ?? f.task_no;
  if (f.outcome !== '发现无证经营' || f.unlicensed_check_item_id === null || !taskNo)
    throw new AppError('CONFLICT', '只有跟踪检查发现“未取得许可即开展经营活动”的可以移送立案查处');
  if (f.transferred_at) throw new AppError('CONFLICT', '该跟踪检查发现已移送');
  const checkItemId = Number(f.unlicensed_check_item_id);
  if (!(await findingTransferred(deps.db, taskNo, checkItemId)))
    await transferFinding(deps, actor, taskNo, { checkItemId, targetUnit: input.targetUnit, reason: input.reason });
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    // 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条（四）: a 双跟踪 result, listed for the rule's time.
    const today = chinaDate(now);
    const keyTarget =
      f.subject_id !== null &&
      (
        await listKeyTarget(w, {
          subjectId: Number(f.subject_id),
          reasonKind: '跟踪检查结果',
          reason: `照后证前跟踪 ${followUpNo} 发现未取得许可即开展经营活动，已移送立案查处`,
          sourceRef: `follow_up:${followUpNo}`,
          departmentId: Number(f.department_id),
          listedOn: today,
          expiresOn: derivedExpiry('跟踪检查结果', today, null),
        })
      ).keyTarget;
    await updateFollowUp(trx, Number(f.id), { transferred_at: now, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, w.who, {
      action: 'follow_up.transfer',
      entityType: 'follow_up',
      entityId: followUpNo,
      summary: `照后证前跟踪 ${followUpNo}：${f.subject_name}（${f.uscc}）未取得许可即开展经营活动，移送${input.targetUnit}立案查处${keyTarget ? '，列为重点抽查对象' : ''}`,
      after: { taskNo, targetUnit: input.targetUnit, reason: input.reason, keyTarget },
    });
    return { followUpNo, keyTarget };
  });
}
