import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { KnowledgeInput, KnowledgeQuery } from './knowledge.schemas';
import { findEntry, insertEntry, itemsByCode, lockEntry, searchEntries, updateEntry } from './knowledge.repository';
import { highlight, normaliseText, searchTerms, snippet } from './knowledge-text';
import { ownedBy, publishingDepartment, scopeFilter } from './portal-access';

const WRITE = 'portal:content:write' as const;
type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

const summary = (k: EntryRow) => ({
  id: Number(k.id),
  category: k.category,
  title: k.title,
  issuer: k.issuer,
  docNo: k.doc_no,
  issuedOn: k.issued_on,
  effectiveOn: k.effective_on,
  validity: k.validity,
  repealedOn: k.repealed_on,
  departmentName: k.department_name,
});

async function checkedRelatedCodes(db: Db, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const found = new Set((await itemsByCode(db, unique)).map((i) => i.code));
  const missing = unique.filter((c) => !found.has(c));
  if (missing.length)
    throw new AppError('VALIDATION', `关联的监管事项不存在：${missing.join('、')}`, [
      { field: 'relatedItemCodes', message: `不存在：${missing.join('、')}` },
    ]);
  return unique;
}

const columnsOf = (input: KnowledgeInput, relatedItemCodes: string[]) => ({
  category: input.category,
  title: input.title,
  issuer: input.issuer,
  doc_no: input.docNo,
  issued_on: input.issuedOn,
  effective_on: input.effectiveOn,
  validity: input.validity,
  repealed_on: input.repealedOn,
  body: input.body,
  related_item_codes: relatedItemCodes,
  search_title: normaliseText(input.title),
  search_doc_no: normaliseText(input.docNo),
  search_body: normaliseText(input.body),
});

const audited = (input: KnowledgeInput, relatedItemCodes: string[]) => ({
  knowledgeCategory: input.category,
  title: input.title,
  docNo: input.docNo,
  validity: input.validity,
  repealedOn: input.repealedOn,
  relatedItemCodes,
  bodyLength: input.body.length,
});

/** 知识库: a department adds a law, regulation, normative document or case (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十六条). */
export async function createEntry(deps: AppDeps, actor: Actor, input: KnowledgeInput) {
  const departmentId = publishingDepartment(actor, WRITE, input.departmentId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const related = await checkedRelatedCodes(trx, input.relatedItemCodes);
    const { id } = await insertEntry(trx, {
      ...columnsOf(input, related),
      department_id: departmentId,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'knowledge_entry.create',
      entityType: 'knowledge_entry',
      entityId: Number(id),
      summary: `知识库新增${input.category}：${input.title}`,
      after: audited(input, related),
    });
    return Number(id);
  });
  return entryView(deps, id);
}

export async function changeEntry(deps: AppDeps, actor: Actor, id: number, input: KnowledgeInput) {
  await deps.db.transaction().execute(async (trx) => {
    const k = await lockEntry(trx, id);
    if (!k) throw notFound('知识库条目');
    ownedBy(actor, WRITE, Number(k.department_id), '知识库条目');
    const now = deps.clock.now();
    const related = await checkedRelatedCodes(trx, input.relatedItemCodes);
    await updateEntry(trx, id, { ...columnsOf(input, related), updated_by: actor.userId, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'knowledge_entry.update',
      entityType: 'knowledge_entry',
      entityId: id,
      summary: `知识库修改${input.category}：${input.title}`,
      before: {
        knowledgeCategory: k.category,
        title: k.title,
        docNo: k.doc_no,
        validity: k.validity,
        repealedOn: k.repealed_on,
        relatedItemCodes: k.related_item_codes,
        bodyLength: k.body.length,
      },
      after: audited(input, related),
    });
  });
  return entryView(deps, id);
}

/** Search with highlighted title, document number and passage (knowledge-text.ts, knowledge.repository.ts). */
export async function searchKnowledge(deps: AppDeps, q: KnowledgeQuery, scopeDepartmentId: number | null = null) {
  const terms = searchTerms(q.q ?? '');
  const page = await searchEntries(deps.db, terms, q, scopeDepartmentId);
  return {
    total: page.total,
    items: page.rows.map((k) => ({
      ...summary(k),
      titleSegments: highlight(k.title, terms),
      docNoSegments: highlight(k.doc_no, terms),
      snippet: snippet(k.body, terms),
    })),
  };
}

/** The staff list: the actor's department's entries (or all, for an 'all' scope). */
export const staffKnowledge = (deps: AppDeps, actor: Actor, q: KnowledgeQuery) =>
  searchKnowledge(deps, q, scopeFilter(actor, WRITE));

export async function staffEntry(deps: AppDeps, actor: Actor, id: number) {
  const k = await findEntry(deps.db, id);
  if (!k) throw notFound('知识库条目');
  ownedBy(actor, WRITE, Number(k.department_id), '知识库条目');
  return entryView(deps, id);
}

export async function entryView(deps: AppDeps, id: number) {
  const k = await findEntry(deps.db, id);
  if (!k) throw notFound('知识库条目');
  const items = await itemsByCode(deps.db, k.related_item_codes);
  return {
    ...summary(k),
    departmentId: Number(k.department_id),
    body: k.body,
    updatedAt: k.updated_at.toISOString(),
    relatedItems: k.related_item_codes.map((code) => {
      const item = items.find((i) => i.code === code);
      // A withdrawn (停用) item is named but not linked: the catalog no longer shows it.
      return { code, name: item?.name ?? code, id: item && item.status === '有效' ? Number(item.id) : null };
    }),
  };
}
