import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors';
import { loadExampleSecrets } from './example-data';
import { FaultController } from './faults';
import type { FaultSettings, SandboxStats } from './faults';
import { createSandboxServer } from './http-server';
import { loadState } from './persistence';
import { SandboxService } from './sandbox-service';
import { emptyState } from './secret-model';
import { SecretStore } from './secret-store';

export interface SandboxOptions {
  /** 0 or omitted: a random free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  readonly host?: string;
  /** Persist to this JSON file (created on the first write); in memory when omitted. */
  readonly dataFile?: string;
  /** Default '000000000000'. */
  readonly accountId?: string;
  /** Used in ARNs when a request carries no SigV4 credential scope. Default 'us-east-1'. */
  readonly defaultRegion?: string;
  /** The clock for every timestamp and for purging secrets after their recovery window. */
  readonly now?: () => Date;
}

/** One scripted failure as accepted by `POST /_sandbox/faults` (see faults.ts). */
export interface FailNextUpdate {
  readonly operation: string;
  readonly count: number;
  readonly code?: string;
  readonly status?: number;
  /** Apply the operation first, then fail: the write lands but its answer is lost. */
  readonly afterApply?: boolean;
  /** Close the connection without an answer (takes no code or status). */
  readonly dropConnection?: boolean;
}

/** Fault settings as accepted by `POST /_sandbox/faults`. */
export interface FaultUpdate {
  readonly reset?: boolean;
  readonly latencyMs?: number;
  readonly throttleRate?: number;
  readonly throttleNext?: number;
  readonly failNext?: FailNextUpdate | readonly FailNextUpdate[];
}

export interface SandboxHandle {
  /** `http://127.0.0.1:<port>`: the `endpoint` for SDK clients and `--endpoint-url` for the AWS CLI. */
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  readonly defaultRegion: string;
  close(): Promise<void>;
  /** Adds the example Airflow secrets that are missing; idempotent. */
  loadExampleData(): Promise<{ created: number; skipped: number }>;
  /** The same controls as the `/_sandbox/*` HTTP routes, for in-process callers. */
  setFaults(update: FaultUpdate): FaultSettings;
  stats(): SandboxStats;
  resetStats(): void;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

function urlHost(host: string): string {
  return host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
}

/** Starts the local Secrets Manager (and STS GetCallerIdentity) emulator. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) {
    throw new AppError('INVALID_INPUT', `The sandbox only listens on this computer (127.0.0.1); "${host}" is not a loopback address.`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new AppError('INVALID_INPUT', 'The sandbox port must be a whole number from 0 to 65535.');
  const accountId = options.accountId ?? '000000000000';
  if (!/^\d{12}$/.test(accountId)) throw new AppError('INVALID_INPUT', 'The sandbox account id must be 12 digits.');

  const state = options.dataFile === undefined ? emptyState() : loadState(options.dataFile);
  const serviceOptions = {
    store: new SecretStore(state),
    accountId,
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    now: options.now ?? (() => new Date()),
  };
  const service = new SandboxService(options.dataFile === undefined ? serviceOptions : { ...serviceOptions, dataFile: options.dataFile });
  const faults = new FaultController();
  const server = createSandboxServer(service, faults);

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('INVALID_INPUT', `Port ${String(port)} is already in use; choose another port or 0 for a free one.`, { cause: error })
          : new AppError('INTERNAL', `The sandbox could not listen on ${host}:${String(port)}.`, { cause: error }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${String(address.port)}`,
    port: address.port,
    accountId,
    defaultRegion: service.defaultRegion,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // SDK clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
    loadExampleData() {
      // An executor that throws rejects the promise, so a failure never escapes synchronously.
      return new Promise((resolve) => {
        resolve(loadExampleSecrets(service));
      });
    },
    setFaults: (update) => faults.update(update),
    stats: () => faults.stats(),
    resetStats: () => {
      faults.resetStats();
    },
  };
}
