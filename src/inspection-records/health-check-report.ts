import type { Actor } from '../auth/actor';
import { getInspection } from '../inspections/inspection.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { transferTargetsOfTask } from './case-transfer.repository';
import { findTaskId, offsiteInspectionsOfTask, offsiteResultsOfTask } from './inspection-record.repository';

/** Guidance per finding: what the subject should do, by the kind of check. */
function guidanceOf(content: string, notes: string): string {
  const base = `对照“${content.slice(0, 30)}”的要求立即整改${notes ? `（检查发现：${notes.slice(0, 60)}）` : ''}`;
  return `${base}；建立相应的管理制度和自查记录，明确责任人；整改完成后保存整改前后的记录、照片等材料备查，检查部门将跟踪复查。`;
}

/**
 * 法治体检报告 (《黄浦区精准高效协同监管实施办法（试行）》第十四条): the findings (不符合, on site or off site) of a task with the legal
 * basis of each check item and guidance on putting it right. Per task, for everyone who may see it.
 */
export async function healthCheckReportPdf(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<Buffer> {
  const view = await getInspection(deps, actor, taskNo);
  const taskId = (await findTaskId(deps.db, taskNo))!;
  const [offsite, transfers, offsiteHeads] = await Promise.all([
    offsiteResultsOfTask(deps.db, taskId),
    transferTargetsOfTask(deps.db, taskId),
    offsiteInspectionsOfTask(deps.db, taskId),
  ]);
  const done = view.departments.filter(
    (d) => d.submission || offsiteHeads.some((o) => Number(o.department_id) === d.id),
  );
  if (!done.length) throw new AppError('CONFLICT', '本任务尚无部门提交检查结果，不能生成法治体检报告');
  const findings = done
    .flatMap((d) =>
      d.checks.map((c) => {
        const o = offsite.find((x) => Number(x.check_item_id) === c.checkItemId);
        return { department: d.name, ...c, result: o?.result ?? c.result, notes: o?.notes ?? c.notes };
      }),
    )
    .filter((c) => c.result === '不符合');
  const transferOf = (checkItemId: number) => {
    const x = transfers.find((t) => Number(t.check_item_id) === checkItemId);
    return x ? `\n该问题涉嫌违法，已移送${x.target_unit}依法处理。` : '';
  };
  const { task, visit } = view;
  const { doc, finish } = createPdf({ title: '法治体检报告', subtitle: `任务编号 ${task.taskNo}` });
  const dates = [visit.checkedInOn, ...offsiteHeads.map((o) => o.conducted_on)].filter(Boolean);
  for (const line of [
    `检查对象：${task.subject.name}`,
    `统一社会信用代码：${task.subject.uscc}`,
    `地址：${task.subject.address || '—'}`,
    `检查部门：${done.map((d) => d.name).join('、')}`,
    `检查日期：${dates.join('、') || '—'}`,
  ])
    writeParagraph(doc, line, 10);
  doc.moveDown(0.4);
  writeParagraph(
    doc,
    findings.length
      ? `本次检查共发现 ${findings.length} 项不符合要求的情况。现将问题、法律依据和整改指导意见告知如下，请对照整改，依法合规经营。`
      : '本次检查所查事项均未发现问题。请继续保持，依法合规经营。',
    10,
  );
  doc.moveDown(0.3);
  if (findings.length) {
    writeTable(
      doc,
      [
        { header: '序号', weight: 5 },
        { header: '检查部门', weight: 12 },
        { header: '发现的问题', weight: 27 },
        { header: '法律依据', weight: 26 },
        { header: '整改指导意见', weight: 30 },
      ],
      findings.map((f, i) => [
        String(i + 1),
        f.department,
        `${f.content}${f.notes ? `\n${f.notes}` : ''}`,
        f.basis || '—',
        `${guidanceOf(f.content, f.notes)}${transferOf(f.checkItemId)}`,
      ]),
      9,
    );
    doc.moveDown(0.6);
  }
  writeParagraph(
    doc,
    '本报告是对检查对象依法经营情况的体检和指导，不作为行政处罚决定。对报告有异议的，可向检查部门反映；涉嫌违法需要立案查处的，由检查部门依法移送处理。',
    9,
  );
  doc.moveDown(1);
  writeParagraph(doc, `${done.map((d) => d.name).join('　')}　　　　日期：${chinaDate(deps.clock.now())}`, 10);
  return finish();
}
