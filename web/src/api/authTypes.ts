/** The signed-in user as GET /api/auth/me and POST /api/auth/login return it. */
export type { MeView as Me } from '@server/auth/auth.schemas';
