/**
 * The error vocabulary shared by the main process and the renderer.
 *
 * Every API method returns errors as data (`{ ok: false, error }`), never as thrown strings, so
 * the renderer narrows on `code` and shows one human sentence per code (renderer/src/errors.ts).
 * `message` is already safe to show: it never contains a secret value or a credential.
 */
export const errorCodes = [
  /** The input failed validation (a form field, a file, an API argument). */
  'INVALID_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  /** Something changed since it was read (a secret version, a file on disk, a deploy plan). */
  'CONFLICT',
  /** The secret is scheduled for deletion: only restore works on it. */
  'SCHEDULED_FOR_DELETION',
  'ACCESS_DENIED',
  /** No usable credentials for the profile (missing keys, broken profile). */
  'CREDENTIALS_MISSING',
  /** Credentials or a session token expired. */
  'CREDENTIALS_EXPIRED',
  /** The SSO token is missing or expired: the user must log in again. */
  'SSO_LOGIN_REQUIRED',
  'CREDENTIAL_PROCESS_FAILED',
  'UNKNOWN_REGION',
  'ENDPOINT_UNREACHABLE',
  'THROTTLED',
  /** KMS could not encrypt or decrypt the secret. */
  'KMS_ERROR',
  'TOO_LARGE',
  /** A write under a production profile needs an explicit confirmation naming the account. */
  'CONFIRMATION_REQUIRED',
  'CANCELLED',
  'NOT_A_PROJECT',
  /** An external tool (the astro CLI) is not installed or not runnable. */
  'TOOL_MISSING',
  /** The external tool is installed but not logged in. */
  'NOT_LOGGED_IN',
  /** Some items of a batch were applied and some were not; `details` says which. */
  'PARTIAL_FAILURE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** Structured context for the UI (field paths, applied/failed items). Never secret values. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

const retryableByDefault: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['THROTTLED', 'ENDPOINT_UNREACHABLE', 'INTERNAL']);

/**
 * An error a service throws on purpose. The dispatcher turns it into `ApiError` data; any other
 * thrown value becomes a generic INTERNAL error so that no stray detail (or secret) leaks.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? retryableByDefault.has(code);
    this.details = options.details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message, retryable: this.retryable }
      : { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, retryable = retryableByDefault.has(code)): ApiResult<never> {
  return { ok: false, error: { code, message, retryable } };
}
