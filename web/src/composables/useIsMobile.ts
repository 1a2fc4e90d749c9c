import { computed, readonly, ref, type ComputedRef, type Ref } from 'vue';

/** Below this width the layout switches to phone mode (drawer menu, near full-width dialogs). */
const query = window.matchMedia('(max-width: 768px)');
const isMobile = ref(query.matches);
query.addEventListener('change', (event) => {
  isMobile.value = event.matches;
});

/** Whether the viewport is phone-sized. */
export function useIsMobile(): Readonly<Ref<boolean>> {
  return readonly(isMobile);
}

/** Dialog width: the given desktop width, or 92% on phones. */
export function useDialogWidth(desktop = '560px'): ComputedRef<string> {
  return computed(() => (isMobile.value ? '92%' : desktop));
}

/** Form labels sit above the fields on phones. */
export function useLabelPosition(): ComputedRef<'top' | 'right'> {
  return computed(() => (isMobile.value ? 'top' : 'right'));
}

/** Action columns stay pinned to the right on wide screens; on phones pinning would hide most of the row. */
export function useActionColumnFixed(): ComputedRef<'right' | false> {
  return computed(() => (isMobile.value ? false : 'right'));
}
