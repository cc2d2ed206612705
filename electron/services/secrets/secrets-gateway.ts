/**
 * The one way Airlock talks to Secrets Manager. Every call of the app (secrets, projects, DAG
 * scan) goes through a gateway, which owns:
 *
 * - the rate: a client-side token bucket per account, region and API class (rate-limiter.ts), so
 *   concurrent work stays at AWS's quotas; every attempt takes a slot, the SDK's retries too;
 * - pagination: the SDK's paginators, one limiter slot per page;
 * - the retry policy: the SDK's adaptive retry mode on the client (aws/sdk-clients.ts), and no
 *   other retries on top (a write's request token makes the SDK's retries safe; `writeOnce` in
 *   write-service.ts makes a lost answer truthful);
 * - errors: mapped to AppError naming the AWS error, the profile and the region, with the values
 *   the call carried masked.
 *
 * A test checks that no other module sends a Secrets Manager command.
 */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  paginateListSecrets,
  paginateListSecretVersionIds,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  type BatchGetSecretValueCommandOutput,
  type CreateSecretCommandInput,
  type CreateSecretCommandOutput,
  type DeleteSecretCommandOutput,
  type DescribeSecretCommandOutput,
  type Filter,
  type GetSecretValueCommandOutput,
  type ListSecretsCommandInput,
  type SecretListEntry,
  type SecretsManagerClient,
  type SecretVersionsListEntry,
  type Tag,
} from '@aws-sdk/client-secrets-manager';
import type { AbsoluteLocation, FinalizeRequestHandlerOptions, FinalizeRequestMiddleware } from '@smithy/types';
import { AppError } from '../../../shared/errors';
import { toAppError } from '../aws';
import { cancelledError, createRateLimiter, type ApiClass, type RateLimiter, type RateLimiterOptions } from './rate-limiter';

/** ListSecrets and ListSecretVersionIds pages: AWS's maximum. */
export const LIST_PAGE_SIZE = 100;
/** BatchGetSecretValue takes at most 20 ids a call. */
export const BATCH_GET_SIZE = 20;
/** AWS's limits on one ListSecrets request: 10 filters, 10 values each. */
export const MAX_FILTERS = 10;
export const MAX_FILTER_VALUES = 10;

/** Who the calls are for: the session's `AwsClients` fit, plus the account when it is known. */
export interface GatewayTarget {
  readonly profile: string;
  readonly region: string;
  readonly secretsManager: SecretsManagerClient;
  readonly secretsManagerEndpoint: string | null;
  readonly account?: string | null | undefined;
}

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * One paginated ListSecrets query. `include` are name prefixes (OR-ed; empty or absent: every
 * name); `exclude` are name prefixes left out (each one negated name filter, AND-ed, as AWS
 * combines filters); `extra` are further filters (e.g. an `all` word search).
 */
export interface ListQuery {
  readonly include?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly extra?: readonly Filter[] | undefined;
  readonly includePlannedDeletion?: boolean | undefined;
}

export interface ListedPage {
  readonly entries: SecretListEntry[];
  /** Whether another page follows (it is requested only if the caller reads on). */
  readonly more: boolean;
}

export interface SecretsGateway {
  readonly profile: string;
  readonly region: string;
  /** The pages of one ListSecrets query, as they arrive (metadata only, never a value). */
  listPages(query: ListQuery, options?: CallOptions): AsyncGenerator<ListedPage, void, undefined>;
  describe(name: string, options?: CallOptions): Promise<DescribeSecretCommandOutput>;
  /** The secret's resource policy (a JSON string), or undefined when it has none. */
  resourcePolicy(name: string, options?: CallOptions): Promise<string | undefined>;
  getValue(name: string, versionId?: string, options?: CallOptions): Promise<GetSecretValueCommandOutput>;
  /** At most BATCH_GET_SIZE names; per-secret failures come back in `Errors`. */
  batchGetValues(names: readonly string[], options?: CallOptions): Promise<BatchGetSecretValueCommandOutput>;
  versions(name: string, options?: CallOptions): Promise<SecretVersionsListEntry[]>;
  create(input: CreateSecretCommandInput & { readonly Name: string; readonly SecretString: string }): Promise<CreateSecretCommandOutput>;
  putValue(name: string, value: string, token: string): Promise<string | undefined>;
  updateDescription(name: string, description: string): Promise<void>;
  tag(name: string, tags: readonly Tag[]): Promise<void>;
  untag(name: string, keys: readonly string[]): Promise<void>;
  scheduleDeletion(name: string, recoveryWindowDays: number): Promise<DeleteSecretCommandOutput>;
  forceDelete(name: string): Promise<DeleteSecretCommandOutput>;
  restore(name: string): Promise<void>;
  moveStage(name: string, stage: string, toVersionId: string, fromVersionId: string): Promise<void>;
}

/** Makes gateways whose limiters are shared per account and region, however many are made. */
export interface SecretsManagerAccess {
  gateway(target: GatewayTarget): SecretsGateway;
}

