import type { Db } from '../db/database';
import type { TaskView } from '../tasks/task.schemas';
import type { NoticeFacts } from './notice.schemas';
import {
  findVisitDate,
  listAdoptedPlanEntries,
  listCheckItemsOf,
  listSamplingItemsByCode,
} from './notice-facts.repository';

function durationOf(itemCount: number): string {
  const minutes = 30 + 30 * itemCount;
  return minutes < 60
    ? `约 ${minutes} 分钟`
    : `约 ${minutes % 60 === 0 ? minutes / 60 : (minutes / 60).toFixed(1)} 小时`;
}

const defaultMaterials = [
  '营业执照或其他主体资格证明',
  '与检查事项相关的许可证件、备案凭证',
  '法定代表人（负责人）身份证明，委托他人配合检查的须提供授权委托书',
  '与检查事项相关的台账、记录、票据、合同等资料',
];

/** The rows the notice's facts come from (notice-facts.repository.ts, or the verification snapshot). */
export interface NoticeFactRows {
  sampling: readonly { id: number; code: string; method: string }[];
  checks: readonly { sampling_item_id: number; code: string; content: string }[];
  /** Adopted annual-plan entries of the window's year, newest first. */
  entries: readonly { sampling_item_id: number; materials: string | null }[];
  /** The visit date agreed when the task was scheduled, if it was. */
  expectedDate: string | null;
}

type FactsTask = Pick<TaskView, 'taskNo' | 'window' | 'subject' | 'departments'>;

/** The codes of the sampling items on the task (each once). */
const itemCodesOf = (task: Pick<TaskView, 'departments'>): string[] => [
  ...new Set(task.departments.flatMap((d) => d.items.map((i) => i.code))),
];

/** The notice's facts for a task: items with their check items and method, inspectors, materials from the annual plan. */
export async function noticeFactsOf(db: Db, task: FactsTask): Promise<NoticeFacts> {
  const codes = itemCodesOf(task);
  const sampling = codes.length ? await listSamplingItemsByCode(db, codes) : [];
  const ids = sampling.map((s) => s.id);
  const [checks, entries] = ids.length
    ? await Promise.all([
        listCheckItemsOf(db, ids),
        listAdoptedPlanEntries(db, ids, Number(task.window.from.slice(0, 4))),
      ])
    : [[], []];
  // The visit date agreed when the task was scheduled (src/inspections), if it was.
  const expectedDate = await findVisitDate(db, task.taskNo);
  return assembleNoticeFacts(task, { sampling, checks, entries, expectedDate });
}

/** The notice's facts from their rows. */
export function assembleNoticeFacts(task: FactsTask, rows: NoticeFactRows): NoticeFacts {
  const { sampling, checks, entries, expectedDate } = rows;
  const byCode = new Map(sampling.map((s) => [s.code, s]));
  const materials: string[] = [];
  for (const s of sampling) {
    const entry = entries.find((e) => e.sampling_item_id === s.id);
    for (const m of (entry?.materials ?? '')
      .split(/[\n；;]+/)
      .map((x) => x.trim())
      .filter(Boolean))
      if (!materials.includes(m)) materials.push(m);
  }
  const itemCount = itemCodesOf(task).length;
  return {
    taskNo: task.taskNo,
    subject: { name: task.subject.name, uscc: task.subject.uscc, address: task.subject.address },
    window: task.window,
    expectedDate,
    expectedDuration: durationOf(itemCount),
    departments: task.departments.map((d) => ({
      name: d.name,
      items: d.items.map((i) => {
        const s = byCode.get(i.code);
        return {
          code: i.code,
          name: i.name,
          method: s?.method ?? '现场检查',
          checkItems: s
            ? checks.filter((c) => c.sampling_item_id === s.id).map((c) => ({ code: c.code, content: c.content }))
            : [],
        };
      }),
      inspectors: d.inspectors.map((p) => ({ name: p.name, certificateNo: p.certificateNo })),
    })),
    materials: materials.length ? materials : defaultMaterials,
  };
}
