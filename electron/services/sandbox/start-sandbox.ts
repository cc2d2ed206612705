import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors';
import { exampleDataSets, loadExampleDataSet } from './example-data';
import { FaultController } from './faults';
import type { FaultSettings, SandboxStats } from './faults';
import { createSandboxServer } from './http-server';
import { DurableStore } from './persistence/durable-store';
import type { SandboxFileSystem } from './persistence/file-system';
import { defaultSandboxAccountId, PrincipalDirectory } from './sandbox-principals';
import type { SandboxAccessKey } from './sandbox-principals';
import { seedIam, seedKms } from './sandbox-seeding';
import type { IamSeed, IamSeedResult, KmsSeed, KmsSeedResult } from './sandbox-seeding';
import { SandboxService } from './sandbox-service';
import { emptyWorldState, SandboxWorld } from './sandbox-world';

export interface SandboxOptions {
  /** 0 or omitted: a random free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  readonly host?: string;
  /**
   * Persist to this file (the snapshot, created on the first write and on close) and
   * `<dataFile>.journal` (the changes since); in memory when omitted. A file written by an older
   * sandbox (one list of secrets) is read and rewritten in the current format.
   */
  readonly dataFile?: string;
  /** The account of every access key the sandbox does not know (today's only account). Default '000000000000'. */
  readonly accountId?: string;
  /** The region of requests without a SigV4 credential scope, and of the default account's example data. Default 'us-east-1'. */
  readonly defaultRegion?: string;
  /** The clock for every timestamp and for purging secrets after their recovery window. */
  readonly now?: () => Date;
  /** More access keys (e.g. another checked key); they take precedence over the built-in ones. */
  readonly accessKeys?: readonly SandboxAccessKey[];
  /** Tests: the file operations persistence uses, and when the journal is folded into the snapshot. */
  readonly persistence?: { readonly fileSystem?: SandboxFileSystem; readonly compactAfterBytes?: number };
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
  /**
   * Adds one account's example data (the default account's unless `accountId` names the dev or
   * prod account): the access-check roles and key, and the Airflow secrets that are missing.
   * Idempotent; counts are of secrets.
   */
  loadExampleData(options?: { readonly accountId?: string }): Promise<{ created: number; skipped: number }>;
  /** Creates or replaces IAM policies, roles and users (the same as `POST /_sandbox/iam`). */
  seedIam(seed: IamSeed): IamSeedResult;
  /** Creates or replaces KMS keys with their policies and aliases (the same as `POST /_sandbox/kms`). */
  seedKms(seed: KmsSeed): KmsSeedResult;
  /** The same controls as the `/_sandbox/*` HTTP routes, for in-process callers. */
  setFaults(update: FaultUpdate): FaultSettings;
  stats(): SandboxStats;
  resetStats(): void;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

function urlHost(host: string): string {
  return host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
}

/** Starts the local emulator of Secrets Manager, STS GetCallerIdentity, IAM (read and simulate), KMS (read) and CloudTrail LookupEvents. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) {
    throw new AppError('INVALID_INPUT', `The sandbox only listens on this computer (127.0.0.1); "${host}" is not a loopback address.`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new AppError('INVALID_INPUT', 'The sandbox port must be a whole number from 0 to 65535.');
  const accountId = options.accountId ?? defaultSandboxAccountId;
  if (!/^\d{12}$/.test(accountId)) throw new AppError('INVALID_INPUT', 'The sandbox account id must be 12 digits.');

  const defaultRegion = options.defaultRegion ?? 'us-east-1';
  const principals = new PrincipalDirectory(accountId, options.accessKeys);
  let world = new SandboxWorld(emptyWorldState(), principals);
  const durable =
    options.dataFile === undefined
      ? undefined
      : DurableStore.open(options.dataFile, options.persistence ?? {}, { accountId, region: defaultRegion }, (loaded) => {
          world = new SandboxWorld(loaded.state, principals);
          for (const record of loaded.records) world.apply(record);
          const live = world;
          return () => live.toState();
        });
  const service = new SandboxService({ world, principals, defaultRegion, now: options.now ?? (() => new Date()), ...(durable === undefined ? {} : { durable }) });
  const faults = new FaultController();
  const server = createSandboxServer(service, faults);
  const exampleSet = (requested: string | undefined): ReturnType<typeof exampleDataSets>[number] => {
    const set = exampleDataSets(accountId, defaultRegion).find((candidate) => candidate.accountId === (requested ?? accountId));
    if (set === undefined) throw new AppError('INVALID_INPUT', `The sandbox has no example data for account ${String(requested)}.`);
    return set;
  };

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
    defaultRegion,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // SDK clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }).then(() => {
        // Fold the journal into the snapshot, so a closed sandbox leaves one data file.
        service.close();
      });
      return closing;
    },
    loadExampleData(loadOptions = {}) {
      // An executor that throws rejects the promise, so a failure never escapes synchronously.
      return new Promise((resolve) => {
        resolve(loadExampleDataSet(service, exampleSet(loadOptions.accountId)));
      });
    },
    seedIam: (seed) => seedIam(service, seed),
    seedKms: (seed) => seedKms(service, seed),
    setFaults: (update) => faults.update(update),
    stats: () => faults.stats(),
    resetStats: () => {
      faults.resetStats();
    },
  };
}
