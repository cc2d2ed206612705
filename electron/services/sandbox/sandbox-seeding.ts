import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { iamUniqueId, normalisePath, policyArn, roleArn, userArn } from './iam/iam-model';
import type { StoredManagedPolicy, StoredPrincipalEntity } from './iam/iam-model';
import { parsePolicy, PolicyDocumentError, policyText } from './iam/policy-document';
import type { PolicyKind } from './iam/policy-document';
import type { SandboxService } from './sandbox-service';

/**
 * Sandbox controls that set up IAM and KMS state for tests and example data (AWS has write APIs
 * for these; the sandbox only needs their results). Every document is checked as IAM would check
 * it, so a test cannot seed a policy the evaluator would misread.
 */
export class SeedInputError extends Error {}

const documentSchema = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
const nameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'IAM names use letters, digits and _+=,.@- (at most 64)');
const accountSchema = z.string().regex(/^\d{12}$/, 'an account id is 12 digits');
const tagsSchema = z.record(z.string(), z.string());

const entityFields = {
  name: nameSchema,
  path: z.string().optional(),
  description: z.string().max(1000).optional(),
  attachedPolicies: z.array(z.string()).optional(),
  inlinePolicies: z.record(z.string(), documentSchema).optional(),
  permissionsBoundary: z.string().optional(),
  tags: tagsSchema.optional(),
};

export const iamSeedSchema = z
  .object({
    accountId: accountSchema.optional(),
    policies: z.array(z.object({ name: nameSchema.max(128), path: z.string().optional(), description: z.string().max(1000).optional(), document: documentSchema }).strict()).optional(),
    roles: z.array(z.object({ ...entityFields, trustPolicy: documentSchema, maxSessionDuration: z.number().int().min(3600).max(43_200).optional() }).strict()).optional(),
    users: z.array(z.object(entityFields).strict()).optional(),
  })
  .strict();
export type IamSeed = z.input<typeof iamSeedSchema>;

