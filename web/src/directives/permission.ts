import type { Directive } from 'vue';
import { useAuthStore } from '@/features/auth/store';

/**
 * `v-permission="'system:user:write'"` removes the element when the user lacks the permission.
 * Permissions only change on login, which re-renders the whole layout, so checking at mount is enough.
 */
export const permissionDirective: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    if (!useAuthStore().can(binding.value)) el.remove();
  },
};
