/**
 * Who Airflow on the Deployment calls AWS as (issue 14 item 1), from what Airlock can see:
 * - AWS keys in the kwargs or on the Deployment win over everything else in boto's chain; their
 *   IAM user is known when Airlock deployed them from a profile it holds;
 * - otherwise the Deployment's workload identity, as `astro deployment inspect` reports it;
 * - `role_arn` in the kwargs is then assumed by that principal (with `assume_role_kwargs`).
 */
import type { AccessReader } from '../../../shared/api';
import type { BackendKwargs } from '../../../shared/airflow';

export type DeploymentReading =
  | { readonly kind: 'no-target'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly name: string | null; readonly message: string }
  | {
      readonly kind: 'read';
      readonly id: string;
      readonly name: string;
      readonly workloadIdentity: string | null;
      /** AWS_ACCESS_KEY_ID is set on the Deployment. */
      readonly hasAwsKeys: boolean;
      /** Whose keys they are, when they match a profile Airlock holds. */
      readonly keysOwner: { readonly profile: string; readonly arn: string } | null;
    };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function externalIdOf(kwargs: BackendKwargs): string | null {
  const assume = kwargs.assume_role_kwargs;
  if (typeof assume !== 'object' || assume === null || Array.isArray(assume)) return null;
  return text((assume as Record<string, unknown>).ExternalId);
}

export function whoReads(deployment: DeploymentReading, kwargs: BackendKwargs): AccessReader {
  const roleArn = text(kwargs.role_arn);
  const externalId = externalIdOf(kwargs);
  const notes: string[] = [];
  const method = text(kwargs.assume_role_method);
  if (roleArn !== null && method !== null && method !== 'assume_role') notes.push(`assume_role_method is ${method}: Airlock checks the role's permissions, but not the ${method} sign-in itself.`);

  let source: AccessReader['source'] = 'none';
  let principalArn: string | null = null;
  let ref: AccessReader['deployment'] = null;
  if (text(kwargs.aws_access_key_id) !== null) {
    source = 'deployment-keys';
    notes.push('The kwargs carry aws_access_key_id: Airflow calls AWS with those keys, and Airlock cannot tell whose they are.');
  } else if (deployment.kind === 'no-target') {
    notes.push(deployment.message);
  } else if (deployment.kind === 'unavailable') {
    notes.push(`Airlock could not read the Deployment${deployment.name === null ? '' : ` ${deployment.name}`}: ${deployment.message}`);
  } else {
    ref = { id: deployment.id, name: deployment.name };
    if (deployment.hasAwsKeys) {
      source = 'deployment-keys';
      principalArn = deployment.keysOwner?.arn ?? null;
      notes.push(
        deployment.keysOwner === null
          ? `The Deployment ${deployment.name} has AWS_ACCESS_KEY_ID set, which wins over its workload identity; Airlock did not deploy them from a profile it holds, so it cannot tell whose they are.`
          : `The Deployment ${deployment.name} has the keys of profile ${deployment.keysOwner.profile} (AWS_ACCESS_KEY_ID), which win over its workload identity.`,
      );
    } else if (deployment.workloadIdentity !== null) {
      source = 'workload-identity';
      principalArn = deployment.workloadIdentity;
      notes.push(`astro deployment inspect reports the workload identity of ${deployment.name}.`);
    } else {
      notes.push(`Astro reports no workload identity for ${deployment.name} (Deployments outside AWS, or a customer-managed identity): Airlock cannot tell who assumes the role.`);
    }
  }
  return { source, principalArn, roleArn, externalId, checkedArn: roleArn ?? principalArn, deployment: ref, notes };
}
