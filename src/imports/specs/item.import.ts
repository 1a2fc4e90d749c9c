import { departmentFilter } from '../../auth/actor';
import { AppError, type FieldProblem } from '../../shared/app-error';
import type { Db } from '../../db/database';
import { type ChangedBy, exportItemsAfter, lockedItemByCode } from '../../items/supervision-item-bulk.service';
import {
  itemLevels,
  itemSources,
  itemStatuses,
  type SupervisionItemInput,
  supervisionItemInput,
  supervisionItemListQuery,
} from '../../items/supervision-item.schemas';
import { changedByOf, changeItemWithVersion, insertItemWithVersion } from '../../items/supervision-item.service';
import { type CellParser, cellText, oneOfCell } from '../cell-parsers';
import { defineImport, type ImportColumn, type UpsertCounts } from '../import-spec';
import { rowsById } from '../spec-helpers';
import { assignCheckCodes, type CheckLine, checkLinesCell, checkLinesText } from './item-check-lines';
import { type ItemContext, loadItemContext, type StoredItem } from './item-import-context';

/** Licence item names, one per line (also ；/;). */
const namesCell: CellParser = (cell) => ({
  value: [
    ...new Set(
      cellText(cell)
        .split(/[\r\n;；]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ],
});

/** The columns of the item file, in template / export order; `field` names are SupervisionItemInput keys (department by name). */
const columns: ImportColumn[] = [
  {
    header: '事项编码',
    field: 'code',
    required: true,
    width: 18,
    example: 'SCJG-JG-101',
    help: '2–40 位字母、数字、点、下划线或连字符；按此编码新增或更新（同一文件内不得重复）',
  },
  {
    header: '事项名称',
    field: 'name',
    required: true,
    width: 24,
    example: '食品销售经营者监督检查',
    help: '2–100 个字',
  },
  {
    header: '所属部门',
    field: 'department',
    required: true,
    width: 20,
    example: '市市场监督管理局',
    help: '平台中已有的部门全称；已有事项的所属部门不能修改；部门管理员只能导入本部门事项',
  },
  {
    header: '设定依据',
    field: 'legalBasis',
    width: 30,
    example: '《中华人民共和国食品安全法》第一百零九条',
    help: '新增时必填，最多 4000 字',
  },
  { header: '监管对象', field: 'objectType', width: 20, example: '食品销售经营者', help: '新增时必填，最多 200 字' },
  {
    header: '监管措施',
    field: 'measures',
    width: 20,
    example: '现场检查、抽样检验、责令改正',
    help: '新增时必填，最多 1000 字',
  },
  {
    header: '监管流程',
    field: 'process',
    width: 24,
    example: '制定计划 → 双随机抽取 → 实施检查 → 公示结果',
    help: '新增时必填，最多 2000 字',
  },
  {
    header: '结果处理',
    field: 'resultHandling',
    width: 24,
    example: '检查结果公示并记入信用记录；发现违法行为依法查处',
    help: '新增时必填，最多 2000 字',
  },
  {
    header: '监管层级',
    field: 'level',
    parse: oneOfCell(itemLevels),
    example: '市',
    help: `${itemLevels.join('、')}之一，新增时必填`,
  },
  { header: '责任领导', field: 'responsibleLeader', example: '副局长 张明', help: '新增时必填' },
  { header: '承办机构', field: 'responsibleUnit', width: 18, example: '食品经营安全监督管理科', help: '新增时必填' },
  { header: '具体负责人', field: 'responsiblePerson', example: '李华', help: '新增时必填' },
  {
    header: '关联许可事项',
    field: 'licenceItems',
    parse: namesCell,
    width: 18,
    example: '食品经营许可',
    help: '政务服务事项名称，每行一项（也可用分号分隔），可空',
  },
  {
    header: '事项来源',
    field: 'source',
    parse: oneOfCell(itemSources),
    example: '自有',
    help: `${itemSources.join('、')}之一，空为自有`,
  },
  {
    header: '认领来源',
    field: 'claimedFrom',
    width: 18,
    example: '',
    help: '事项来源为“认领”时必填：上级监管事项目录编码；自有事项留空',
  },
  {
    header: '状态',
    field: 'status',
    parse: oneOfCell(itemStatuses),
    example: '有效',
    help: `${itemStatuses.join('、')}之一，空为有效`,
  },
  {
    header: '检查内容',
    field: 'checkItems',
    parse: checkLinesCell,
    width: 60,
    example:
      '经营资质：食品经营许可证合法有效｜现场检查｜《中华人民共和国食品安全法》第三十五条\n从业人员健康证明｜书面检查｜《中华人民共和国食品安全法》第四十五条',
    help: '检查实施清单，每行一项，写成“内容｜方式｜依据”（全角｜或半角|），方式为现场检查、非现场检查、书面检查、其他之一；更新时整列替换原清单',
  },
];
const headerOf = new Map(columns.map((c) => [c.field, c.header]));
headerOf.set('departmentId', '所属部门');

/** The fields a row may leave to the stored item (absent columns keep stored values). */
const itemFields = [
  'name',
  'legalBasis',
  'objectType',
  'measures',
  'process',
  'resultHandling',
  'level',
  'responsibleLeader',
  'responsibleUnit',
  'responsiblePerson',
  'licenceItems',
  'source',
  'claimedFrom',
  'status',
] as const;

const problemOf = (path: readonly PropertyKey[], message: string): FieldProblem => {
  const field = headerOf.get(String(path[0])) ?? String(path[0]);
  return {
    field,
    message: path[0] === 'checkItems' && typeof path[1] === 'number' ? `第 ${path[1] + 1} 条：${message}` : message,
  };
};

/** Rules the service would refuse inside the transaction, checked per row so the report names them. */
function storedItemProblems(stored: StoredItem, input: SupervisionItemInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kept = new Set(input.checkItems.map((c) => c.code));
  const removedLinked = stored.checks.filter((c) => c.active && !kept.has(c.code) && stored.linkedCodes.has(c.code));
  for (const c of removedLinked)
    problems.push({
      field: '检查内容',
      message: `检查子项“${c.content}”（${c.code}）已被随机抽查事项关联，不能移除；请先在该抽查事项中取消关联`,
    });
  if (stored.status === '有效' && input.status === '停用' && stored.activeSampling.length) {
    problems.push({
      field: '状态',
      message: `本事项的检查子项仍被有效的随机抽查事项${stored.activeSampling.join('、')}关联，不能停用`,
    });
  }
  return problems;
}

function validate(
  record: Record<string, unknown>,
  ctx: ItemContext,
  present: ReadonlySet<string>,
): { value: SupervisionItemInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const code = String(record['code'] ?? '');
  const stored = ctx.existing.get(code);
  const departmentName = String(record['department'] ?? '');
  const departmentId = ctx.departments.get(departmentName);
  if (departmentId === undefined) problems.push({ field: '所属部门', message: `平台中没有部门“${departmentName}”` });
  else if (stored && stored.departmentId !== departmentId)
    problems.push({ field: '所属部门', message: `事项 ${code} 属于${stored.departmentName}，所属部门不能修改` });
  if (
    ctx.scope !== null &&
    ((departmentId !== undefined && departmentId !== ctx.scope) || (stored && stored.departmentId !== ctx.scope))
  ) {
    problems.push({ field: '所属部门', message: '只能导入本部门的监管事项' });
  }
  // An existing item keeps the stored value of every column the file lacks; an empty cell of a present column means empty.
  const merged: Record<string, unknown> = { code, departmentId: departmentId ?? 1 };
  for (const field of itemFields) merged[field] = stored && !present.has(field) ? stored.input[field] : record[field];
  merged['checkItems'] =
    present.has('checkItems') || !stored
      ? assignCheckCodes(code, (record['checkItems'] as CheckLine[] | undefined) ?? [], stored?.checks ?? [])
      : stored.input.checkItems;
  const parsed = supervisionItemInput.safeParse(merged);
  if (!parsed.success)
    return { problems: [...problems, ...parsed.error.issues.map((i) => problemOf(i.path, i.message))] };
  if (stored) problems.push(...storedItemProblems(stored, parsed.data));
  return problems.length ? { problems } : { value: parsed.data };
}

/** Each row through the same versioned save as the edit form: a new item is version 1, a changed one gets its next version, an unchanged one is not written. */
async function upsert(
  trx: Db,
  batch: readonly SupervisionItemInput[],
  by: ChangedBy,
  now: Date,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const item of batch) {
    const input = { ...item, changeNote: '批量导入' };
    const locked = await lockedItemByCode(trx, input.code);
    if (!locked) {
      await insertItemWithVersion(trx, input, by, now);
      counts.inserted += 1;
      continue;
    }
    if (locked.department_id !== input.departmentId)
      throw new AppError('CONFLICT', `事项 ${input.code} 的所属部门在导入期间被修改，请重新导入`);
    const { change } = await changeItemWithVersion(trx, locked, input, by, now);
    if (change) counts.updated += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

/** 监管事项目录清单 with its 检查实施清单: keyed by 事项编码; every change is a version, as in the edit form. */
export const itemImport = defineImport({
  kind: 'items',
  title: '监管事项',
  permission: 'registry:item:write',
  audit: { action: 'import.items' },
  columns,
  keyField: 'code',
  together: [['source', 'claimedFrom']],
  prepare: async (db, actor) =>
    loadItemContext(
      db,
      actor ? departmentFilter(actor, 'registry:item:write') : null,
      actor ? changedByOf(actor) : { userId: null, name: '命令行' },
    ),
  validate,
  upsert: (trx, batch: readonly SupervisionItemInput[], { context, now }) => upsert(trx, batch, context.by, now),
  export: {
    permission: 'registry:item:read',
    listPath: '/api/items',
    query: supervisionItemListQuery,
    async *rows(db, _actor, query) {
      // The catalogue is shared between departments: the list's own filters, no department scope.
      const items = rowsById((after) => exportItemsAfter(db, query, after));
      for await (const r of items) {
        yield [
          r.code,
          r.name,
          r.department_name,
          r.legal_basis,
          r.object_type,
          r.measures,
          r.process,
          r.result_handling,
          r.level,
          r.responsible_leader,
          r.responsible_unit,
          r.responsible_person,
          r.licence_items.join('\n'),
          r.source,
          r.claimed_from ?? '',
          r.status,
          checkLinesText(r.checks),
        ];
      }
    },
  },
});