export function createSecretsManagerAccess(options: RateLimiterOptions & { readonly limiter?: RateLimiter } = {}): SecretsManagerAccess {
  const limiter = options.limiter ?? createRateLimiter(options);
  return { gateway: (target) => createGateway(target, limiter) };
}

/** The ListSecrets filters for a query; AWS's limits are checked here, before anything is sent. */
export function listFilters(query: ListQuery): Filter[] {
  const include = query.include ?? [];
  const filters: Filter[] = [
    ...(include.length === 0 || include.includes('') ? [] : [{ Key: 'name' as const, Values: [...include] }]),
    ...(query.exclude ?? []).map((prefix) => ({ Key: 'name' as const, Values: [`!${prefix}`] })),
    ...(query.extra ?? []),
  ];
  if (filters.length > MAX_FILTERS || filters.some((filter) => (filter.Values?.length ?? 0) > MAX_FILTER_VALUES)) {
    throw new AppError('INTERNAL', 'Airlock built a listing with more filters than Secrets Manager accepts. This is a bug; please report it.');
  }
  return filters;
}

const operationClass = {
  ListSecrets: 'list',
  ListSecretVersionIds: 'list',
  DescribeSecret: 'read',
  GetSecretValue: 'read',
  BatchGetSecretValue: 'batch-read',
  CreateSecret: 'write',
  PutSecretValue: 'write',
  UpdateSecret: 'write',
  TagResource: 'write',
  UntagResource: 'write',
  DeleteSecret: 'write',
  RestoreSecret: 'write',
  UpdateSecretVersionStage: 'write',
  // Resource-policy calls have a 50/s quota of their own; reads of it are rare (the access check).
  GetResourcePolicy: 'read',
} as const satisfies Record<string, ApiClass>;
type Operation = keyof typeof operationClass;

/** An SDK command's middleware stack, as far as `paced` uses it. */
interface PacedCommand {
  readonly middlewareStack: { add(middleware: FinalizeRequestMiddleware<object, object>, options: FinalizeRequestHandlerOptions & AbsoluteLocation): void };
}

/** Which bucket: calls of one account and region share AWS's quota, whichever profile makes them. */
function bucketKey(target: GatewayTarget): string {
  const who = target.account ?? `profile:${target.profile}`;
  return `${who}\u0000${target.region}\u0000${target.secretsManagerEndpoint ?? 'aws'}`;
}

/**
 * The AppError for a failed call, saying where it happened: "ThrottlingException from Secrets
 * Manager for profile "prod" in eu-west-1: ...". Cancellation is not a failure of AWS and says so plainly.
 */
export function gatewayError(error: unknown, target: Pick<GatewayTarget, 'profile' | 'region' | 'secretsManagerEndpoint'>, secretId?: string, carried: readonly string[] = []): AppError {
  const mapped = toAppError(error, { profile: target.profile, region: target.region, endpoint: target.secretsManagerEndpoint, secrets: carried, ...(secretId === undefined ? {} : { secretId }) });
  if (mapped.code === 'CANCELLED' || mapped.message.startsWith('Secrets Manager') || mapped.message.includes(' from Secrets Manager for profile "')) return mapped;
  const details: unknown = mapped.details;
  const awsCode = typeof details === 'object' && details !== null && 'awsCode' in details && typeof details.awsCode === 'string' ? details.awsCode : null;
  const source = awsCode === null ? 'Secrets Manager' : `${awsCode} from Secrets Manager`;
  const own = mapped.message.replace(` for profile "${target.profile}"`, '');
  return new AppError(mapped.code, `${source} for profile "${target.profile}" in ${target.region}: ${own}`, {
    retryable: mapped.retryable,
    ...(mapped.details === undefined ? {} : { details: mapped.details }),
  });
}

