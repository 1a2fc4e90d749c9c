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

/** The notice's facts for a task: items with their check items and method, inspectors, materials from the annual plan. */
export async function noticeFactsOf(db: Db, task: TaskView): Promise<NoticeFacts> {
  const codes = [...new Set(task.departments.flatMap((d) => d.items.map((i) => i.code)))];
  const sampling = codes.length ? await listSamplingItemsByCode(db, codes) : [];
  const ids = sampling.map((s) => s.id);
  const [checks, entries] = ids.length
    ? await Promise.all([
        listCheckItemsOf(db, ids),
        listAdoptedPlanEntries(db, ids, Number(task.window.from.slice(0, 4))),
      ])
    : [[], []];
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
  const itemCount = codes.length;
  // The visit date agreed when the task was scheduled (src/inspections), if it was.
  const expectedDate = await findVisitDate(db, task.taskNo);
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
