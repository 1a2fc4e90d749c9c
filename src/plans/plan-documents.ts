import { excel } from '../imports/exceljs';
import { chinaDate } from '../shared/china-date';
import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import type { PublishedAnnualPlan, PublishedLine, PublishedSpecialPlan } from './plan.schemas';

/** 计划公告: what both the PDF and the spreadsheet show. */
export interface Announcement {
  title: string;
  subtitle: string;
  paragraphs: string[];
  lines: PublishedLine[];
}

export function annualAnnouncement(plan: PublishedAnnualPlan): Announcement {
  const revision = plan.revision > 1 ? `（第 ${plan.revision} 版，修订理由：${plan.revisionReason}）` : '';
  return {
    title: `${plan.title}${plan.revision > 1 ? `（第 ${plan.revision} 版）` : ''}`,
    subtitle: `联席会议办公室 ${chinaDate(new Date(plan.publishedAt))} 公布${revision}`,
    paragraphs: [
      `根据“双随机、一公开”监管和跨部门协同监管的有关规定，现将 ${plan.year} 年度日常检查计划予以公布。检查主体：${plan.departments.join('、')}。`,
      '同一监管对象一年内日常检查一般不超过两次；两个以上部门对同一对象的检查能够同时开展的，实行跨部门联合检查。检查比例按监管对象的信用风险分类确定，分类结果不对外公开。',
    ],
    lines: plan.lines,
  };
}

export function specialAnnouncement(plan: PublishedSpecialPlan): Announcement {
  return {
    title: plan.title,
    subtitle: `${plan.kind}方案 · 发起部门：${plan.initiatingDepartment} · ${chinaDate(new Date(plan.publishedAt))} 公布`,
    paragraphs: [
      `检查依据：${plan.basis}`,
      `检查时间：${plan.periodFrom} 至 ${plan.periodTo}。检查主体：${plan.departments.join('、')}。检查对象范围：${plan.objectScope}。`,
    ],
    lines: plan.lines,
  };
}

const columns = [
  { header: '序号', weight: 3, key: (_l: PublishedLine, i: number) => String(i + 1) },
  { header: '检查项目名称（检查事项）', weight: 12, key: (l: PublishedLine) => `${l.itemName}\n${l.itemCode}` },
  { header: '检查主体', weight: 9, key: (l: PublishedLine) => l.departmentName },
  {
    header: '联合检查',
    weight: 11,
    key: (l: PublishedLine) =>
      l.jointItemName
        ? `${l.jointItemName}\n发起：${l.initiatingDepartment}\n配合：${l.cooperatingDepartments.join('、') || '—'}`
        : '—',
  },
  { header: '实施时间', weight: 8, key: (l: PublishedLine) => `${l.periodFrom}\n至 ${l.periodTo}` },
  { header: '检查对象范围', weight: 14, key: (l: PublishedLine) => l.objectScope },
  { header: '检查方式', weight: 7, key: (l: PublishedLine) => l.method },
  { header: '检查比例', weight: 8, key: (l: PublishedLine) => l.ratio },
  { header: '检查内容', weight: 16, key: (l: PublishedLine) => l.content },
  { header: '被检查方需准备的材料', weight: 14, key: (l: PublishedLine) => l.materials },
] as const;

const cells = (lines: readonly PublishedLine[]) => lines.map((l, i) => columns.map((c) => c.key(l, i)));

export function announcementPdf(a: Announcement): Promise<Buffer> {
  const { doc, finish } = createPdf({ title: a.title, subtitle: a.subtitle, landscape: true });
  for (const p of a.paragraphs) writeParagraph(doc, p);
  doc.moveDown(0.3);
  writeTable(doc, columns, cells(a.lines));
  return finish();
}

export async function announcementXlsx(a: Announcement): Promise<Buffer> {
  const book = new (excel().Workbook)();
  const sheet = book.addWorksheet('计划公告');
  sheet.addRow([a.title]).font = { bold: true, size: 14 };
  sheet.addRow([a.subtitle]);
  for (const p of a.paragraphs) sheet.addRow([p]);
  sheet.addRow([]);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of cells(a.lines)) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.weight * 2.2));
  return Buffer.from(await book.xlsx.writeBuffer());
}