export const kmsSeedSchema = z
  .object({
    accountId: accountSchema.optional(),
    region: z.string().regex(/^[a-z0-9-]{1,32}$/).optional(),
    keys: z.array(
      z
        .object({
          keyId: z.string().uuid().optional(),
          description: z.string().max(8192).optional(),
          policy: documentSchema,
          aliases: z.array(z.string().regex(/^alias\/[\w/-]{1,250}$/, 'aliases look like alias/<name>').refine((alias) => !alias.startsWith('alias/aws/'), 'alias/aws/ is reserved for AWS managed keys')).optional(),
          enabled: z.boolean().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type KmsSeed = z.input<typeof kmsSeedSchema>;

export function parseSeed<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SeedInputError(`${what}: ${issue === undefined ? 'invalid input' : `${issue.path.join('.') || '(body)'}: ${issue.message}`}`);
}

function checkedDocument(value: unknown, kind: PolicyKind, what: string): string {
  const text = policyText(value);
  try {
    parsePolicy(text, kind);
  } catch (error) {
    if (error instanceof PolicyDocumentError) throw new SeedInputError(`${what}: ${error.message}`);
    throw error;
  }
  return text;
}

type EntityInput = NonNullable<z.output<typeof iamSeedSchema>['users']>[number];

function entityBase(input: EntityInput, ids: { arn: string; id: string; createDate: number }, policyExists: (arn: string) => boolean, accountId: string): StoredPrincipalEntity {
  for (const attached of [...(input.attachedPolicies ?? []), ...(input.permissionsBoundary === undefined ? [] : [input.permissionsBoundary])]) {
    if (!policyExists(attached)) throw new SeedInputError(`${input.name}: no managed policy ${attached} in account ${accountId} (create it under "policies" first).`);
  }
  const entity: StoredPrincipalEntity = {
    name: input.name,
    path: normalisePath(input.path),
    id: ids.id,
    arn: ids.arn,
    createDate: ids.createDate,
    attachedPolicies: [...(input.attachedPolicies ?? [])],
    inlinePolicies: Object.entries(input.inlinePolicies ?? {}).map(([name, document]) => ({ name, document: checkedDocument(document, 'identity', `${input.name}.inlinePolicies.${name}`) })),
    tags: Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value })),
  };
  if (input.description !== undefined) entity.description = input.description;
  if (input.permissionsBoundary !== undefined) entity.permissionsBoundary = input.permissionsBoundary;
  return entity;
}

function nextPolicyVersion(existing: StoredManagedPolicy | undefined, policy: { name: string; path: string; description?: string | undefined; text: string }, arn: string, nowMs: number): StoredManagedPolicy {
  const described = (stored: StoredManagedPolicy): StoredManagedPolicy => (policy.description === undefined ? stored : { ...stored, description: policy.description });
  if (existing === undefined) {
    return described({ name: policy.name, path: policy.path, id: iamUniqueId('ANPA', arn), arn, createDate: nowMs, updateDate: nowMs, defaultVersionId: 'v1', versions: [{ versionId: 'v1', document: policy.text, createDate: nowMs }] });
  }
  const current = existing.versions.find((version) => version.versionId === existing.defaultVersionId);
  if (current?.document === policy.text) return described(existing);
  const versionId = `v${String(Math.max(0, ...existing.versions.map((version) => Number(version.versionId.slice(1)) || 0)) + 1)}`;
  // IAM keeps at most five versions of a managed policy.
  return described({ ...existing, updateDate: nowMs, defaultVersionId: versionId, versions: [...existing.versions, { versionId, document: policy.text, createDate: nowMs }].slice(-5) });
}

export interface IamSeedResult {
  readonly accountId: string;
  readonly policies: { name: string; arn: string }[];
  readonly roles: { name: string; arn: string }[];
  readonly users: { name: string; arn: string }[];
}

/** Creates or replaces managed policies (a changed document becomes a new default version), roles and users. */
export function seedIam(service: SandboxService, input: unknown): IamSeedResult {
  const seed = parseSeed(iamSeedSchema, input, 'The IAM seed');
  const accountId = seed.accountId ?? service.accountId;
  return service.transaction((nowMs) => {
    const iam = service.world.account(accountId).iam;
    // Everything is built and checked before anything is stored, so a bad seed changes nothing.
    const policies = (seed.policies ?? []).map((policy) => {
      const path = normalisePath(policy.path);
      const arnOf = policyArn(accountId, path, policy.name);
      const text = checkedDocument(policy.document, 'identity', `policies.${policy.name}`);
      return nextPolicyVersion(iam.customerPolicies().find((candidate) => candidate.arn === arnOf), { name: policy.name, path, description: policy.description, text }, arnOf, nowMs);
    });
    const newPolicies = new Set(policies.map((policy) => policy.arn));
    const policyExists = (arnOf: string): boolean => newPolicies.has(arnOf) || iam.managedPolicy(arnOf) !== undefined;
    const roles = (seed.roles ?? []).map((role) => {
      const arnOf = roleArn(accountId, normalisePath(role.path), role.name);
      const existing = iam.role(role.name);
      const ids = { arn: arnOf, id: existing?.id ?? iamUniqueId('AROA', arnOf), createDate: existing?.createDate ?? nowMs };
      return { ...entityBase(role, ids, policyExists, accountId), trustPolicy: checkedDocument(role.trustPolicy, 'trust', `${role.name}.trustPolicy`), maxSessionDuration: role.maxSessionDuration ?? 3600 };
    });
    const users = (seed.users ?? []).map((user) => {
      const arnOf = userArn(accountId, normalisePath(user.path), user.name);
      const existing = iam.user(user.name);
      return entityBase(user, { arn: arnOf, id: existing?.id ?? iamUniqueId('AIDA', arnOf), createDate: existing?.createDate ?? nowMs }, policyExists, accountId);
    });
    for (const policy of policies) iam.putPolicy(policy);
    for (const role of roles) iam.putRole(role);
    for (const user of users) iam.putUser(user);
    const named = (entity: { name: string; arn: string }): { name: string; arn: string } => ({ name: entity.name, arn: entity.arn });
    return { accountId, policies: policies.map(named), roles: roles.map(named), users: users.map(named) };
  });
}

export interface KmsSeedResult {
  readonly accountId: string;
  readonly region: string;
  readonly keys: { keyId: string; arn: string; aliases: string[] }[];
}

/** Creates or replaces customer managed keys with their key policies and aliases. */
export function seedKms(service: SandboxService, input: unknown): KmsSeedResult {
  const seed = parseSeed(kmsSeedSchema, input, 'The KMS seed');
  const accountId = seed.accountId ?? service.accountId;
  const region = seed.region ?? service.defaultRegion;
  const keys = seed.keys.map((key, index) => ({ ...key, text: checkedDocument(key.policy, 'resource', `keys.${String(index)}.policy`) }));
  return service.transaction((nowMs) => {
    const kms = service.world.region(accountId, region).kms;
    const result: KmsSeedResult = { accountId, region, keys: [] };
    for (const key of keys) {
      const keyId = key.keyId ?? randomUUID();
      const existing = kms.storedKey(keyId);
      kms.putKey(
        { keyId, arn: kms.keyArn(keyId), description: key.description ?? existing?.description ?? '', createdDate: existing?.createdDate ?? nowMs, policy: key.text, enabled: key.enabled ?? true },
        key.aliases ?? [],
        nowMs,
      );
      result.keys.push({ keyId, arn: kms.keyArn(keyId), aliases: key.aliases ?? [] });
    }
    return result;
  });
}
