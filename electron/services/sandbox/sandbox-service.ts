import { redact } from '../redact';
import { AccessControl } from './access-control';
import type { AccessRequest } from './access-control';
import type { Caller } from './caller';
import { lookupEvents } from './cloudtrail/lookup-events';
import { apiCallEvent, secretResourceType, secretsManagerEventSource } from './cloudtrail/trail-events';
import type { IamHandler } from './iam/iam-operations';
import { iamAccessRequest } from './iam/iam-operations';
import { InputReader } from './input-reader';
import type { JsonObject } from './input-reader';
import type { KmsHandler } from './kms/kms-operations';
import { kmsAccessRequest } from './kms/kms-operations';
import type { OperationContext, OperationHandler } from './operation-context';
import { isWriteOperation } from './operation-table';
import { PageTokenCodec } from './page-token';
import type { DurableStore } from './persistence/durable-store';
import type { QueryInput, XmlObject } from './query-protocol';
import type { PrincipalDirectory, ResolvedPrincipal } from './sandbox-principals';
import type { RegionState, SandboxWorld } from './sandbox-world';
import type { StoredSecret } from './secret-model';
import { decryptRequest, secretAccessRequest, secretRequest } from './secrets-access';
import type { WireObject } from './secret-views';
import { internalError, ServiceError } from './service-error';

export interface SandboxServiceOptions {
  readonly world: SandboxWorld;
  readonly principals: PrincipalDirectory;
  readonly defaultRegion: string;
  readonly now: () => Date;
  readonly durable?: DurableStore;
}

/** How each protocol spells "access denied". */
const jsonAccessDenied = { code: 'AccessDeniedException', status: 400 };
const queryAccessDenied = { code: 'AccessDenied', status: 403 };


/**
 * Runs every operation of every service against the caller's account and region: checks access
 * for the keys that are checked, runs the handler, records a CloudTrail event for each Secrets
 * Manager write, and makes what changed durable before the answer goes out. The HTTP server, the
 * example data and the sandbox controls all go through here, so they obey the same rules.
 */
export class SandboxService {
  readonly defaultRegion: string;
  readonly principals: PrincipalDirectory;
  readonly world: SandboxWorld;
  private readonly now: () => Date;
  private readonly durable: DurableStore | undefined;
  private readonly pageTokens = new PageTokenCodec();
  private readonly access: AccessControl;
  /** Open `batch` calls: their transactions leave persisting to the outermost one. */
  private batchDepth = 0;

  constructor(options: SandboxServiceOptions) {
    this.world = options.world;
    this.principals = options.principals;
    this.defaultRegion = options.defaultRegion;
    this.now = options.now;
    this.durable = options.durable;
    this.access = new AccessControl(options.world);
  }

  get accountId(): string {
    return this.principals.defaultAccountId;
  }

  nowMs(): number {
    return this.now().getTime();
  }

  /** Applies `work` to the state and persists what it changed; a failed save fails the request. */
  transaction<T>(work: (nowMs: number) => T): T {
    const nowMs = this.nowMs();
    try {
      return work(nowMs);
    } finally {
      if (this.batchDepth === 0) this.persist();
    }
  }

