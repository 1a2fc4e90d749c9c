import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';

/**
 * The page's back link: where the user came from when that was a page of the app (one step back in the
 * browser history, so the list keeps its place), else `fallback`. Its label names the page it returns to.
 */
export function useBackLink(fallback: string) {
  const router = useRouter();
  const route = useRoute();
  const previous = ref<string | null>(null);
  const read = () => {
    const back: unknown = router.options.history.state['back'];
    previous.value = typeof back === 'string' && back.startsWith('/') && !back.startsWith('/login') ? back : null;
  };
  read();
  watch(() => route.fullPath, read);
  const target = computed(() => router.resolve(previous.value ?? fallback));
  const label = computed(() => (target.value.meta.title ? `返回${target.value.meta.title}` : '返回'));
  const href = computed(() => target.value.href);
  function go(): void {
    if (previous.value) router.back();
    else void router.push(fallback);
  }
  return { label, href, go };
}
