import { computed, shallowRef } from 'vue';
import type { DivisionView } from '@server/divisions/division.schemas';
import { listDivisions } from '@/api/divisions';
import { notifyError } from '@/api/notify';

const all = shallowRef<DivisionView[]>([]);
let loading: Promise<void> | null = null;

/**
 * The deployment's 行政区划 (loaded by the administrator, `lianjian divisions load`), fetched once per
 * visit: the districts for pickers and the name of a code for lists; an unknown code shows as it is.
 */
export function useDivisions() {
  loading ??= listDivisions()
    .then((rows) => {
      all.value = rows;
    })
    .catch((error: unknown) => {
      loading = null;
      notifyError(error);
    });
  const districts = computed(() => all.value.filter((d) => d.level === '区县'));
  const divisionName = (code: string): string => all.value.find((d) => d.code === code)?.name ?? code;
  return { districts, divisionName };
}
