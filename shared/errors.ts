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

/** What an error mapped from an AWS call carries (electron/services/aws/aws-errors.ts). Never a secret. */
export interface AwsErrorFacts {
  /** AWS's own error name, like `ResourceNotFoundException`. */
  readonly awsCode?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
}

/** The action and resource named by an AWS "not authorized to perform" message. */
export interface AccessDeniedFacts {
  readonly action?: string;
  readonly resource?: string;
  readonly principal?: string;
}

/** What a CONFIRMATION_REQUIRED error of the production guard carries. */
export interface ConfirmationDetails {
  readonly account: string | null;
  readonly profile: string;
  /** What the user must type: the account id, or the profile name when the account is unknown. */
  readonly expected: string;
  /** What the write will do, in a short phrase ("delete airflow/connections/x"). */
  readonly action: string;
}

/** One refused key of a Dockerfile or .env edit (shared/project-files). */
export interface EditProblemRef {
  readonly code: string;
  readonly key: string | null;
}

/** One value the astro CLI's `--load` file cannot carry (electron/services/astro/load-file.ts). */
export interface LoadLineProblemRef {
  readonly key: string;
  readonly reason: string;
  readonly message: string;
}

export interface InvalidInputDetails extends AwsErrorFacts {
  /** The form field or API argument at fault. */
  readonly field?: string;
  /** The project file a change could not be planned for. */
  readonly file?: string;
  /** A data file Airlock could not load (the sandbox's). */
  readonly path?: string;
  /** The environment variable at fault. */
  readonly key?: string;
  readonly profile?: string;
  /** The folder probably meant (a file was chosen instead of a project folder). */
  readonly suggestion?: string;
  /** What the API's input validation refused, per argument path (electron/dispatch.ts). */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
  /** Why a file edit was refused: messages, problem codes, or refused keys. */
  readonly problems?: readonly string[] | readonly EditProblemRef[] | readonly LoadLineProblemRef[];
  readonly duplicateKeys?: readonly string[];
}

export interface ConflictDetails {
  /** The project file that changed on disk, and the ignore files that no longer keep it out. */
  readonly file?: string;
  readonly ignoreFiles?: readonly string[];
  /** What changed on the Deployment since the review. */
  readonly drift?: readonly string[];
  /** The secret's current version, when it moved since it was read. */
  readonly currentVersionId?: string | null;
}

/** Which items of a batch were applied: project files, a moved secret, or a Deployment's variables. */
export type PartialFailureDetails =
  | { readonly written: readonly string[]; readonly failed: string }
  | { readonly created: string; readonly notDeleted: string }
  | {
      readonly appliedKeys: readonly string[];
      readonly notAppliedKeys: readonly string[];
      readonly outcomes: readonly { readonly key: string; readonly outcome: string }[];
      readonly unnamedRejections: number;
      /** The CLI reached the Deployment (it restarts), even though some variables were refused. */
      readonly writeReached: boolean;
    };

/**
 * The `details` each error code carries: one type per code, checked where the error is made
 * (`new AppError`) and narrowed by `code` where it is read (`ApiError`). `| undefined` marks the
 * codes whose errors may come without details; the others always have them.
 */
