/**
 * Errors the emulator answers with, shaped like AWS's: a code (`__type`), a message and an HTTP
 * status. Clients branch on the code, so each helper below picks the code AWS uses for that case.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.status = status;
  }
}

export const secretNotFound = (): ServiceError =>
  new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export const markedForDeletion = (): ServiceError =>
  new ServiceError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");

export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameterException', message);

export const invalidRequest = (message: string): ServiceError => new ServiceError('InvalidRequestException', message);

export const resourceExists = (message: string): ServiceError => new ServiceError('ResourceExistsException', message);

/** The wording AWS's request validation layer uses for model constraints (length, range, required). */
export const validationError = (detail: string): ServiceError =>
  new ServiceError('ValidationException', `1 validation error detected: ${detail}`);

export const serializationError = (message: string): ServiceError => new ServiceError('SerializationException', message);

export const invalidNextToken = (): ServiceError => new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');

export const unknownOperation = (target: string): ServiceError =>
  new ServiceError('UnknownOperationException', target === '' ? 'Missing X-Amz-Target header.' : `The operation ${target} is not supported.`);

export const internalError = (message = 'An error occurred on the server side.'): ServiceError =>
  new ServiceError('InternalServiceError', message, 500);
