import type { Readable } from 'node:stream';
import type { Db } from '../db/database';
import type { CellValue } from '../imports/import-spec';
import { xlsxStream } from '../imports/table-writer';
import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { announcementSummary, announcementTasks } from './task-announcement-detail.service';
import type { AnnouncementSummary, PublicTask } from './task-announcement.schemas';

const departmentsText = (t: PublicTask): string => t.departments.map((d) => d.name).join('、');
const itemsText = (t: PublicTask): string =>
  t.departments.map((d) => `${d.name}：${d.items.map((i) => i.name).join('；')}`).join('\n');
const windowText = (t: PublicTask): string => `${t.window.from} 至 ${t.window.to}`;
/** 已合并: folded into a joint visit with other departments' planned inspections; 已作废: replaced by a redraw. */
const statusNote = (t: PublicTask): string =>
  t.status === '已合并' ? '已合并入企' : t.status === '已作废' ? '已作废' : '';

function intro(a: AnnouncementSummary): string[] {
  return [
    `抽取记录：${a.recordNo}（抽取轮次 ${a.roundNo}）　发布时间：${a.publishedAt.slice(0, 10)}`,
    `检查期：${a.window.from} 至 ${a.window.to}　检查任务：${a.taskCount} 个　参加部门：${a.departments.join('、')}`,
    '本公告依据“双随机、一公开”抽取结果生成，一户一个检查任务，多个部门的事项合并一次入企（进一次门、查多项事）。抽取过程可在公众服务平台按抽取记录编号验证。',
    ...(a.superseded ? ['注意：本轮已重新抽取，本公告所列任务已作废，以新的任务公告为准。'] : []),
  ];
}

/** The announcement as an A4 landscape PDF (CJK font from src/shared/pdf). */
export async function announcementPdf(db: Db, recordNo: string): Promise<Buffer> {
  const a = await announcementSummary(db, recordNo);
  const { doc, finish } = createPdf({ title: a.title, subtitle: `任务公告 · ${a.recordNo}`, landscape: true });
  for (const line of intro(a)) writeParagraph(doc, line, 9);
  doc.moveDown(0.3);
  const rows: string[][] = [];
  let n = 0;
  for await (const t of announcementTasks(db, recordNo)) {
    n += 1;
    const note = statusNote(t);
    rows.push([
      String(n),
      note ? `${t.subjectName}（${note}）` : t.subjectName,
      t.uscc,
      departmentsText(t),
      itemsText(t),
      windowText(t),
    ]);
  }
  writeTable(
    doc,
    [
      { header: '序号', weight: 3 },
      { header: '检查对象', weight: 15 },
      { header: '统一社会信用代码', weight: 13 },
      { header: '检查部门', weight: 12 },
      { header: '检查事项', weight: 36 },
      { header: '检查期', weight: 15 },
    ],
    rows,
    8,
  );
  return finish();
}

/** The announcement as an XLSX workbook: one row per task. */
export async function announcementXlsx(db: Db, recordNo: string): Promise<Readable> {
  const a = await announcementSummary(db, recordNo);
  async function* rows(): AsyncGenerator<CellValue[]> {
    let n = 0;
    for await (const t of announcementTasks(db, recordNo)) {
      n += 1;
      yield [
        n,
        t.taskNo,
        t.subjectName,
        t.uscc,
        departmentsText(t),
        itemsText(t),
        t.window.from,
        t.window.to,
        statusNote(t),
      ];
    }
  }
  return xlsxStream([
    {
      name: '任务公告',
      header: [
        '序号',
        '任务编号',
        '检查对象',
        '统一社会信用代码',
        '检查部门',
        '检查事项',
        '检查期开始',
        '检查期结束',
        '备注',
      ],
      widths: [6, 26, 36, 22, 28, 60, 12, 12, 14],
      rows: rows(),
    },
    {
      name: '公告信息',
      header: ['项目', '内容'],
      widths: [16, 100],
      rows: [
        ['标题', a.title],
        ['抽取记录', a.recordNo],
        ['抽取轮次', a.roundNo],
        ['发布时间', a.publishedAt],
        ['检查期', `${a.window.from} 至 ${a.window.to}`],
        ['检查任务数', a.taskCount],
        ['参加部门', a.departments.join('、')],
        ['说明', intro(a).slice(2).join('\n')],
      ],
    },
  ]);
}
