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
