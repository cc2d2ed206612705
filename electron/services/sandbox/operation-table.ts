import { tagResource, untagResource, updateSecretVersionStage } from './label-and-tag-operations';
import { batchGetSecretValue, listSecretVersionIds, listSecrets } from './listing-operations';
import type { OperationHandler } from './operation-context';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from './resource-policy-operations';
import { createSecret, deleteSecret, describeSecret, getSecretValue, putSecretValue, restoreSecret, updateSecret } from './secret-operations';

/** The Secrets Manager operations the sandbox implements, keyed by their X-Amz-Target name. */
export const secretsManagerOperations = {
  CreateSecret: createSecret,
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  PutSecretValue: putSecretValue,
  UpdateSecret: updateSecret,
  DescribeSecret: describeSecret,
  ListSecrets: listSecrets,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  ListSecretVersionIds: listSecretVersionIds,
  UpdateSecretVersionStage: updateSecretVersionStage,
  TagResource: tagResource,
  UntagResource: untagResource,
  PutResourcePolicy: putResourcePolicy,
  GetResourcePolicy: getResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
} as const satisfies Record<string, OperationHandler>;

export type SecretsManagerOperation = keyof typeof secretsManagerOperations;

/**
 * Which operations change what is stored (GetSecretValue's access date aside). Every operation
 * must be classified, so tests that prove "nothing was written" by counting write requests cannot
 * miss a new one.
 */
const operationEffects = {
  CreateSecret: 'write',
  GetSecretValue: 'read',
  BatchGetSecretValue: 'read',
  PutSecretValue: 'write',
  UpdateSecret: 'write',
  DescribeSecret: 'read',
  ListSecrets: 'read',
  DeleteSecret: 'write',
  RestoreSecret: 'write',
  ListSecretVersionIds: 'read',
  UpdateSecretVersionStage: 'write',
  TagResource: 'write',
  UntagResource: 'write',
  PutResourcePolicy: 'write',
  GetResourcePolicy: 'read',
  DeleteResourcePolicy: 'write',
} as const satisfies Record<SecretsManagerOperation, 'read' | 'write'>;

export const writeOperations: readonly SecretsManagerOperation[] = (Object.keys(operationEffects) as SecretsManagerOperation[]).filter(
  (operation) => operationEffects[operation] === 'write',
);

export function isWriteOperation(name: string): boolean {
  return Object.hasOwn(operationEffects, name) && operationEffects[name as SecretsManagerOperation] === 'write';
}

export function findOperation(name: string): OperationHandler | undefined {
  return Object.hasOwn(secretsManagerOperations, name) ? secretsManagerOperations[name as SecretsManagerOperation] : undefined;
}
