/**
 * Turns whatever the AWS SDK, its credential providers or the network threw into an `AppError`
 * whose message says what to do. Shared by the credential service and the secrets service.
 *
 * Messages are built from safe parts only (profile name, region, endpoint without userinfo, the
 * action/resource of an access denial, AWS error codes); provider messages are matched but never
 * echoed, because a `credential_process` failure can carry the process's output. The original error
 * is not attached as `cause` for the same reason. The one part AWS writes (its reason for rejecting
 * a request) and everything else in the message and details then pass the redaction rule, with the
 * values the call carried, in case AWS or an emulator quotes them.
 */
import { AppError, type AccessDeniedFacts, type AwsErrorFacts, type ErrorCode } from '../../../shared/errors';
import type { ProfileKind } from './profile-types';
import { displayEndpoint } from './endpoint-resolution';
import { knownRegions, optInRegions, regionPattern } from './aws-regions';
import { createRedactor, redactValue, type Redactor } from '../redact';

export interface AwsErrorContext {
  readonly profile?: string;
  readonly profileKind?: ProfileKind;
  readonly region?: string | null;
  /** The custom endpoint the call went to, if any (null or absent: the AWS default). */
  readonly endpoint?: string | null;
  /** The secret the call was about, for NOT_FOUND and similar messages. */
  readonly secretId?: string;
  /** Values the call carried (a secret value being written): masked, in any encoding, if the error quotes them. */
  readonly secrets?: readonly (string | undefined)[];
}

interface ErrorFacts {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly throttling: boolean;
  readonly hostname: string | undefined;
  readonly networkCode: string | undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

const networkCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED',
  'EPROTO', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT',
]);
const tlsCodes = new Set([
  'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Node network errors may be nested (`cause`, AggregateError `errors`); find the first with a known code. */
function findNetworkError(error: unknown, depth = 0): { code: string; hostname: string | undefined } | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const code = stringField(error, 'code');
  if (code !== undefined && (networkCodes.has(code) || tlsCodes.has(code))) return { code, hostname: stringField(error, 'hostname') };
  const nested = field(error, 'errors');
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = findNetworkError(inner, depth + 1);
      if (found) return found;
    }
  }
  return findNetworkError(field(error, 'cause'), depth + 1);
}

function factsOf(error: unknown): ErrorFacts {
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  // Providers re-wrap network failures as plain messages ("getaddrinfo ENOTFOUND host"), losing `code`.
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const fromMessage = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b(?:\s+([A-Za-z0-9.-]+\.[A-Za-z]{2,}))?/.exec(message);
  const network = findNetworkError(error)
    ?? (fromMessage?.[1] === undefined ? undefined : { code: fromMessage[1], hostname: fromMessage[2] });
  return {
    name: stringField(error, 'name') ?? '',
    code: stringField(error, 'Code') ?? stringField(error, 'code') ?? stringField(error, '__type') ?? '',
    message,
    httpStatus: typeof status === 'number' ? status : undefined,
    requestId: stringField(metadata, 'requestId'),
    throttling: field(field(error, '$retryable'), 'throttling') === true,
    hostname: network?.hostname,
    networkCode: network?.code,
  };
}

function has(facts: ErrorFacts, ...names: string[]): boolean {
  return names.some((name) => facts.name === name || facts.code === name);
}

const forProfile = (context: AwsErrorContext): string => (context.profile === undefined ? '' : ` for profile "${context.profile}"`);

/** Parses "... is not authorized to perform: <action> on resource: <resource> because ..." out of an AWS message. */
export function parseAccessDenied(message: string): { action?: string; resource?: string; principal?: string } {
  const action = /not authorized to perform:?\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
  const resource = /on resource:?\s*(\S+?)(?=\s+because|\s+with an explicit deny|\s*$|\.\s)/.exec(message)?.[1];
  const principal = /User:?\s*(arn:\S+?)\s+is not authorized/.exec(message)?.[1];
  return {
    ...(action === undefined ? {} : { action }),
    ...(resource === undefined ? {} : { resource }),
    ...(principal === undefined ? {} : { principal }),
  };
}

function baseDetails(facts: ErrorFacts): AwsErrorFacts {
  const awsCode = facts.code || facts.name;
  return {
    ...(awsCode !== '' && awsCode !== 'Error' ? { awsCode } : {}),
    ...(facts.httpStatus === undefined ? {} : { httpStatus: facts.httpStatus }),
    ...(facts.requestId === undefined ? {} : { requestId: facts.requestId }),
  };
}

