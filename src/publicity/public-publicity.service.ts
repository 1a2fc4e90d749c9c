import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import { fieldList } from './publication-query.service';
import { findPublic, searchPublic } from './publication.repository';
import type { PublicationKind } from './publication.table';

type PublicRow = NonNullable<Awaited<ReturnType<typeof findPublic>>>;

// Only what was published (the national fields as published, never the ID number) goes out.
function present(r: PublicRow) {
  const f = r.public_fields ?? {};
  const licence = r.kind === '行政许可';
  return {
    id: Number(r.id),
    kind: r.kind,
    name: (licence ? f.XK_XDR_MC : f.CF_XDR_MC) ?? '',
    uscc: (licence ? f.XK_XDR_SHXYM : f.CF_XDR_SHXYM) ?? '',
    docNo: (licence ? f.XK_WSH : f.CF_WSH) ?? '',
    decidedOn: (licence ? f.XK_JDRQ : f.CF_JDRQ) ?? '',
    state: (licence ? f.XK_ZT : f.CF_ZT) ?? '',
    publishedOn: r.published_at ? chinaDate(new Date(r.published_at)) : null,
    fields: fieldList(r.kind, r.public_fields).filter((x) => x.value !== ''),
  };
}

/** 双公示 on the public portal: published records within their publicity period, by name or credit code. */
export async function searchPublicity(
  deps: AppDeps,
  q: { kind: PublicationKind; keyword?: string; page: number; pageSize: number },
) {
  const today = chinaDate(deps.clock.now());
  const page = await searchPublic(deps.db, { ...q, today, limit: q.pageSize, offset: offsetOf(q) });
  return { total: page.total, items: page.rows.map(present) };
}

export async function publicPublication(deps: AppDeps, id: number) {
  const r = await findPublic(deps.db, id, chinaDate(deps.clock.now()));
  if (!r) throw notFound('公示信息');
  return present(r);
}
