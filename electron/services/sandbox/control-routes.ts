import type { ServerResponse } from 'node:http';
import { sendJson } from './aws-json-protocol';
import { FaultInputError } from './faults';
import type { FaultController } from './faults';

export const controlPrefix = '/_sandbox/';

function sendControlError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { error: message }, 'application/json');
}

/**
 * The sandbox's own test controls (never AWS): `GET|POST /_sandbox/faults`, `GET /_sandbox/stats`,
 * `POST /_sandbox/stats/reset`. They answer plain JSON and are not subject to injected faults.
 *
 * `POST /_sandbox/faults` merges `{ reset?, latencyMs?, throttleRate?, throttleNext?, failNext? }`;
 * `failNext` is one rule or a list of `{ operation, count, code?, status?, afterApply?, dropConnection? }`:
 * the next `count` calls of `operation` (or `*`) fail with `code` (default InternalServiceError,
 * HTTP 500), or with `dropConnection: true` get no answer (the socket is closed). With
 * `afterApply: true` the operation runs first and its effect stays ("the write landed, the answer
 * was lost"), which is how retries with the same ClientRequestToken are tested.
 */
export function handleControlRequest(faults: FaultController, method: string, path: string, contentType: string, body: string, response: ServerResponse): void {
  // Web pages are refused before this (the loopback rule in http-server.ts); requiring JSON as well
  // means a form post (which cannot set this type without a CORS preflight) fails on its own too.
  if (method === 'POST' && body.trim() !== '' && !contentType.startsWith('application/json')) {
    sendControlError(response, 415, 'Send sandbox controls as application/json.');
    return;
  }
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_sandbox/faults':
      sendJson(response, 200, faults.settings(), 'application/json');
      return;
    case 'POST /_sandbox/faults': {
      let parsed: unknown;
      try {
        parsed = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        sendControlError(response, 400, 'The faults request must be a JSON object.');
        return;
      }
      try {
        sendJson(response, 200, faults.update(parsed), 'application/json');
      } catch (error) {
        if (!(error instanceof FaultInputError)) throw error;
        sendControlError(response, 400, error.message);
      }
      return;
    }
    case 'GET /_sandbox/stats':
      sendJson(response, 200, faults.stats(), 'application/json');
      return;
    case 'POST /_sandbox/stats/reset':
      faults.resetStats();
      sendJson(response, 200, faults.stats(), 'application/json');
      return;
    default: {
      const known = ['/_sandbox/faults', '/_sandbox/stats', '/_sandbox/stats/reset'].includes(path);
      sendControlError(response, known ? 405 : 404, known ? `${method} is not supported on ${path}.` : `No sandbox control at ${path}.`);
    }
  }
}