/** What the rules below add to AWS's own facts (each code's details type in shared/errors.ts says which it may carry). */
type ErrorExtras = AccessDeniedFacts & { readonly region?: string; readonly endpoint?: string; readonly reason?: string; readonly field?: string };

function make(code: ErrorCode, message: string, facts: ErrorFacts, extra: ErrorExtras = {}, retryable?: boolean): AppError {
  return new AppError(code, message, { details: { ...baseDetails(facts), ...extra }, ...(retryable === undefined ? {} : { retryable }) });
}

function networkError(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const timedOut = facts.name === 'TimeoutError' || facts.name === 'RequestTimeout' || facts.networkCode === 'ETIMEDOUT';
  if (facts.networkCode === undefined && !timedOut) return undefined;
  const custom = context.endpoint ?? null;
  const target = custom === null ? (facts.hostname ?? 'AWS') : displayEndpoint(custom);

  if (custom === null && (facts.networkCode === 'ENOTFOUND') && facts.hostname !== undefined) {
    const region = /\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(facts.hostname)?.[1] ?? context.region ?? undefined;
    if (region !== undefined && !knownRegions.has(region)) {
      return make('UNKNOWN_REGION', `AWS has no region "${region}"${forProfile(context)}. Check the region setting of the profile, or choose another region in Airlock.`, facts, { region }, false);
    }
  }
  if (facts.networkCode !== undefined && tlsCodes.has(facts.networkCode)) {
    return make('ENDPOINT_UNREACHABLE', `The TLS certificate of ${target} was not trusted. If a corporate proxy inspects traffic, start Airlock with NODE_EXTRA_CA_CERTS pointing at its certificate.`, facts, { endpoint: target }, false);
  }
  const hint = custom === null
    ? 'Check your network connection, VPN or proxy, then try again.'
    : 'Check that the endpoint is running and the address in the profile is right, then try again.';
  const what = timedOut ? 'did not answer in time' : 'could not be reached';
  return make('ENDPOINT_UNREACHABLE', `${target} ${what}. ${hint}`, facts, { endpoint: target });
}

function providerError(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const isProvider = ['CredentialsProviderError', 'TokenProviderError', 'ProviderError'].includes(facts.name);
  const message = facts.message;
  const isProcess = message.includes('credential_process') || message.startsWith("Command failed") || (isProvider && context.profileKind === 'credential-process');
  if (isProcess) {
    let reason = 'it failed';
    if (message.includes('invalid JSON')) reason = 'it did not print valid JSON';
    else if (message.includes('did not return Version 1')) reason = 'its output is not "Version": 1';
    else if (message.includes('expired credentials')) reason = 'it printed credentials that have already expired';
    else if (message.includes('invalid credentials')) reason = 'its output has no AccessKeyId or SecretAccessKey';
    else if (message.startsWith("Command failed")) reason = 'the command exited with an error';
    return make('CREDENTIAL_PROCESS_FAILED', `The credential_process${forProfile(context)} could not provide credentials: ${reason}. Run the command in a terminal to see its message.`, facts, { reason }, false);
  }
  if (!isProvider && !message.includes('UnauthorizedException')) return undefined;

  if (/Sso session '[^']*' could not be found|is missing required property|Conflicting SSO|invalid SSO credentials|not configured with SSO|Incomplete configuration/i.test(message)) {
    return make('CREDENTIALS_MISSING', `The SSO settings${forProfile(context)} are incomplete. Check the profile and its [sso-session] section in ~/.aws/config.`, facts, { reason: 'sso-config' });
  }
  if (/UnauthorizedException|SSO session|SSO Token|Token is expired|aws sso login/i.test(message)) {
    return make('SSO_LOGIN_REQUIRED', `The AWS SSO session${forProfile(context)} has expired or was never started. Log in with SSO from Airlock (or run "aws sso login") and try again.`, facts);
  }
  if (message.includes('ForbiddenException')) {
    return make('ACCESS_DENIED', `AWS SSO does not let you use this account and role${forProfile(context)}. Check sso_account_id and sso_role_name, or ask for access.`, facts);
  }
  if (message.includes('Detected a cycle')) {
    return make('CREDENTIALS_MISSING', `The source_profile settings${forProfile(context)} form a loop. Fix the profile chain in ~/.aws/config.`, facts, { reason: 'source-profile-cycle' });
  }
  if (/multi-factor authentication/i.test(message)) {
    return make('CREDENTIALS_MISSING', `Profile "${context.profile ?? ''}" needs an MFA code, but no way to ask for one is available.`, facts, { reason: 'mfa-unavailable' });
  }
  return make('CREDENTIALS_MISSING', `No usable AWS credentials were found${forProfile(context)}. Check the profile in ~/.aws/config and ~/.aws/credentials, or add access keys in Airlock.`, facts);
}

