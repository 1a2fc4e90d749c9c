import { ref, shallowRef, type Ref } from 'vue';
import { ApiError } from '@/api/http';
import { notifyError } from '@/api/notify';

/**
 * A list belonging to a detail page that the server may not offer (yet): a 404 marks it unavailable
 * so its section can hide; any other failure is shown and leaves the list empty.
 */
export function useOptionalList<T>(fetch: () => Promise<T[]>) {
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const available = ref(true);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = await fetch();
      available.value = true;
    } catch (error) {
      items.value = [];
      if (error instanceof ApiError && error.status === 404) available.value = false;
      else notifyError(error);
    } finally {
      loading.value = false;
    }
  }

  return { items, available, loading, load };
}
