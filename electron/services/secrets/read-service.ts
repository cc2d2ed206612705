/**
 * Reading one secret when the user opens it: its metadata, its value (AWSCURRENT or a given
 * version) with the version id the editor later writes against, and its version history.
 */
import type { SecretDetail, SecretVersion } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { tagsOf } from './secret-summaries';
import type { SecretsGateway } from './secrets-gateway';
import { isoDate, secretsTarget, type SecretsDeps } from './secrets-deps';

export const CURRENT = 'AWSCURRENT';

/** The version AWSCURRENT sits on, from DescribeSecret. */
export async function describeCurrent(gateway: SecretsGateway, name: string) {
  const described = await gateway.describe(name);
  const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(CURRENT))?.[0] ?? null;
  return { described, currentVersionId: current };
}

export async function getSecret(deps: SecretsDeps, input: { name: string; versionId?: string | undefined }): Promise<SecretDetail> {
  const { gateway } = await secretsTarget(deps, await deps.clients());
  const { described } = await describeCurrent(gateway, input.name);
  if (described.DeletedDate !== undefined) {
    throw new AppError('SCHEDULED_FOR_DELETION', `Secret "${input.name}" is scheduled for deletion. Restore it first (Scheduled for deletion tab) to read or change it.`);
  }
  const value = await gateway.getValue(input.name, input.versionId);
  return {
    name: described.Name ?? input.name,
    arn: described.ARN ?? value.ARN ?? '',
    description: described.Description ?? null,
    tags: tagsOf(described.Tags),
    lastChangedAt: isoDate(described.LastChangedDate),
    createdAt: isoDate(described.CreatedDate),
    value: value.SecretString ?? null,
    binary: value.SecretString === undefined,
    versionId: value.VersionId ?? '',
    versionStages: value.VersionStages ?? [],
    versionCreatedAt: isoDate(value.CreatedDate),
  };
}

export async function secretHistory(deps: SecretsDeps, input: { name: string }): Promise<{ name: string; versions: SecretVersion[] }> {
  const { gateway } = await secretsTarget(deps, await deps.clients());
  const entries = await gateway.versions(input.name);
  const versions = entries
    .filter((entry) => entry.VersionId !== undefined)
    .map((entry) => ({
      versionId: entry.VersionId ?? '',
      stages: entry.VersionStages ?? [],
      createdAt: isoDate(entry.CreatedDate),
      lastAccessedAt: isoDate(entry.LastAccessedDate),
    }))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  return { name: input.name, versions };
}
