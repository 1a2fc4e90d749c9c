import type { ErrorCode, FieldProblem } from '@server/shared/app-error';

/** The server's error codes, plus the two the client itself produces. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';

/** An error answered by the API: `{ error: { code, message, details? } }`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: FieldProblem[];

  constructor(status: number, code: ApiErrorCode, message: string, details: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** Requests whose 401 means "wrong credentials", "not logged in yet" or "already logged out", not "session expired". */
const sessionProbes = ['/api/auth/login', '/api/auth/me', '/api/auth/logout'];

let onUnauthorized: (code: string, message: string) => void = () => undefined;

/** Registered once at start-up: clears the session and sends the user to the login page. */
export function setUnauthorizedHandler(handler: (code: string, message: string) => void): void {
  onUnauthorized = handler;
}

export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isFieldProblems(value: unknown): value is FieldProblem[] {
  return Array.isArray(value) && value.every((d) => typeof d === 'object' && d !== null && 'message' in d);
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : null;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? (error.code as ErrorCode) : 'UNKNOWN';
    const details = 'details' in error && isFieldProblems(error.details) ? error.details : [];
    return new ApiError(response.status, code, error.message, details);
  }
  return new ApiError(response.status, 'UNKNOWN', `服务器返回错误（HTTP ${response.status}），请稍后重试`);
}

/**
 * Sent with every request: the server refuses a cookie-authenticated write without it (src/http/csrf.ts),
 * since a page of another site cannot add it without a CORS preflight.
 */
const baseHeaders = { accept: 'application/json', 'x-lianjian-request': '1' };

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: baseHeaders };
  if (options.body instanceof FormData) {
    init.body = options.body;
  } else if (options.body !== undefined) {
    init.headers = { ...baseHeaders, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !sessionProbes.includes(path)) onUnauthorized(error.code, error.message);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data (a file upload); the browser sets the boundary. */
  upload: <T>(path: string, form: FormData, query?: Query) => request<T>('POST', path, { body: form, query }),
};