function createGateway(target: GatewayTarget, limiter: RateLimiter): SecretsGateway {
  const client = target.secretsManager;
  const key = bucketKey(target);
  const slot = (operation: Operation, signal?: AbortSignal) => limiter.acquire(key, operationClass[operation], signal);
  const sendOptions = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { abortSignal: signal });

  /**
   * The command, taking a limiter slot before each of its attempts: in the SDK's finalizeRequest
   * step after its retry middleware, so that the retries of a throttled call count against the
   * quota like first attempts, and the bucket's rate holds for everything sent.
   */
  function paced<C extends object>(operation: Operation, command: C, signal?: AbortSignal): C {
    // Every SDK command has a middleware stack, but its add() overloads are typed per command
    // input and output; this view of it takes a middleware that never looks at either.
    (command as unknown as PacedCommand).middlewareStack.add(
      (next) => async (args) => {
        await slot(operation, signal);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'airlockQuotaSlot' },
    );
    return command;
  }

  /** One call: the send (its attempts paced by `paced`), and the error in context. */
  async function call<T>(operation: Operation, secretId: string | undefined, send: () => Promise<T>, options: { signal?: AbortSignal | undefined; carried?: readonly string[] } = {}): Promise<T> {
    try {
      // Cancelled before it started: nothing is sent (the pacing middleware would say so too, later).
      if (options.signal?.aborted === true) throw cancelledError();
      return await send();
    } catch (error) {
      throw gatewayError(error, target, secretId, options.carried);
    }
  }

  return {
    profile: target.profile,
    region: target.region,

    async *listPages(query, options = {}) {
      const filters = listFilters(query);
      const input: ListSecretsCommandInput = {
        ...(filters.length === 0 ? {} : { Filters: filters }),
        ...(query.includePlannedDeletion === true ? { IncludePlannedDeletion: true } : {}),
      };
      const pages = paginateListSecrets({ client, pageSize: LIST_PAGE_SIZE }, input, sendOptions(options.signal));
      try {
        // One slot before each page the paginator is about to request.
        await slot('ListSecrets', options.signal);
        for await (const page of pages) {
          const more = page.NextToken !== undefined && page.NextToken !== '';
          yield { entries: page.SecretList ?? [], more };
          if (more) await slot('ListSecrets', options.signal);
        }
      } catch (error) {
        throw gatewayError(error, target);
      }
    },

    resourcePolicy: async (name, options = {}) =>
      (await call('GetResourcePolicy', name, () => client.send(paced('GetResourcePolicy', new GetResourcePolicyCommand({ SecretId: name }), options.signal), sendOptions(options.signal)), options)).ResourcePolicy ?? undefined,

    describe: (name, options = {}) => call('DescribeSecret', name, () => client.send(paced('DescribeSecret', new DescribeSecretCommand({ SecretId: name }), options.signal), sendOptions(options.signal)), options),

    getValue: (name, versionId, options = {}) =>
      call('GetSecretValue', name, () => client.send(paced('GetSecretValue', new GetSecretValueCommand({ SecretId: name, ...(versionId === undefined ? {} : { VersionId: versionId }) }), options.signal), sendOptions(options.signal)), options),

    batchGetValues(names, options = {}) {
      if (names.length === 0 || names.length > BATCH_GET_SIZE) throw new AppError('INTERNAL', `BatchGetSecretValue takes 1 to ${BATCH_GET_SIZE} names; Airlock asked for ${names.length}.`);
      return call('BatchGetSecretValue', undefined, () => client.send(paced('BatchGetSecretValue', new BatchGetSecretValueCommand({ SecretIdList: [...names] }), options.signal), sendOptions(options.signal)), options);
    },

    async versions(name, options = {}) {
      const entries: SecretVersionsListEntry[] = [];
      const pages = paginateListSecretVersionIds({ client, pageSize: LIST_PAGE_SIZE }, { SecretId: name, IncludeDeprecated: true }, sendOptions(options.signal));
      try {
        await slot('ListSecretVersionIds', options.signal);
        for await (const page of pages) {
          entries.push(...(page.Versions ?? []));
          if (page.NextToken !== undefined && page.NextToken !== '') await slot('ListSecretVersionIds', options.signal);
        }
      } catch (error) {
        throw gatewayError(error, target, name);
      }
      return entries;
    },

    create: (input) => call('CreateSecret', input.Name, () => client.send(paced('CreateSecret', new CreateSecretCommand(input))), { carried: [input.SecretString] }),

    putValue: async (name, value, token) =>
      (await call('PutSecretValue', name, () => client.send(paced('PutSecretValue', new PutSecretValueCommand({ SecretId: name, SecretString: value, ClientRequestToken: token }))), { carried: [value] })).VersionId,

    async updateDescription(name, description) {
      await call('UpdateSecret', name, () => client.send(paced('UpdateSecret', new UpdateSecretCommand({ SecretId: name, Description: description }))));
    },
    async tag(name, tags) {
      await call('TagResource', name, () => client.send(paced('TagResource', new TagResourceCommand({ SecretId: name, Tags: [...tags] }))));
    },
    async untag(name, keys) {
      await call('UntagResource', name, () => client.send(paced('UntagResource', new UntagResourceCommand({ SecretId: name, TagKeys: [...keys] }))));
    },
    scheduleDeletion: (name, recoveryWindowDays) => call('DeleteSecret', name, () => client.send(paced('DeleteSecret', new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: recoveryWindowDays })))),
    forceDelete: (name) => call('DeleteSecret', name, () => client.send(paced('DeleteSecret', new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })))),
    async restore(name) {
      await call('RestoreSecret', name, () => client.send(paced('RestoreSecret', new RestoreSecretCommand({ SecretId: name }))));
    },
    async moveStage(name, stage, toVersionId, fromVersionId) {
      await call('UpdateSecretVersionStage', name, () =>
        client.send(paced('UpdateSecretVersionStage', new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: stage, MoveToVersionId: toVersionId, RemoveFromVersionId: fromVersionId }))),
      );
    },
  };
}