  /**
   * Runs many transactions and persists what they changed once, at the end: one journal append
   * and one fsync for a whole seed, instead of one per secret. Nothing is answered before that.
   */
  batch<T>(work: () => T): T {
    this.batchDepth += 1;
    try {
      return work();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0) this.persist();
    }
  }

  /** Writes the pending changes once one of them must be durable (deferred ones ride along). */
  private persist(): void {
    if (this.durable === undefined) {
      this.world.changes.discard();
      return;
    }
    if (!this.world.changes.mustWrite) return;
    try {
      this.durable.commit(this.world.changes.drain());
    } catch (error) {
      console.error(redact(`Sandbox: could not write its data files: ${error instanceof Error ? error.message : String(error)}`));
      throw internalError('The sandbox could not save its data file.');
    }
  }

  /** Writes what is still pending (deferred changes too) and folds the journal into the snapshot. */
  close(): void {
    if (this.durable === undefined) return;
    this.durable.commit(this.world.changes.drain());
    this.durable.close();
  }

  private enforce(principal: ResolvedPrincipal, request: AccessRequest, error: { code: string; status: number }): void {
    this.access.enforce(principal, request, error);
  }

  /** Reading a value: GetSecretValue on the secret and kms:Decrypt on its key through Secrets Manager. */
  private authorizeRead(principal: ResolvedPrincipal, region: RegionState, secret: StoredSecret): void {
    if (!principal.enforceIam) return;
    this.enforce(principal, secretRequest('secretsmanager:GetSecretValue', secret, region.secrets.accountId), jsonAccessDenied);
    const decrypt = decryptRequest(secret, region.kms);
    if (decrypt !== undefined && this.access.evaluate(principal, decrypt).decision !== 'allowed') {
      throw new ServiceError('AccessDeniedException', 'Access to KMS is not allowed');
    }
  }

  runSecretsManager(operation: string, handler: OperationHandler, body: JsonObject, caller: Caller): WireObject {
    return this.transaction((nowMs) => {
      const region = this.world.region(caller.principal.accountId, caller.region);
      region.secrets.purgeExpired(nowMs);
      const context: OperationContext = {
        store: region.secrets,
        kms: region.kms,
        region: caller.region,
        accountId: caller.principal.accountId,
        nowMs,
        pageTokens: this.pageTokens,
        authorizeRead: (secret) => {
          this.authorizeRead(caller.principal, region, secret);
        },
      };
      const isWrite = isWriteOperation(operation);
      try {
        this.enforce(caller.principal, secretAccessRequest(operation, body, region.secrets), jsonAccessDenied);
        if (operation === 'GetSecretValue' && typeof body.SecretId === 'string') {
          const secret = region.secrets.find(body.SecretId);
          if (secret !== undefined) this.authorizeRead(caller.principal, region, secret);
        }
        const output = handler(new InputReader(body), context);
        if (isWrite) this.recordWrite(region, caller, operation, body, nowMs, { output });
        return output;
      } catch (error) {
        if (isWrite && error instanceof ServiceError) this.recordWrite(region, caller, operation, body, nowMs, { errorCode: error.code, errorMessage: error.message });
        throw error;
      }
    });
  }

  /** CloudTrail's record of a Secrets Manager write, answered or refused, named by the secret's ARN when it has one. */
  private recordWrite(region: RegionState, caller: Caller, operation: string, body: JsonObject, nowMs: number, outcome: { output: WireObject } | { errorCode: string; errorMessage: string }): void {
    const named = typeof body.SecretId === 'string' ? body.SecretId : typeof body.Name === 'string' ? body.Name : undefined;
    const answered = 'output' in outcome && typeof outcome.output.ARN === 'string' ? outcome.output.ARN : undefined;
    const resourceName = answered ?? (named === undefined ? undefined : (region.secrets.find(named)?.arn ?? named));
    region.trail.record(
      apiCallEvent({
        caller,
        eventName: operation,
        eventSource: secretsManagerEventSource,
        nowMs,
        request: body,
        outcome,
        resources: resourceName === undefined ? [] : [{ type: secretResourceType, name: resourceName }],
        readOnly: false,
      }),
    );
  }

  runKms(operation: string, handler: KmsHandler, body: JsonObject, caller: Caller): WireObject {
    return this.transaction(() => {
      const region = this.world.region(caller.principal.accountId, caller.region);
      this.enforce(caller.principal, kmsAccessRequest(operation, body, region.kms), jsonAccessDenied);
      return handler(new InputReader(body), { kms: region.kms, pageTokens: this.pageTokens });
    });
  }

  runCloudTrail(body: JsonObject, caller: Caller): WireObject {
    return this.transaction((nowMs) => {
      const region = this.world.region(caller.principal.accountId, caller.region);
      this.enforce(caller.principal, { action: 'cloudtrail:LookupEvents', resource: '*' }, jsonAccessDenied);
      return lookupEvents(new InputReader(body), { trail: region.trail, nowMs, pageTokens: this.pageTokens });
    });
  }

  runIam(operation: string, handler: IamHandler, input: QueryInput, caller: Caller): XmlObject {
    return this.transaction(() => {
      const iam = this.world.account(caller.principal.accountId).iam;
      this.enforce(caller.principal, iamAccessRequest(operation, input, iam), queryAccessDenied);
      return handler(input, { iam, caller: caller.principal, pageTokens: this.pageTokens });
    });
  }
}
