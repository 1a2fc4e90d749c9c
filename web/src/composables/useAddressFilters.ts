import { useRoute } from 'vue-router';

type Kind = 'text' | 'number';

/**
 * The list filters an address carries (`?status=已办结&departmentId=3`), so that a figure elsewhere (the dashboard, a
 * to-do) opens the list already filtered. Only the named keys are read; a number that is not one is ignored.
 */
export function useAddressFilters<K extends string>(keys: Record<K, Kind>): () => Partial<Record<K, string | number>> {
  const route = useRoute();
  return () => {
    const out: Partial<Record<K, string | number>> = {};
    for (const key of Object.keys(keys) as K[]) {
      const raw = route.query[key];
      if (typeof raw !== 'string' || raw === '') continue;
      if (keys[key] === 'number') {
        const n = Number(raw);
        if (Number.isInteger(n) && n > 0) out[key] = n;
      } else out[key] = raw;
    }
    return out;
  };
}
