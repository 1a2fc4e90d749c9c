import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type Announcement, annualAnnouncement, specialAnnouncement } from './plan-documents';
import type { PublicPlanDetail } from './plan.schemas';
import {
  annualPlanContent,
  publishedAnnualPlans,
  publishedSpecialPlans,
  specialPlanContent,
} from './plan-public.repository';

const span = (lines: { periodFrom: string; periodTo: string }[]) => ({
  periodFrom: lines.length ? lines.map((l) => l.periodFrom).sort()[0]! : null,
  periodTo: lines.length
    ? lines
        .map((l) => l.periodTo)
        .sort()
        .at(-1)!
    : null,
});

async function publishedAnnual(db: Db) {
  const rows = await publishedAnnualPlans(db);
  return rows.map((r) => {
    const c = r.published_content!;
    const next = rows.find((o) => o.year === r.year && o.revision > r.revision);
    return {
      row: r,
      summary: {
        kind: 'annual' as const,
        id: r.id,
        title: c.revision > 1 ? `${c.title}（第 ${c.revision} 版）` : c.title,
        typeName: '年度日常检查计划',
        departments: c.departments,
        ...span(c.lines),
        lineCount: c.lines.length,
        publishedAt: c.publishedAt,
        supersededBy: next?.id ?? null,
        revision: c.revision,
      },
    };
  });
}

async function publishedSpecial(db: Db) {
  const rows = await publishedSpecialPlans(db);
  return rows.map((r) => {
    const c = r.published_content!;
    return {
      content: c,
      summary: {
        kind: 'special' as const,
        id: r.id,
        title: c.title,
        typeName: `${c.kind}方案`,
        departments: c.departments,
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        lineCount: c.lines.length,
        publishedAt: c.publishedAt,
        supersededBy: null,
        revision: null,
      },
    };
  });
}

/** Published annual plans (every revision) and published special plans, newest first. */
export async function publicPlans(deps: AppDeps) {
  const all = [
    ...(await publishedAnnual(deps.db)).map((a) => a.summary),
    ...(await publishedSpecial(deps.db)).map((s) => s.summary),
  ];
  return all.sort((a, b) => (a.publishedAt === b.publishedAt ? b.id - a.id : a.publishedAt < b.publishedAt ? 1 : -1));
}

export async function publicPlan(deps: AppDeps, kind: 'annual' | 'special', id: number): Promise<PublicPlanDetail> {
  if (kind === 'annual') {
    const found = (await publishedAnnual(deps.db)).find((a) => a.row.id === id);
    if (!found) throw notFound('已公布的计划');
    const c = found.row.published_content!;
    return { summary: found.summary, basis: null, revisionReason: c.revisionReason, objectScope: null, lines: c.lines };
  }
  const found = (await publishedSpecial(deps.db)).find((s) => s.summary.id === id);
  if (!found) throw notFound('已公布的方案');
  return {
    summary: found.summary,
    basis: found.content.basis,
    revisionReason: null,
    objectScope: found.content.objectScope,
    lines: found.content.lines,
  };
}

/** The announcement of a published plan, for the PDF and the spreadsheet. */
export async function announcementOf(db: Db, kind: 'annual' | 'special', id: number): Promise<Announcement> {
  if (kind === 'annual') {
    const row = await annualPlanContent(db, id);
    if (!row) throw notFound('年度计划');
    if (!row.published_content) throw new AppError('CONFLICT', '计划尚未公布，没有计划公告');
    return annualAnnouncement(row.published_content);
  }
  const row = await specialPlanContent(db, id);
  if (!row) throw notFound('专项检查方案');
  if (!row.published_content) throw new AppError('CONFLICT', '方案尚未批准，没有方案公告');
  return specialAnnouncement(row.published_content);
}
