import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { assertNever } from '../../../shared/assert';
import { answerClientErrors, refuseRequest, requestPath, type LoopbackRequestRule } from '../loopback-http';
import { redact } from '../redact';
import { callerScope, parseJsonBody, sendJson, sendJsonError, targetPrefix } from './aws-json-protocol';
import type { CallerScope } from './aws-json-protocol';
import type { Caller } from './caller';
import { cloudTrailTargets } from './cloudtrail/lookup-events';
import { controlPrefix, handleControlRequest } from './control-routes';
import { appliesBeforeFailing } from './faults';
import type { FaultController, FaultDecision } from './faults';
import { findIamOperation, iamNamespace, iamVersion } from './iam/iam-operations';
import { findKmsOperation, kmsTargetPrefix } from './kms/kms-operations';
import { findOperation } from './operation-table';
import { QueryInput, sendQueryError, sendQueryResult } from './query-protocol';
import type { XmlObject } from './query-protocol';
import type { SandboxService } from './sandbox-service';
import type { WireObject } from './secret-views';
import { internalError, ServiceError, unknownOperation } from './service-error';
import { sendStsError, stsNamespace } from './sts-query-protocol';

// Far above any valid request (a 64 KiB secret is ~88 KiB as base64 JSON), far below harm.
const maxBodyBytes = 1024 * 1024;

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const loopbackHostnames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * SDKs and the AWS CLI send the endpoint's own host (or, over HTTP/1.0, none); a web page that
 * had its own name rebound to 127.0.0.1 sends its own. The port is not checked: the sandbox can
 * sit behind a port mapping.
 */
function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return loopbackHostnames.has(hostname.toLowerCase());
}

/**
 * The sandbox has no token (the AWS SDK must reach it as it reaches AWS), so the shared loopback
 * rule is its whole defence against web pages: the AWS SDK in Node and the AWS CLI send no Origin
 * and no Sec-Fetch-Site, a page in a browser always does. No navigation is allowed either.
 */
const sandboxRequestRule: LoopbackRequestRule = { isAllowedHost: isLoopbackHost };

/** Latency first, then the scripted failure or throttle (if any) for this call. */
async function applyFaults(faults: FaultController, operation: string): Promise<FaultDecision> {
  faults.recordRequest(operation);
  const latency = faults.latencyFor();
  if (latency > 0) await delay(latency);
  return faults.decide(operation);
}

/**
 * Answers an injected fault in place of the operation's answer. A dropped connection gets no
 * answer at all: the socket is destroyed, as a network failure would leave it.
 */
function answerFault(decision: Exclude<FaultDecision, { kind: 'none' }>, throttleCode: string, response: ServerResponse, sendError: (error: ServiceError) => void): void {
  switch (decision.kind) {
    case 'throttle':
      sendError(new ServiceError(throttleCode, 'Rate exceeded'));
      return;
    case 'fail':
      sendError(new ServiceError(decision.code, `Injected failure (${decision.code}) from the sandbox.`, decision.status));
      return;
    case 'drop-connection':
      response.destroy();
      return;
    default:
      assertNever(decision);
  }
}

/** Runs one operation: its output, or the AWS error it answers. */
function capture<T>(operationName: string, run: () => T): T | ServiceError {
  try {
    return run();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    console.error(redact(`Sandbox: ${operationName} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`));
    return internalError();
  }
}

/** How one protocol answers: success, error, and its name for throttling. */
interface ProtocolAnswers<T> {
  readonly throttleCode: string;
  readonly sendResult: (output: T) => void;
  readonly sendError: (error: ServiceError) => void;
}

/**
 * Faults first (latency, scripted failures, throttling), then the operation. With "applied, then
 * failed" the operation's effect stays and its answer is replaced by the fault.
 */
async function serve<T>(faults: FaultController, operationName: string, run: () => T, answers: ProtocolAnswers<T>, response: ServerResponse): Promise<void> {
  const decision = await applyFaults(faults, operationName);
  if (decision.kind === 'none') {
    const outcome = capture(operationName, run);
    if (outcome instanceof ServiceError) answers.sendError(outcome);
    else answers.sendResult(outcome);
    return;
  }
  if (appliesBeforeFailing(decision)) capture(operationName, run);
  answerFault(decision, answers.throttleCode, response, answers.sendError);
}

function jsonAnswers(response: ServerResponse): ProtocolAnswers<WireObject> {
  return {
    throttleCode: 'ThrottlingException',
    sendResult: (output) => {
      sendJson(response, 200, output);
    },
    sendError: (error) => {
      sendJsonError(response, error);
    },
  };
}

function queryAnswers(response: ServerResponse, namespace: string, action: string, requestId: string): ProtocolAnswers<XmlObject> {
  return {
    // The Query protocol names its throttling error `Throttling` and its validation error `ValidationError`.
    throttleCode: 'Throttling',
    sendResult: (output) => {
      sendQueryResult(response, namespace, action, output, requestId);
    },
    sendError: (error) => {
      sendQueryError(response, namespace, { status: error.status, code: error.code === 'ValidationException' ? 'ValidationError' : error.code, message: error.message }, requestId);
    },
  };
}

