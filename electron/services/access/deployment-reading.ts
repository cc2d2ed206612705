/**
 * Reads what the access check needs from the project's Astro Deployment (issue 14 item 1): the
 * workload identity `astro deployment inspect --show-workload-identity` reports, and whether AWS
 * keys sit on the Deployment and, if Airlock deployed them, from which profile (their keyed
 * digest, the one Airlock recorded at deploy time, matches that profile's access key id). No key
 * or value leaves the main process. Problems come back as data: the check runs without a Deployment.
 */
import type { TargetFileRead } from '../../../shared/api';
import type { SecretRecords } from '../../../shared/deploy';
import { AppError } from '../../../shared/errors';
import type { DeploymentInfo } from '../astro';
import type { DeploymentReading } from './who-reads';

export const ACCESS_KEY_VARIABLE = 'AWS_ACCESS_KEY_ID';

export interface DeploymentReadingDeps {
  readonly readTarget: (root: string) => Promise<TargetFileRead>;
  readonly inspect: (deploymentId: string, workspaceId: string) => Promise<DeploymentInfo>;
  readonly records: {
    recordsFor(deploymentId: string): Promise<SecretRecords>;
    digest(deploymentId: string, key: string, value: string): Promise<string>;
  };
  /** The access key id and caller ARN of a profile Airlock holds, or null when it cannot sign in. */
  readonly profileKey: (profile: string) => Promise<{ readonly accessKeyId: string; readonly arn: string } | null>;
  /** Profiles to try as the keys' owner: the project's team profile and the active one. */
  readonly candidateProfiles: (target: { readonly awsProfile: string | null }) => Promise<readonly string[]>;
}

export function createDeploymentReading(deps: DeploymentReadingDeps): (root: string) => Promise<DeploymentReading> {
  const keysOwner = async (info: DeploymentInfo, awsProfile: string | null): Promise<{ profile: string; arn: string } | null> => {
    const variable = info.variables.find((candidate) => candidate.key === ACCESS_KEY_VARIABLE);
    if (variable === undefined) return null;
    const recorded = variable.value === null ? (await deps.records.recordsFor(info.id))[ACCESS_KEY_VARIABLE] : undefined;
    if (variable.value === null && recorded === undefined) return null;
    for (const profile of await deps.candidateProfiles({ awsProfile })) {
      const key = await deps.profileKey(profile);
      if (key === null) continue;
      const same = variable.value !== null ? variable.value === key.accessKeyId : recorded?.digest === (await deps.records.digest(info.id, ACCESS_KEY_VARIABLE, key.accessKeyId));
      if (same) return { profile, arn: key.arn };
    }
    return null;
  };

  return async (root) => {
    const file = await deps.readTarget(root);
    if (file.target === null) {
      return { kind: 'no-target', message: file.problem ?? 'The project has no Astro Deployment yet (choose it in Deploy), so Airlock cannot tell who reads the secrets.' };
    }
    const target = file.target;
    let info: DeploymentInfo;
    try {
      info = await deps.inspect(target.deploymentId, target.workspaceId);
    } catch (error) {
      return { kind: 'unavailable', name: target.deploymentName, message: error instanceof AppError ? error.message : 'the astro CLI failed.' };
    }
    const hasAwsKeys = info.variables.some((variable) => variable.key === ACCESS_KEY_VARIABLE);
    return { kind: 'read', id: info.id, name: info.name, workloadIdentity: info.workloadIdentity, hasAwsKeys, keysOwner: hasAwsKeys ? await keysOwner(info, target.awsProfile) : null };
  };
}
