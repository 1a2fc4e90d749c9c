import type { UserCreate, UserUpdate, UserView } from '@server/users/user.schemas';
import { http } from '@/api/http';

export const userApi = {
  create: (input: UserCreate) => http.post<UserView>('/api/users', input),
  update: (id: number, input: UserUpdate) => http.put<UserView>(`/api/users/${id}`, input),
  resetPassword: (id: number, password: string) => http.post<void>(`/api/users/${id}/reset-password`, { password }),
  unlock: (id: number) => http.post<void>(`/api/users/${id}/unlock`),
};

/** Locked after too many failed logins from all addresses: only an administrator's unlock lifts it. */
export const isLocked = (user: UserView): boolean => user.lockedAt !== null;
