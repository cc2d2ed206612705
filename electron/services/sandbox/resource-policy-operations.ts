import { parsePolicy, PolicyDocumentError } from './iam/policy-document';
import type { OperationHandler } from './operation-context';
import { readSecretId, recordChange, requireActiveSecret, requireSecret } from './secret-rules';
import { ServiceError } from './service-error';

/** A policy that lets anyone in (Principal `*`, no condition) is what BlockPublicPolicy refuses. */
function isPublic(text: string): boolean {
  return parsePolicy(text, 'resource').statements.some(
    (statement) => statement.effect === 'Allow' && statement.principal?.anyone === true && statement.conditions.length === 0,
  );
}

export const putResourcePolicy: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const policy = input.requiredString('ResourcePolicy', { min: 1, max: 20_480 });
  const blockPublic = input.optionalBoolean('BlockPublicPolicy') ?? false;
  try {
    parsePolicy(policy, 'resource');
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    throw new ServiceError('MalformedPolicyDocumentException', `The resource policy is not valid: ${error.message}`);
  }
  if (blockPublic && isPublic(policy)) {
    throw new ServiceError('PublicPolicyException', 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.');
  }
  const secret = requireActiveSecret(context.store, secretId);
  secret.resourcePolicy = policy;
  recordChange(context.store, secret, context.nowMs);
  return { ARN: secret.arn, Name: secret.name };
};

export const getResourcePolicy: OperationHandler = (input, context) => {
  const secret = requireSecret(context.store, readSecretId(input));
  return secret.resourcePolicy === undefined ? { ARN: secret.arn, Name: secret.name } : { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.resourcePolicy };
};

export const deleteResourcePolicy: OperationHandler = (input, context) => {
  const secret = requireActiveSecret(context.store, readSecretId(input));
  if (secret.resourcePolicy !== undefined) {
    delete secret.resourcePolicy;
    recordChange(context.store, secret, context.nowMs);
  }
  return { ARN: secret.arn, Name: secret.name };
};
