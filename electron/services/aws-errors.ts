/**
 * Temporary minimal mapping of SDK errors to AppError; replaced by the full mapping in
 * electron/services/aws/ (profiles issue).
 */
import { AppError, isAppError } from '../../shared/errors';

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'ResourceNotFoundException':
      return new AppError('NOT_FOUND', 'Secrets Manager cannot find that secret.');
    case 'ThrottlingException':
      return new AppError('THROTTLED', 'AWS is throttling requests. Wait a moment and try again.');
    default:
      return new AppError('INTERNAL', 'The AWS call failed.', { cause: error });
  }
}
