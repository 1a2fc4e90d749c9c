import { http } from '@/api/http';

/**
 * A system-integration token as GET /api/tokens lists it; mirrors `tokenView` in src/auth/token.service.ts.
 * Importing that module would pull the whole server (and Node's globals) into the web type check,
 * so the shape is repeated here until the server moves it to a schemas file.
 */
export interface TokenView {
  id: string;
  userId: number;
  username: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string;
}

/** Body of POST /api/tokens; mirrors `tokenCreate` in src/auth/token.service.ts. */
export interface TokenCreate {
  userId: number;
  name: string;
  /** ISO date-time with offset, or null for no expiry. */
  expiresAt: string | null;
}

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