function serviceError(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const message = facts.message;
  const profileText = forProfile(context);
  const region = context.region ?? null;

  if (has(facts, 'ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired')) {
    return make('CREDENTIALS_EXPIRED', `The AWS credentials${profileText} have expired. Refresh them (log in again or renew the session token) and try again.`, facts);
  }
  if (has(facts, 'RequestExpired', 'RequestTimeTooSkewed') || /Signature expired|time-skew|clock skew/i.test(message)) {
    return make('INTERNAL', "AWS rejected the request's time. Check that this computer's clock and time zone are right, then try again.", facts, { reason: 'clock-skew' }, false);
  }
  if (has(facts, 'UnrecognizedClientException', 'InvalidClientTokenId')) {
    const optIn = region !== null && optInRegions.has(region)
      ? ` ${region} is an opt-in region: also check that it is enabled for the account.`
      : '';
    return make('CREDENTIALS_MISSING', `AWS did not recognise the credentials${profileText}. Check that the access key is still active.${optIn}`, facts, { reason: 'unrecognized-credentials' });
  }
  if (has(facts, 'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidSignatureException')) {
    return make('CREDENTIALS_MISSING', `AWS rejected the signature${profileText}: the secret access key does not match the access key id. Re-enter the keys.`, facts, { reason: 'signature-mismatch' });
  }
  if (has(facts, 'RegionDisabledException', 'InvalidRegion', 'OptInRequired')) {
    return make('UNKNOWN_REGION', `Region ${region ?? ''} is not enabled for this account${profileText}. Enable it in the AWS console or choose another region.`, facts, region === null ? {} : { region }, false);
  }

  const isKms = facts.name.startsWith('KMS') || facts.code.startsWith('KMS') || has(facts, 'DecryptionFailure', 'EncryptionFailure') || /\bKMS\b|kms:/i.test(message);
  if (has(facts, 'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'ForbiddenException') || (isKms && /not authorized|access denied|not allowed/i.test(message))) {
    const parsed = parseAccessDenied(message);
    if (/MultiFactorAuthentication/i.test(message)) {
      return make('ACCESS_DENIED', 'The MFA code was not accepted. Enter the current code from your device and try again.', facts, { reason: 'mfa-code-rejected' });
    }
    if (isKms) {
      return make('KMS_ERROR', `The KMS key of this secret cannot be used${profileText}${parsed.action === undefined ? '' : ` (${parsed.action} was denied)`}. Ask for kms:Decrypt / kms:GenerateDataKey on the key, or use a secret with a key you can use.`, facts, parsed);
    }
    const what = parsed.action === undefined ? 'this action' : parsed.action;
    const on = parsed.resource === undefined ? '' : ` on ${parsed.resource}`;
    return make('ACCESS_DENIED', `AWS denied ${what}${on}${profileText}. Ask your AWS administrator for this permission, or use a profile that has it.`, facts, parsed);
  }
  if (isKms) {
    return make('KMS_ERROR', `KMS could not encrypt or decrypt the secret${profileText}. Check that its KMS key exists, is enabled and that you may use it.`, facts);
  }
  // Checked before throttling: the SDK's retry logic counts LimitExceededException as throttling.
  if (has(facts, 'LimitExceededException') && /size|length|too large|65536|64 ?KB/i.test(message)) {
    return make('TOO_LARGE', 'The secret value is too large for Secrets Manager (at most 64 KB). Make it smaller.', facts);
  }
  if ((facts.throttling && !has(facts, 'LimitExceededException')) || has(facts, 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ProvisionedThroughputExceededException')) {
    return make('THROTTLED', 'AWS is limiting the request rate. Wait a few seconds and try again.', facts);
  }
  if (has(facts, 'ResourceNotFoundException')) {
    const subject = context.secretId === undefined ? 'The secret' : `Secret "${context.secretId}"`;
    return make('NOT_FOUND', `${subject} was not found${region === null ? '' : ` in ${region}`}. It may have been deleted, or be in another region or account.`, facts);
  }
  if (has(facts, 'ResourceExistsException')) {
    const subject = context.secretId === undefined ? 'A secret with this name' : `Secret "${context.secretId}"`;
    return make('ALREADY_EXISTS', `${subject} already exists. Open it to edit it, or choose another name.`, facts);
  }
  if (has(facts, 'InvalidRequestException') && /(marked|scheduled) for deletion/i.test(message)) {
    const subject = context.secretId === undefined ? 'This secret' : `Secret "${context.secretId}"`;
    return make('SCHEDULED_FOR_DELETION', `${subject} is scheduled for deletion. Restore it first to read or change it.`, facts);
  }
  // Secrets Manager's request validation names the member; a value over the limit is TOO_LARGE.
  if (has(facts, 'ValidationException', 'InvalidParameterException') && /secret ?(string|binary)/i.test(message) && /length|size|too large|exceed/i.test(message)) {
    return make('TOO_LARGE', 'The secret value is larger than Secrets Manager allows (65,536 bytes). Make it smaller, e.g. move large extras out of the connection; nothing was written.', facts);
  }
  if (has(facts, 'InvalidParameterException', 'ValidationException') && /invalid name|\bname\b.*(pattern|characters|length)/i.test(message)) {
    return make('INVALID_INPUT', 'AWS rejected the secret name. Names are 1 to 512 characters: ASCII letters, digits and / _ + = . @ - only. Change the id or the prefix.', facts, { field: 'name' }, false);
  }
  if (has(facts, 'InvalidRequestException', 'InvalidParameterException', 'ValidationException', 'LimitExceededException', 'MalformedPolicyDocumentException', 'PreconditionNotMetException', 'InvalidNextTokenException')) {
    // AWS's own text for these names the offending parameter; `toAppError` redacts it with the rest.
    const aws = message.trim();
    return make('INVALID_INPUT', `AWS rejected the request${aws === '' ? '.' : `: ${aws}`}`, facts, {}, false);
  }
  if (has(facts, 'InternalServiceError', 'InternalFailure', 'InternalServerException', 'ServiceUnavailable', 'ServiceUnavailableException') || (facts.httpStatus !== undefined && facts.httpStatus >= 500)) {
    return make('INTERNAL', 'AWS had an internal error. Try again in a moment.', facts, {}, true);
  }
  if (facts.httpStatus === 403) {
    return make('ACCESS_DENIED', `AWS refused the request${profileText}. Ask your AWS administrator for access, or use another profile.`, facts);
  }
  if ((facts.httpStatus === 404 || facts.httpStatus === 405) && context.endpoint) {
    return make('ENDPOINT_UNREACHABLE', `${displayEndpoint(context.endpoint)} answered, but not like Secrets Manager. Check the endpoint address in the profile.`, facts, { endpoint: displayEndpoint(context.endpoint) }, false);
  }
  return undefined;
}

/** Maps any error thrown while talking to AWS to an AppError with a sentence that says what to do. */
export function toAppError(error: unknown, context: AwsErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  return redacted(classify(error, context), createRedactor(context.secrets));
}

function redacted(error: AppError, redactor: Redactor): AppError {
  // Redaction masks strings and keeps the shape, so the details still fit their code.
  const details = error.details === undefined ? undefined : (redactValue(error.details, redactor) as NonNullable<AppError['details']>);
  return new AppError(error.code, redactor(error.message), { retryable: error.retryable, ...(details === undefined ? {} : { details }) });
}

function classify(error: unknown, context: AwsErrorContext): AppError {
  const facts = factsOf(error);
  if (facts.name === 'AbortError' || facts.code === 'ABORT_ERR') {
    return make('CANCELLED', 'The request was cancelled.', facts);
  }
  if (/Invalid region in client config|Region is missing/.test(facts.message)) {
    const region = context.region ?? null;
    const shape = region !== null && !regionPattern.test(region) ? ` "${region}" is not a region name (like eu-west-1).` : '';
    return make('UNKNOWN_REGION', `No valid region is set${forProfile(context)}.${shape} Set one in the profile or choose one in Airlock.`, facts, {}, false);
  }
  return networkError(facts, context)
    ?? providerError(facts, context)
    ?? serviceError(facts, context)
    ?? make('INTERNAL', `Something unexpected went wrong while talking to AWS${forProfile(context)}. Try again; if it keeps happening, check the logs.`, facts);
}
