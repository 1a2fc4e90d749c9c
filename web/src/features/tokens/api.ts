import { http } from '@/api/http';

export type { TokenCreate, TokenView } from '@server/auth/auth.schemas';
import type { TokenCreate, TokenView } from '@server/auth/auth.schemas';

export const tokenApi = {
  list: () => http.get<{ items: TokenView[] }>('/api/tokens').then((r) => r.items),
  issue: (input: TokenCreate) => http.post<{ id: string; token: string }>('/api/tokens', input),
  revoke: (id: string) => http.delete<void>(`/api/tokens/${encodeURIComponent(id)}`),
};

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(token: TokenView, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}
