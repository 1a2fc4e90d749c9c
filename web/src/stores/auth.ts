import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '@/api/http';
import { authApi } from '@/api/auth';
import type { Me } from '@/api/authTypes';
import type { Permission } from '@server/auth/permissions';

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const loggedIn = computed(() => me.value !== null);
  const permissions = computed(() => new Set(me.value?.permissions ?? []));

  /** Whether the signed-in user holds a permission code such as `system:user:write`. */
  function can(code: Permission): boolean {
    return permissions.value.has(code);
  }

  /** How far a held permission reaches: 'all' departments, 'own_department', or null when not held. */
  function scopeOf(code: Permission): 'all' | 'own_department' | null {
    return me.value?.scopes[code] ?? null;
  }

  /**
   * Whether the user's job is inspecting on site: they record results on their tasks (task:result:write) but do
   * not manage tasks (no task:task:write), as the built-in 执法检查人员 role and any role shaped like it. Such a
   * user starts on their task agenda on the phone; department staff and administrators who may also record keep
   * their desk home.
   */
  const inspectsInField = computed(() => can('task:result:write') && !can('task:task:write'));

  /** Loads the session once (on start); a 401 simply means "not logged in". */
  function load(): Promise<void> {
    loading ??= authApi
      .me()
      .then(({ user }) => {
        me.value = user;
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        me.value = null;
      })
      .finally(() => {
        loaded.value = true;
        loading = null;
      });
    return loading;
  }

  async function login(username: string, password: string): Promise<void> {
    const { user } = await authApi.login(username, password);
    me.value = user;
    loaded.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  function clear(): void {
    me.value = null;
  }

  return { me, loaded, loggedIn, can, scopeOf, inspectsInField, load, login, logout, clear };
});
