/**
 * Reading one secret when the user opens it: its metadata, its value (AWSCURRENT or a given
 * version) with the version id the editor later writes against, and its version history.
 */
import { DescribeSecretCommand, GetSecretValueCommand, ListSecretVersionIdsCommand, type SecretVersionsListEntry } from '@aws-sdk/client-secrets-manager';
import type { SecretDetail, SecretVersion } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { AwsClients } from '../session';
import { tagsOf } from './secret-summaries';
import { aws, isoDate, type SecretsDeps } from './secrets-deps';

export const CURRENT = 'AWSCURRENT';

/** The version AWSCURRENT sits on, from DescribeSecret. */
export async function describeCurrent(clients: AwsClients, name: string) {
  const described = await aws(clients, name, () => clients.secretsManager.send(new DescribeSecretCommand({ SecretId: name })));
  const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(CURRENT))?.[0] ?? null;
  return { described, currentVersionId: current };
}

export async function getSecret(deps: SecretsDeps, input: { name: string; versionId?: string | undefined }): Promise<SecretDetail> {
  const clients = await deps.clients();
  const { described } = await describeCurrent(clients, input.name);
  if (described.DeletedDate !== undefined) {
    throw new AppError('SCHEDULED_FOR_DELETION', `Secret "${input.name}" is scheduled for deletion. Restore it first (Scheduled for deletion tab) to read or change it.`);
  }
  const value = await aws(clients, input.name, () =>
    clients.secretsManager.send(new GetSecretValueCommand({ SecretId: input.name, ...(input.versionId === undefined ? {} : { VersionId: input.versionId }) })),
  );
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
  const clients = await deps.clients();
  const entries: SecretVersionsListEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await aws(clients, input.name, () =>
      clients.secretsManager.send(new ListSecretVersionIdsCommand({ SecretId: input.name, IncludeDeprecated: true, MaxResults: 100, ...(nextToken === undefined ? {} : { NextToken: nextToken }) })),
    );
    entries.push(...(page.Versions ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
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
