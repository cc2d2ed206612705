import { tagResource, untagResource, updateSecretVersionStage } from './label-and-tag-operations';
import { batchGetSecretValue, listSecretVersionIds, listSecrets } from './listing-operations';
import type { OperationHandler } from './operation-context';
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
} as const satisfies Record<string, OperationHandler>;

export type SecretsManagerOperation = keyof typeof secretsManagerOperations;

export function findOperation(name: string): OperationHandler | undefined {
  return Object.hasOwn(secretsManagerOperations, name) ? secretsManagerOperations[name as SecretsManagerOperation] : undefined;
}