export interface ErrorDetailsByCode {
  readonly INVALID_INPUT: InvalidInputDetails | undefined;
  readonly NOT_FOUND: (AwsErrorFacts & { readonly profile?: string }) | undefined;
  readonly ALREADY_EXISTS: (AwsErrorFacts & { readonly field?: string }) | undefined;
  readonly CONFLICT: ConflictDetails | undefined;
  readonly SCHEDULED_FOR_DELETION: AwsErrorFacts | undefined;
  readonly ACCESS_DENIED: (AwsErrorFacts & AccessDeniedFacts & { readonly reason?: string }) | undefined;
  readonly CREDENTIALS_MISSING: (AwsErrorFacts & { readonly profile?: string; readonly reason?: string }) | undefined;
  readonly CREDENTIALS_EXPIRED: AwsErrorFacts | undefined;
  readonly SSO_LOGIN_REQUIRED: (AwsErrorFacts & { readonly profile?: string; readonly ssoSession?: string }) | undefined;
  readonly CREDENTIAL_PROCESS_FAILED: (AwsErrorFacts & { readonly reason?: string }) | undefined;
  readonly UNKNOWN_REGION: (AwsErrorFacts & { readonly profile?: string; readonly region?: string }) | undefined;
  readonly ENDPOINT_UNREACHABLE:
    | (AwsErrorFacts & { readonly profile?: string; readonly endpoint?: string; readonly timedOut?: boolean; readonly timeoutMs?: number })
    | undefined;
  readonly THROTTLED: AwsErrorFacts | undefined;
  readonly KMS_ERROR: (AwsErrorFacts & AccessDeniedFacts) | undefined;
  readonly TOO_LARGE: AwsErrorFacts | undefined;
  /** Absent for a Deployment marked production, whose name the deploy review asks for inline. */
  readonly CONFIRMATION_REQUIRED: ConfirmationDetails | undefined;
  readonly CANCELLED: AwsErrorFacts | undefined;
  readonly NOT_A_PROJECT: { readonly suggestion?: string } | undefined;
  /** `found` and `required` when the astro CLI is too old. */
  readonly TOOL_MISSING: { readonly found: string; readonly required: string } | undefined;
  readonly NOT_LOGGED_IN: { readonly reason: 'token-expired' | 'token-invalid' | 'not-logged-in' | 'session-expired' };
  readonly PARTIAL_FAILURE: PartialFailureDetails;
  readonly INTERNAL: (AwsErrorFacts & { readonly reason?: string; readonly exitCode?: number | null; readonly command?: string }) | undefined;
}

export type ErrorDetails<C extends ErrorCode> = ErrorDetailsByCode[C];

type ApiErrorOf<C extends ErrorCode> = {
  readonly code: C;
  readonly message: string;
  readonly retryable: boolean;
} & (undefined extends ErrorDetails<C>
  ? { /** Structured context for the UI (field paths, applied/failed items). Never secret values. */ readonly details?: Exclude<ErrorDetails<C>, undefined> }
  : { readonly details: ErrorDetails<C> });

/** An error as data, as the window receives it: narrowing on `code` types `details`. */
export type ApiError<C extends ErrorCode = ErrorCode> = C extends ErrorCode ? ApiErrorOf<C> : never;

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

const retryableByDefault: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['THROTTLED', 'ENDPOINT_UNREACHABLE', 'INTERNAL']);

/**
 * Options of `new AppError(code, ...)`: `details` of the code's type, required for the codes that
 * always carry details. For a code not known at compile time any code's details are accepted.
 */
export type AppErrorOptions<C extends ErrorCode> = { readonly retryable?: boolean; readonly cause?: unknown } & ([undefined] extends [ErrorDetails<C>]
  ? { readonly details?: Exclude<ErrorDetails<C>, undefined> }
  : { readonly details: ErrorDetails<C> });

type AppErrorArgs<C extends ErrorCode> = [undefined] extends [ErrorDetails<C>] ? [options?: AppErrorOptions<C>] : [options: AppErrorOptions<C>];

/**
 * An error a service throws on purpose. The dispatcher turns it into `ApiError` data; any other
 * thrown value becomes a generic INTERNAL error so that no stray detail (or secret) leaks.
 */
export class AppError<out C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly retryable: boolean;
  readonly details: ErrorDetails<C> | undefined;

  constructor(code: C, message: string, ...[options]: AppErrorArgs<C>) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options?.retryable ?? retryableByDefault.has(code);
    this.details = options?.details;
  }

  /**
   * Plain `instanceof`, typed: a generic class would narrow `x instanceof AppError` to
   * `AppError<any>`, whose details are untyped; this narrows to an error of any code instead.
   */
  static override [Symbol.hasInstance](value: unknown): value is AppError {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  toApiError(): ApiError {
    const error = this.details === undefined
      ? { code: this.code, message: this.message, retryable: this.retryable }
      : { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
    // The constructor took details of this code's type (and required them where the code always has them).
    return error as ApiError;
  }
}

export function isAppError(value: unknown): value is AppError;
/** Also narrows the details: `isAppError(error, 'PARTIAL_FAILURE')` types `error.details`. */
export function isAppError<C extends ErrorCode>(value: unknown, code: C): value is AppError<C>;
export function isAppError(value: unknown, code?: ErrorCode): boolean {
  return value instanceof AppError && (code === undefined || value.code === code);
}
