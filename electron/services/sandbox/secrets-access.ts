import type { AccessRequest } from './access-control';
import { looksLikeArn } from './arn';
import type { JsonObject } from './input-reader';
import type { KmsRegion } from './kms/kms-region';
import { secretsManagerAlias } from './kms/kms-region';
import type { StoredSecret } from './secret-model';
import type { SecretStore } from './secret-store';

/**
 * What a Secrets Manager call asks IAM for: the action on the secret it names (with the secret's
 * resource policy), or on `*` for calls without one. AWS authorizes before it looks the secret up,
 * so a caller without access to a name gets AccessDeniedException whether or not it exists.
 */
export function secretAccessRequest(operation: string, body: JsonObject, store: SecretStore): AccessRequest {
  const action = `secretsmanager:${operation}`;
  const base = `arn:aws:secretsmanager:${store.region}:${store.accountId}:secret:`;
  const secretId = typeof body.SecretId === 'string' ? body.SecretId : undefined;
  if (secretId !== undefined) {
    const secret = store.find(secretId);
    if (secret !== undefined) return secretRequest(action, secret, store.accountId);
    return { action, resource: looksLikeArn(secretId) ? secretId : base + secretId, resourceAccountId: store.accountId };
  }
  if (operation === 'CreateSecret' && typeof body.Name === 'string') return { action, resource: base + body.Name, resourceAccountId: store.accountId };
  return { action, resource: '*' };
}

export function secretRequest(action: string, secret: StoredSecret, accountId: string): AccessRequest {
  return secret.resourcePolicy === undefined
    ? { action, resource: secret.arn, resourceAccountId: accountId }
    : { action, resource: secret.arn, resourceAccountId: accountId, resourcePolicy: secret.resourcePolicy };
}

/**
 * Reading a value also needs kms:Decrypt on the secret's key through Secrets Manager: granted by
 * the AWS managed key's policy to everyone in the account, by a customer key's policy as it says.
 */
export function decryptRequest(secret: StoredSecret, kms: KmsRegion): AccessRequest | undefined {
  const key = kms.resolve(secret.kmsKeyId ?? secretsManagerAlias);
  if (key === undefined) return undefined;
  return {
    action: 'kms:Decrypt',
    resource: key.arn,
    resourcePolicy: key.policy,
    resourcePolicyRole: 'gate',
    resourceAccountId: kms.accountId,
    context: [['kms:ViaService', [`secretsmanager.${kms.region}.amazonaws.com`]]],
  };
}
