import type { Actor } from '../auth/actor';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { getInspection } from './inspection.service';

/**
 * 反馈单 (《黄浦区精准高效协同监管实施办法（试行）》第十三条): one department's results on one task, handed to the subject on the spot
 * or by the promised date. Available once the department has submitted.
 */
export async function feedbackSheetPdf(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  departmentId: number,
): Promise<Buffer> {
  const view = await getInspection(deps, actor, taskNo);
  const department = view.departments.find((d) => d.id === departmentId);
  if (!department) throw notFound(`本任务的部门 ${departmentId} `);
  const s = department.submission;
  if (!s) throw new AppError('CONFLICT', `${department.name}尚未提交检查结果，不能生成反馈单`);
  const { task, visit } = view;
  const inspectors = task.departments.find((d) => d.id === departmentId)?.inspectors ?? [];
  const { doc, finish } = createPdf({ title: '检查结果反馈单', subtitle: `任务编号 ${task.taskNo}` });
  const lines = [
    `检查对象：${task.subject.name}`,
    `统一社会信用代码：${task.subject.uscc}`,
    `地址：${task.subject.address || '—'}`,
    `检查部门：${department.name}${task.joint ? `（联合检查：${task.departments.map((d) => d.name).join('、')}）` : ''}`,
    `检查人员：${inspectors.map((i) => `${i.name}（执法证号 ${i.certificateNo}）`).join('；') || '—'}`,
    `检查日期：${visit.checkedInOn ?? '—'}　签到时间：${visit.checkedInAt ? new Date(new Date(visit.checkedInAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—'}`,
  ];
  for (const line of lines) writeParagraph(doc, line, 10);
  doc.moveDown(0.3);
  writeTable(
    doc,
    [
      { header: '序号', weight: 5 },
      { header: '检查事项', weight: 20 },
      { header: '检查内容', weight: 38 },
      { header: '结果', weight: 9 },
      { header: '说明', weight: 28 },
    ],
    department.checks.map((c, i) => [String(i + 1), c.itemName, c.content, c.result ?? '未录入', c.notes || '—']),
    9,
  );
  doc.moveDown(0.6);
  const problems = department.checks.filter((c) => c.result === '不符合').length;
  writeParagraph(
    doc,
    `检查结论：${s.overall}${problems ? `（${problems} 项不符合，请按说明整改）` : '（所查事项未发现问题）'}`,
    11,
  );
  writeParagraph(
    doc,
    s.feedbackPromisedOn
      ? `本次检查结果需结合检验检测等结论确定，将于 ${s.feedbackPromisedOn} 前送达正式反馈单。`
      : `本反馈单于检查现场当场送达。`,
    10,
  );
  if (s.late)
    writeParagraph(
      doc,
      `注：检查结果于 ${chinaDate(new Date(s.submittedAt))} 录入，晚于 ${s.dueOn} 的归集期限（逾期录入）。`,
      9,
    );
  writeParagraph(
    doc,
    '检查对象对检查结果有异议的，可自收到本反馈单之日起向检查部门提出陈述、申辩；可扫描检查告知书上的检查码核验本次检查并进行评价。',
    9,
  );
  doc.moveDown(1.2);
  writeParagraph(doc, `检查人员（签名）：＿＿＿＿＿＿＿＿　　　检查对象（签收）：＿＿＿＿＿＿＿＿`, 10);
  writeParagraph(doc, `${department.name}　　　　日期：${chinaDate(new Date(s.submittedAt))}`, 10);
  return finish();
}
