import { http } from '@/api/http';
import type { Me } from './authTypes';

export const authApi = {
  login: (username: string, password: string) => http.post<{ user: Me }>('/api/auth/login', { username, password }),
  logout: () => http.post<void>('/api/auth/logout'),
  me: () => http.get<{ user: Me }>('/api/auth/me'),
  changePassword: (oldPassword: string, newPassword: string) =>
    http.post<void>('/api/auth/password', { oldPassword, newPassword }),
};
