import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { callerScope, parseJsonBody, sendJson, sendJsonError, targetPrefix } from './aws-json-protocol';
import type { CallerScope } from './aws-json-protocol';
import { controlPrefix, handleControlRequest } from './control-routes';
import type { FaultController, FaultDecision } from './faults';
import { findOperation } from './operation-table';
import type { SandboxService } from './sandbox-service';
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
 * A web page can make the browser send requests to 127.0.0.1 (or to its own name rebound to
 * 127.0.0.1); such requests carry a foreign Host header and are refused. SDKs and the AWS CLI
 * send the endpoint's own host.
 */
function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return loopbackHostnames.has(hostname.toLowerCase());
}

/** Latency first, then the scripted failure or throttle (if any) for this call. */
async function applyFaults(faults: FaultController, operation: string): Promise<FaultDecision> {
  faults.recordRequest(operation);
  const latency = faults.latencyFor();
  if (latency > 0) await delay(latency);
  return faults.decide(operation);
}

function faultError(decision: FaultDecision, throttleCode: string): ServiceError | undefined {
  switch (decision.kind) {
    case 'none':
      return undefined;
    case 'throttle':
      return new ServiceError(throttleCode, 'Rate exceeded');
    case 'fail':
      return new ServiceError(decision.code, `Injected failure (${decision.code}) from the sandbox.`, decision.status);
  }
}

async function handleSecretsManager(service: SandboxService, faults: FaultController, target: string, body: string, caller: CallerScope, response: ServerResponse): Promise<void> {
  const operationName = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  const handler = findOperation(operationName);
  if (handler === undefined) {
    sendJsonError(response, unknownOperation(target));
    return;
  }
  const injected = faultError(await applyFaults(faults, operationName), 'ThrottlingException');
  if (injected !== undefined) {
    sendJsonError(response, injected);
    return;
  }
  try {
    sendJson(response, 200, service.run(handler, parseJsonBody(body), caller.region));
  } catch (error) {
    if (error instanceof ServiceError) {
      sendJsonError(response, error);
      return;
    }
    console.error(`Sandbox: ${operationName} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    sendJsonError(response, internalError());
  }
}

async function handleSts(service: SandboxService, faults: FaultController, body: string, caller: CallerScope, requestId: string, response: ServerResponse): Promise<void> {
  const action = stsAction(body);
  if (action !== 'GetCallerIdentity') {
    sendStsError(response, 400, 'InvalidAction', `The action ${action === '' ? '(none)' : action} is not valid for this endpoint.`, requestId);
    return;
  }
  // STS's query protocol names its throttling error `Throttling`.
  const injected = faultError(await applyFaults(faults, action), 'Throttling');
  if (injected !== undefined) {
    sendStsError(response, injected.status, injected.code, injected.message, requestId);
    return;
  }
  sendCallerIdentity(response, service.accountId, caller, requestId);
}

async function handleRequest(service: SandboxService, faults: FaultController, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  response.setHeader('x-amzn-RequestId', requestId);
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
  const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
  if (!isLoopbackHost(header(request, 'host'))) {
    sendJsonError(response, new ServiceError('AccessDeniedException', 'The sandbox only answers requests addressed to 127.0.0.1 or localhost.', 403));
    return;
  }
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
  return createServer((request, response) => {
    handleRequest(service, faults, request, response).catch((error: unknown) => {
      console.error(`Sandbox: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendJsonError(response, internalError());
      else response.destroy();
    });
  });
}
