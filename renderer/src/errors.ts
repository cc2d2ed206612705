/**
 * The one place that turns API error codes into what the user reads: a title and, where there
 * is one, what to do next. The service's own message (already safe) is shown underneath.
 */
import { assertNever } from '../../shared/assert';
import type { ApiError, ErrorCode } from '../../shared/errors';
import { ApiCallError } from './api';

export interface HumanError {
  readonly title: string;
  readonly detail: string;
  readonly retryable: boolean;
}

export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'INVALID_INPUT': return 'Some input is not valid';
    case 'NOT_FOUND': return 'Not found';
    case 'ALREADY_EXISTS': return 'It already exists';
    case 'CONFLICT': return 'It changed since you opened it';
    case 'SCHEDULED_FOR_DELETION': return 'This secret is scheduled for deletion';
    case 'ACCESS_DENIED': return 'Access denied';
    case 'CREDENTIALS_MISSING': return 'No usable AWS credentials';
    case 'CREDENTIALS_EXPIRED': return 'Your AWS credentials expired';
    case 'SSO_LOGIN_REQUIRED': return 'Log in to AWS SSO again';
    case 'CREDENTIAL_PROCESS_FAILED': return 'The credential process failed';
    case 'UNKNOWN_REGION': return 'Unknown AWS region';
    case 'ENDPOINT_UNREACHABLE': return 'Cannot reach the service';
    case 'THROTTLED': return 'AWS is throttling requests';
    case 'KMS_ERROR': return 'The encryption key cannot be used';
    case 'TOO_LARGE': return 'Too large';
    case 'CONFIRMATION_REQUIRED': return 'Confirmation needed';
    case 'CANCELLED': return 'Cancelled';
    case 'NOT_A_PROJECT': return 'Not an Astro project';
    case 'TOOL_MISSING': return 'The astro CLI is not available';
    case 'NOT_LOGGED_IN': return 'The astro CLI is not logged in';
    case 'PARTIAL_FAILURE': return 'Only part of it was applied';
    case 'INTERNAL': return 'Something went wrong';
    default: return assertNever(code, 'Unknown error code');
  }
}

export function humanizeApiError(apiError: ApiError): HumanError {
  return { title: errorTitle(apiError.code), detail: apiError.message, retryable: apiError.retryable };
}

export function toHumanError(error: unknown): HumanError {
  if (error instanceof ApiCallError) return humanizeApiError(error.apiError);
  return { title: errorTitle('INTERNAL'), detail: 'An unexpected error happened in the window. Reload it if things look wrong.', retryable: true };
}
