import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { NewsInput, NewsQuery, PublicNewsQuery } from './news.schemas';
import { findNews, insertNews, listNews, lockNews, updateNews } from './news.repository';
import { ownedBy, publishingDepartment, scopeFilter } from './portal-access';

const WRITE = 'portal:content:write' as const;
type NewsRow = NonNullable<Awaited<ReturnType<typeof findNews>>>;

const present = (n: NewsRow) => ({
  id: Number(n.id),
  departmentId: Number(n.department_id),
  departmentName: n.department_name,
  title: n.title,
  body: n.body,
  publishedOn: n.published_on,
  status: n.status,
  withdrawReason: n.withdraw_reason,
  updatedAt: n.updated_at.toISOString(),
});

const presentPublic = (n: NewsRow) => {
  const { status: _s, withdrawReason: _w, updatedAt: _u, ...rest } = present(n);
  return rest;
};

/** 监管动态: a department publishes a news item (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十八条). */
export async function publishNews(deps: AppDeps, actor: Actor, input: NewsInput) {
  const departmentId = publishingDepartment(actor, WRITE, input.departmentId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const publishedOn = input.publishedOn ?? chinaDate(now);
    const { id } = await insertNews(trx, {
      department_id: departmentId,
      title: input.title,
      body: input.body,
      published_on: publishedOn,
      status: '已发布',
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
      withdrawn_at: null,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'portal_news.publish',
      entityType: 'portal_news',
      entityId: Number(id),
      summary: `发布监管动态：${input.title}`,
      after: { title: input.title, publishedOn, departmentId },
    });
    return Number(id);
  });
  return newsDetail(deps, actor, id);
}

export async function changeNews(deps: AppDeps, actor: Actor, id: number, input: NewsInput) {
  await deps.db.transaction().execute(async (trx) => {
    const n = await lockNews(trx, id);
    if (!n) throw notFound('监管动态');
    ownedBy(actor, WRITE, Number(n.department_id), '监管动态');
    if (n.status !== '已发布') throw new AppError('CONFLICT', '已撤回的监管动态不能再修改');
    const now = deps.clock.now();
    const publishedOn = input.publishedOn ?? n.published_on;
    await updateNews(trx, id, {
      title: input.title,
      body: input.body,
      published_on: publishedOn,
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'portal_news.update',
      entityType: 'portal_news',
      entityId: id,
      summary: `修改监管动态：${input.title}`,
      before: { title: n.title, publishedOn: n.published_on, bodyLength: n.body.length },
      after: { title: input.title, publishedOn, bodyLength: input.body.length },
    });
  });
  return newsDetail(deps, actor, id);
}

export async function withdrawNews(deps: AppDeps, actor: Actor, id: number, reason: string) {
  await deps.db.transaction().execute(async (trx) => {
    const n = await lockNews(trx, id);
    if (!n) throw notFound('监管动态');
    ownedBy(actor, WRITE, Number(n.department_id), '监管动态');
    if (n.status === '已撤回') throw new AppError('CONFLICT', '监管动态已撤回');
    const now = deps.clock.now();
    await updateNews(trx, id, {
      status: '已撤回',
      withdraw_reason: reason,
      withdrawn_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'portal_news.withdraw',
      entityType: 'portal_news',
      entityId: id,
      summary: `撤回监管动态：${n.title}（${reason}）`,
      before: { status: n.status },
      after: { status: '已撤回', withdrawReason: reason },
    });
  });
  return newsDetail(deps, actor, id);
}

export async function newsList(deps: AppDeps, actor: Actor, q: NewsQuery) {
  const page = await listNews(deps.db, { ...q, scopeDepartmentId: scopeFilter(actor, WRITE) }, q);
  return { total: page.total, items: page.rows.map(present) };
}

export async function newsDetail(deps: AppDeps, actor: Actor, id: number) {
  const n = await findNews(deps.db, id);
  if (!n) throw notFound('监管动态');
  ownedBy(actor, WRITE, Number(n.department_id), '监管动态');
  return present(n);
}

export async function publicNewsList(deps: AppDeps, q: PublicNewsQuery) {
  const today = chinaDate(deps.clock.now());
  const page = await listNews(deps.db, { ...q, scopeDepartmentId: null, publicOn: today }, q);
  return { total: page.total, items: page.rows.map(presentPublic) };
}

export async function publicNewsItem(deps: AppDeps, id: number) {
  const n = await findNews(deps.db, id);
  if (!n || n.status !== '已发布' || n.published_on > chinaDate(deps.clock.now())) throw notFound('监管动态');
  return presentPublic(n);
}
