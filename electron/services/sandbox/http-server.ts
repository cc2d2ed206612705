import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { assertNever } from '../../../shared/assert';
import { callerScope, parseJsonBody, sendJson, sendJsonError, targetPrefix } from './aws-json-protocol';
import type { CallerScope } from './aws-json-protocol';
import { redact } from '../redact';
import { answerClientErrors, refuseRequest, requestPath, type LoopbackRequestRule } from '../loopback-http';
import { controlPrefix, handleControlRequest } from './control-routes';
import { appliesBeforeFailing } from './faults';
import type { FaultController, FaultDecision } from './faults';
import { findOperation } from './operation-table';
import type { OperationHandler } from './operation-context';
import type { SandboxService } from './sandbox-service';
import type { WireObject } from './secret-views';
import { internalError, ServiceError, unknownOperation } from './service-error';
import { sendCallerIdentity, sendStsError, stsAction } from './sts-query-protocol';

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
function runOperation(service: SandboxService, handler: OperationHandler, operationName: string, body: string, caller: CallerScope): WireObject | ServiceError {
  try {
    return service.run(handler, parseJsonBody(body), caller.region);
  } catch (error) {
    if (error instanceof ServiceError) return error;
    console.error(redact(`Sandbox: ${operationName} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`));
    return internalError();
  }
}

async function handleSecretsManager(service: SandboxService, faults: FaultController, target: string, body: string, caller: CallerScope, response: ServerResponse): Promise<void> {
  const operationName = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  const handler = findOperation(operationName);
  if (handler === undefined) {
    sendJsonError(response, unknownOperation(target));
    return;
  }
  const decision = await applyFaults(faults, operationName);
  if (decision.kind === 'none') {
    const outcome = runOperation(service, handler, operationName, body, caller);
    if (outcome instanceof ServiceError) sendJsonError(response, outcome);
    else sendJson(response, 200, outcome);
    return;
  }
  // "Applied, then failed": the operation's effect stays, its answer is replaced by the fault.
  if (appliesBeforeFailing(decision)) runOperation(service, handler, operationName, body, caller);
  answerFault(decision, 'ThrottlingException', response, (error) => sendJsonError(response, error));
}

async function handleSts(service: SandboxService, faults: FaultController, body: string, caller: CallerScope, requestId: string, response: ServerResponse): Promise<void> {
  const action = stsAction(body);
  if (action !== 'GetCallerIdentity') {
    sendStsError(response, 400, 'InvalidAction', `The action ${action === '' ? '(none)' : action} is not valid for this endpoint.`, requestId);
    return;
  }
  // STS's query protocol names its throttling error `Throttling`.
  const decision = await applyFaults(faults, action);
  if (decision.kind !== 'none') {
    answerFault(decision, 'Throttling', response, (error) => sendStsError(response, error.status, error.code, error.message, requestId));
    return;
  }
  sendCallerIdentity(response, service.accountId, caller, requestId);
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
    handleControlRequest(faults, method, path, header(request, 'content-type') ?? '', body, response);
    return;
  }
  const caller = callerScope(header(request, 'authorization'));
  const target = header(request, 'x-amz-target');
  const contentType = header(request, 'content-type') ?? '';
  if (method === 'POST' && path === '/' && target !== undefined) {
    await handleSecretsManager(service, faults, target, body, caller, response);
  } else if (method === 'POST' && path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) {
    await handleSts(service, faults, body, caller, requestId, response);
  } else {
    sendJsonError(response, new ServiceError('UnknownOperationException', `The sandbox speaks the AWS JSON protocol (POST / with X-Amz-Target); ${method} ${path} is not an operation.`, 404));
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
