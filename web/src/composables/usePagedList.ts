import type { Page, PageQuery } from '@server/shared/paging';
import { reactive, ref, shallowReactive, shallowRef } from 'vue';
import { whileBusy } from '@/api/notify';

/**
 * State for a searchable, paged list: `filters` bind to the search form, `paging` to the pagination.
 * `search()` goes back to page 1; `reset()` restores the initial filters.
 */
export function usePagedList<F extends object, T>(fetchPage: (query: F & PageQuery) => Promise<Page<T>>, initialFilters: () => F, pageSize = 20) {
  const filters = shallowReactive(initialFilters());
  const paging = reactive<PageQuery>({ page: 1, pageSize });
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);

  async function load(): Promise<void> {
    await whileBusy(loading, async () => {
      const page = await fetchPage({ ...filters, ...paging });
      items.value = page.items;
      total.value = page.total;
    });
  }

  function search(): Promise<void> {
    paging.page = 1;
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(filters, initialFilters());
    return search();
  }

  return { filters, paging, items, total, loading, load, search, reset };
}