/** The JSON 1.1 services, told apart by the X-Amz-Target prefix. */
async function handleJsonTarget(service: SandboxService, faults: FaultController, target: string, body: string, caller: Caller, response: ServerResponse): Promise<void> {
  const answers = jsonAnswers(response);
  if (target.startsWith(targetPrefix)) {
    const operationName = target.slice(targetPrefix.length);
    const handler = findOperation(operationName);
    if (handler !== undefined) {
      await serve(faults, operationName, () => service.runSecretsManager(operationName, handler, parseJsonBody(body), caller), answers, response);
      return;
    }
  } else if (target.startsWith(kmsTargetPrefix)) {
    const operationName = target.slice(kmsTargetPrefix.length);
    const handler = findKmsOperation(operationName);
    if (handler !== undefined) {
      await serve(faults, operationName, () => service.runKms(operationName, handler, parseJsonBody(body), caller), answers, response);
      return;
    }
  } else if (cloudTrailTargets.has(target)) {
    await serve(faults, 'LookupEvents', () => service.runCloudTrail(parseJsonBody(body), caller), answers, response);
    return;
  }
  sendJsonError(response, unknownOperation(target));
}

/** STS and IAM share the Query protocol; the signing name (or the API version) says which is meant. */
async function handleQuery(service: SandboxService, faults: FaultController, body: string, scope: CallerScope, caller: Caller, response: ServerResponse): Promise<void> {
  const input = QueryInput.parse(body);
  const action = input.action;
  const isIam = scope.service === 'iam' || (scope.service === undefined && input.version === iamVersion);
  if (isIam) {
    const handler = findIamOperation(action);
    if (handler === undefined) {
      sendQueryError(response, iamNamespace, { status: 400, code: 'InvalidAction', message: `The action ${action === '' ? '(none)' : action} is not valid for this endpoint.` }, caller.requestId);
      return;
    }
    await serve(faults, action, () => service.runIam(action, handler, input, caller), queryAnswers(response, iamNamespace, action, caller.requestId), response);
    return;
  }
  if (action !== 'GetCallerIdentity') {
    sendStsError(response, 400, 'InvalidAction', `The action ${action === '' ? '(none)' : action} is not valid for this endpoint.`, caller.requestId);
    return;
  }
  // GetCallerIdentity needs no permission and changes nothing.
  await serve(faults, action, () => ({ Arn: caller.principal.arn, UserId: caller.principal.principalId, Account: caller.principal.accountId }), queryAnswers(response, stsNamespace, action, caller.requestId), response);
}

async function handleRequest(service: SandboxService, faults: FaultController, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  response.setHeader('x-amzn-RequestId', requestId);
  const path = requestPath(request.url);
  if (path === null) {
    response.setHeader('Connection', 'close');
    sendJsonError(response, new ServiceError('ValidationException', 'The request target is not a path the sandbox can read.', 400));
    return;
  }
  const refusal = refuseRequest(request, path, sandboxRequestRule);
  if (refusal !== null) {
    const code = refusal.status === 403 ? 'AccessDeniedException' : 'ValidationException';
    sendJsonError(response, new ServiceError(code, `The sandbox refused this request. ${refusal.message}`, refusal.status));
    return;
  }
  let body: string;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    response.setHeader('Connection', 'close');
    sendJsonError(response, new ServiceError('ValidationException', 'The request body is too large.', 413));
    return;
  }
  const method = request.method ?? 'GET';
  if (path.startsWith(controlPrefix)) {
    handleControlRequest({ faults, service }, method, path, header(request, 'content-type') ?? '', body, response);
    return;
  }
  const scope = callerScope(header(request, 'authorization'));
  const caller: Caller = {
    principal: service.principals.resolve(scope.accessKeyId),
    region: scope.region ?? service.defaultRegion,
    userAgent: header(request, 'user-agent') ?? '',
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    requestId,
  };
  const target = header(request, 'x-amz-target');
  const contentType = header(request, 'content-type') ?? '';
  if (method === 'POST' && path === '/' && target !== undefined) {
    await handleJsonTarget(service, faults, target, body, caller, response);
  } else if (method === 'POST' && path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) {
    await handleQuery(service, faults, body, scope, caller, response);
  } else {
    sendJsonError(response, new ServiceError('UnknownOperationException', `The sandbox speaks the AWS JSON and Query protocols (POST /); ${method} ${path} is not an operation.`, 404));
  }
}

export function createSandboxServer(service: SandboxService, faults: FaultController): Server {
  const server = createServer((request, response) => {
    // handleRequest is async: whatever goes wrong inside it arrives here, never as an uncaught throw.
    handleRequest(service, faults, request, response).catch((error: unknown) => {
      console.error(redact(`Sandbox: request failed: ${error instanceof Error ? error.message : String(error)}`));
      if (!response.headersSent) sendJsonError(response, internalError());
      else response.destroy();
    });
  });
  // Malformed HTTP is answered 400 and closed by the shared rule; nothing to log for a test tool.
  answerClientErrors(server, () => undefined);
  return server;
}
