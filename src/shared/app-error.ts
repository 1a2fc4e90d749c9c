/**
 * The one application error type. Services throw it; the HTTP layer maps `code`
 * to a status in one table (src/http/error-handler.ts); the CLI prints `message`.
 * Messages are user-facing and in Chinese.
 */
export const errorStatus = {
  VALIDATION: 400,
  /** Characters or structure no route accepts: NUL, lone UTF-16 surrogates, JSON nested too deep (src/http/input-hygiene.ts). */
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  /** A session that existed but ended: idle timeout, logout, revocation, disabled account. */
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  /** A browser session whose password was set by someone else, before it has been changed. */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** A write whose origin could not be confirmed as this site (src/http/csrf.ts). */
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /**
   * Allowed, but only when the user confirms (e.g. a visit on a rest day): each detail's `field` names the flag to
   * send as true with the same request once the user has confirmed the message.
   */
  CONFIRMATION_REQUIRED: 409,
  /** A body or file beyond the limit of its route. */
  TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  CALENDAR_YEAR_MISSING: 422,
  BAD_FILE: 422,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  /** 1-based row number in a file, when the problem comes from a file. */
  row?: number;
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: FieldProblem[] | Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: FieldProblem[] | Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '没有执行此操作的权限'): AppError => new AppError('FORBIDDEN', message);
