import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { SecretKind, SecretPrefixes, SecretSummary } from '../../shared/api';
import type { DomainHandlers } from '../dispatch';
import { listSecretsUnderPrefix } from '../services/secrets/list-secrets';
import type { CoreServices } from '../core';
import { toAppError } from '../services/aws';

const DEFAULT_PREFIXES: SecretPrefixes = { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' };
const SEP = '/';

export function createSecretsHandlers(core: CoreServices): DomainHandlers<'secrets'> {
  return {
    'secrets.list': async ({ prefixes = DEFAULT_PREFIXES }, ctx) => {
      const { secretsManager } = await core.session.clients();
      const kinds: [SecretKind, string | null][] = [
        ['connection', prefixes.connections],
        ['variable', prefixes.variables],
        ['config', prefixes.config],
      ];
      let listCalls = 0;
      const items: SecretSummary[] = [];
      for (const [kind, prefix] of kinds) {
        if (prefix === null) continue;
        const namePrefix = prefix === '' ? '' : `${prefix}${SEP}`;
        try {
          const { entries, calls } = await listSecretsUnderPrefix(secretsManager, { namePrefix, signal: ctx.signal });
          listCalls += calls;
          items.push(...entries.flatMap((entry) => toSummary(entry, kind, namePrefix)));
        } catch (error) {
          throw toAppError(error);
        }
      }
      return { prefixes, items, listCalls };
    },
  };
}

function toSummary(entry: SecretListEntry, kind: SecretKind, namePrefix: string): SecretSummary[] {
  if (entry.Name === undefined || entry.ARN === undefined) return [];
  return [{
    name: entry.Name,
    arn: entry.ARN,
    kind,
    id: entry.Name.slice(namePrefix.length),
    description: entry.Description ?? null,
    lastChangedAt: entry.LastChangedDate?.toISOString() ?? null,
    createdAt: entry.CreatedDate?.toISOString() ?? null,
    deletedAt: entry.DeletedDate?.toISOString() ?? null,
    tags: (entry.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
  }];
}
