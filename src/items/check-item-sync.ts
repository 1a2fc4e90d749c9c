import type { Db } from '../db/database';
import { AppError, type FieldProblem } from '../shared/app-error';
import {
  checkItemsOfItem,
  insertCheckItem,
  samplingLinksOf,
  updateCheckItem,
  withdrawCheckItems,
} from './check-item.repository';
import type { CheckItemInput, SupervisionItemView } from './supervision-item.schemas';

/**
 * Makes the item's active check items equal to `inputs` (matched by code). Codes no longer listed are
 * withdrawn, not deleted, and only when no sampling item links them; a withdrawn code listed again comes back
 * with the same id.
 */
export async function syncCheckItems(db: Db, itemId: number, inputs: CheckItemInput[], now: Date): Promise<void> {
  const existing = await checkItemsOfItem(db, itemId);
  const listed = new Set(inputs.map((c) => c.code));
  const removed = existing.filter((c) => c.withdrawn_at === null && !listed.has(c.code));
  if (removed.length) {
    const links = await samplingLinksOf(
      db,
      removed.map((c) => c.id),
    );
    if (links.length) {
      const problems: FieldProblem[] = links.map((l) => ({
        field: 'checkItems',
        message: `检查子项 ${removed.find((c) => c.id === l.check_item_id)!.code} 已被随机抽查事项“${l.name}”（${l.code}）关联，不能移除；请先在该抽查事项中取消关联`,
      }));
      throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
    }
    await withdrawCheckItems(
      db,
      removed.map((c) => c.id),
      now,
    );
  }
  const byCode = new Map(existing.map((c) => [c.code, c]));
  for (const [i, input] of inputs.entries()) {
    const values = {
      content: input.content,
      method: input.method,
      basis: input.basis,
      sort_order: i,
      withdrawn_at: null,
    };
    const current = byCode.get(input.code);
    if (!current) {
      await insertCheckItem(db, { supervision_item_id: itemId, code: input.code, ...values });
    } else if (
      current.withdrawn_at !== null ||
      current.content !== input.content ||
      current.method !== input.method ||
      current.basis !== input.basis ||
      current.sort_order !== i
    ) {
      await updateCheckItem(db, current.id, values);
    }
  }
}

const fieldLabels: [keyof SupervisionItemView, string][] = [
  ['code', '事项编码'],
  ['name', '事项名称'],
  ['legalBasis', '设定依据'],
  ['objectType', '监管对象'],
  ['measures', '监管措施'],
  ['process', '监管流程'],
  ['resultHandling', '结果处理'],
  ['level', '监管层级'],
  ['responsibleLeader', '责任领导'],
  ['responsibleUnit', '承办机构'],
  ['responsiblePerson', '具体负责人'],
  ['licenceItems', '关联许可事项'],
  ['source', '事项来源'],
  ['claimedFrom', '认领来源'],
];

/** What changed between two versions, in Chinese; empty when nothing did. */
export function describeChange(before: SupervisionItemView, after: SupervisionItemView): string {
  const parts: string[] = [];
  const fields = fieldLabels
    .filter(([key]) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(([, label]) => label);
  if (fields.length) parts.push(`修改${fields.join('、')}`);
  if (before.status !== after.status) parts.push(after.status === '停用' ? '事项停用' : '事项恢复有效');
  const old = new Map(before.checkItems.map((c) => [c.code, c]));
  const now = new Map(after.checkItems.map((c) => [c.code, c]));
  const added = after.checkItems.filter((c) => !old.has(c.code)).map((c) => c.code);
  const removed = before.checkItems.filter((c) => !now.has(c.code)).map((c) => c.code);
  const changed = after.checkItems
    .filter((c) => {
      const o = old.get(c.code);
      return o && (o.content !== c.content || o.method !== c.method || o.basis !== c.basis);
    })
    .map((c) => c.code);
  const reordered =
    !added.length && !removed.length && after.checkItems.some((c, i) => before.checkItems[i]?.code !== c.code);
  const checks = [
    added.length ? `新增 ${added.length} 项（${added.join('、')}）` : '',
    changed.length ? `修改 ${changed.length} 项（${changed.join('、')}）` : '',
    removed.length ? `移除 ${removed.length} 项（${removed.join('、')}）` : '',
    reordered ? '调整顺序' : '',
  ].filter(Boolean);
  if (checks.length) parts.push(`检查实施清单${checks.join('、')}`);
  return parts.join('；');
}
