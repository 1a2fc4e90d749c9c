import type { Page, PageQuery } from '@server/shared/paging';
import { reactive, type Ref, ref, shallowReactive, shallowRef } from 'vue';
import { whileBusy } from '@/api/notify';

/** A page, optionally marked as counted only up to a cap (`total` is then the cap). */
export type CappedPage<T> = Page<T> & { totalCapped?: boolean };

/** What ListPage needs of a paged list: paging, counts and the three ways to (re)load. */
export interface PagedListControls {
  paging: PageQuery;
  total: Readonly<Ref<number>>;
  capped: Readonly<Ref<boolean>>;
  loading: Readonly<Ref<boolean>>;
  load: () => Promise<void>;
  search: () => Promise<void>;
  reset: () => Promise<void>;
}

/**
 * State for a searchable, paged list: `filters` bind to the search form; hand the whole result to `<ListPage :list>`.
 * `search()` goes back to page 1; `reset()` restores the initial filters (removing those set since); `capped` is true when
 * the server stopped counting.
 */
export function usePagedList<F extends object, T>(
  fetchPage: (query: F & PageQuery) => Promise<CappedPage<T>>,
  initialFilters: () => F,
  pageSize = 20,
) {
  const filters = shallowReactive(initialFilters());
  const paging = reactive<PageQuery>({ page: 1, pageSize });
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const capped = ref(false);
  const loading = ref(false);

  async function load(): Promise<void> {
    await whileBusy(loading, async () => {
      const page = await fetchPage({ ...filters, ...paging });
      items.value = page.items;
      total.value = page.total;
      capped.value = page.totalCapped === true;
    });
  }

  function search(): Promise<void> {
    paging.page = 1;
    return load();
  }

  /** Makes the filters exactly `next`: a filter `next` leaves out is removed (a cleared optional filter is absent). */
  function replaceFilters(next: F): void {
    for (const key of Object.keys(filters)) if (!(key in next)) delete (filters as Record<string, unknown>)[key];
    Object.assign(filters, next);
  }

  function reset(): Promise<void> {
    replaceFilters(initialFilters());
    return search();
  }

  return { filters, paging, items, total, capped, loading, load, search, reset, replaceFilters };
}
