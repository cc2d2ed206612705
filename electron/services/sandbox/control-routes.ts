import type { ServerResponse } from 'node:http';
import { sendJson } from './aws-json-protocol';
import { exampleDataSets, loadExampleDataSet } from './example-data';
import { FaultInputError } from './faults';
import type { FaultController } from './faults';
import { sandboxAccessKeys } from './sandbox-principals';
import { sandboxEnvironments } from './sandbox-environments';
import { seedIam, seedKms, SeedInputError } from './sandbox-seeding';
import type { SandboxService } from './sandbox-service';
import { seedSecrets } from './secret-seeding';

export const controlPrefix = '/_sandbox/';

function sendControlError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { error: message }, 'application/json');
}

const routes = ['/_sandbox/faults', '/_sandbox/stats', '/_sandbox/stats/reset', '/_sandbox/iam', '/_sandbox/kms', '/_sandbox/example-data', '/_sandbox/secrets', '/_sandbox/accounts'];

export interface ControlTargets {
  readonly faults: FaultController;
  readonly service: SandboxService;
}

class ControlInputError extends Error {}

function parseBody(body: string): unknown {
  try {
    return body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new ControlInputError('The request must be a JSON object.');
  }
}

/** Loads one account's example data (`{ "accountId": ... }`) or every account's (`{}`). */
function loadExamples(service: SandboxService, input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ControlInputError('The request must be a JSON object.');
  const accountId = 'accountId' in input ? input.accountId : undefined;
  const sets = exampleDataSets(service.accountId, service.defaultRegion).filter((set) => accountId === undefined || set.accountId === accountId);
  if (sets.length === 0) throw new ControlInputError(`The sandbox has no example data for account ${String(accountId)}.`);
  return { accounts: sets.map((set) => ({ accountId: set.accountId, region: set.region, ...loadExampleDataSet(service, set) })) };
}

function accounts(service: SandboxService): unknown {
  return {
    defaultAccountId: service.accountId,
    defaultRegion: service.defaultRegion,
    environments: sandboxEnvironments,
    limitedKey: { accessKeyId: sandboxAccessKeys.limited.accessKeyId, accountId: service.accountId },
  };
}

/**
 * The sandbox's own test controls (never AWS). They answer plain JSON and are not subject to
 * injected faults:
 * - `GET|POST /_sandbox/faults`, `GET /_sandbox/stats`, `POST /_sandbox/stats/reset`;
 * - `POST /_sandbox/iam` and `POST /_sandbox/kms` create or replace IAM policies, roles and users
 *   and KMS keys with their policies (see sandbox-seeding.ts for the shapes);
 * - `POST /_sandbox/example-data` loads the example data of one account or all;
 * - `POST /_sandbox/secrets` creates many secrets at once (`{ accountId?, region?, secrets: [{ name,
 *   value, description? }] }`, see secret-seeding.ts), persisted with one fsync: test and bench data;
 * - `GET /_sandbox/accounts` lists the built-in environments and their keys.
 *
 * `POST /_sandbox/faults` merges `{ reset?, latencyMs?, throttleRate?, throttleNext?, failNext? }`;
 * `failNext` is one rule or a list of `{ operation, count, code?, status?, afterApply?, dropConnection? }`:
 * the next `count` calls of `operation` (or `*`) fail with `code` (default InternalServiceError,
 * HTTP 500), or with `dropConnection: true` get no answer (the socket is closed). With
 * `afterApply: true` the operation runs first and its effect stays ("the write landed, the answer
 * was lost"), which is how retries with the same ClientRequestToken are tested.
 */
export function handleControlRequest(targets: ControlTargets, method: string, path: string, contentType: string, body: string, response: ServerResponse): void {
  // Web pages are refused before this (the loopback rule in http-server.ts); requiring JSON as well
  // means a form post (which cannot set this type without a CORS preflight) fails on its own too.
  if (method === 'POST' && body.trim() !== '' && !contentType.startsWith('application/json')) {
    sendControlError(response, 415, 'Send sandbox controls as application/json.');
    return;
  }
  const { faults, service } = targets;
  const ok = (value: unknown): void => {
    sendJson(response, 200, value, 'application/json');
  };
  try {
    switch (`${method} ${path}`) {
      case 'GET /_sandbox/faults':
        ok(faults.settings());
        return;
      case 'POST /_sandbox/faults':
        ok(faults.update(parseBody(body)));
        return;
      case 'GET /_sandbox/stats':
        ok(faults.stats());
        return;
      case 'POST /_sandbox/stats/reset':
        faults.resetStats();
        ok(faults.stats());
        return;
      case 'POST /_sandbox/iam':
        ok(seedIam(service, parseBody(body)));
        return;
      case 'POST /_sandbox/kms':
        ok(seedKms(service, parseBody(body)));
        return;
      case 'POST /_sandbox/example-data':
        ok(loadExamples(service, parseBody(body)));
        return;
      case 'POST /_sandbox/secrets':
        ok(seedSecrets(service, parseBody(body)));
        return;
      case 'GET /_sandbox/accounts':
        ok(accounts(service));
        return;
      default: {
        const known = routes.includes(path);
        sendControlError(response, known ? 405 : 404, known ? `${method} is not supported on ${path}.` : `No sandbox control at ${path}.`);
      }
    }
  } catch (error) {
    if (error instanceof FaultInputError || error instanceof SeedInputError || error instanceof ControlInputError) {
      sendControlError(response, 400, error.message);
      return;
    }
    throw error;
  }
}
