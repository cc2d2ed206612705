/**
 * What every secrets screen needs to know: the kwargs in use (read with the Airflow library, never
 * defaulted when invalid) and where writes go (profile, account, the AWS CLI context for the
 * equivalent commands).
 */
import { useMemo } from 'react';
import type { CliContext } from '../../../../shared/aws-cli-commands';
import { readKwargsInUse, type KwargsInUseResult } from '../../../../shared/secrets';
import { useApiQuery } from '../../api';
import { useWorkspace, type KwargsSource } from '../../workspace';

export interface KwargsState {
  readonly json: string;
  readonly source: KwargsSource;
  readonly read: KwargsInUseResult;
}

export function useKwargsInUse(): KwargsState {
  const { kwargsJson, kwargsSource } = useWorkspace();
  return useMemo(() => ({ json: kwargsJson, source: kwargsSource, read: readKwargsInUse(kwargsJson) }), [kwargsJson, kwargsSource]);
}

export interface WriteTarget {
  readonly profile: string;
  readonly account: string | null;
  readonly region: string;
  readonly production: boolean;
  readonly cli: CliContext;
}

/** Where writes go now; null while no profile is active. */
export function useWriteTarget(): WriteTarget | null {
  const active = useApiQuery('profiles.active', {});
  const data = active.data ?? null;
  return useMemo(() => {
    if (data === null) return null;
    const sandbox = data.profile.kind === 'sandbox';
    return {
      profile: data.profile.name,
      account: data.identity?.account ?? null,
      region: data.region,
      production: data.production,
      // The sandbox is no AWS CLI profile: its commands need the endpoint instead.
      cli: sandbox ? { region: data.region, endpointUrl: data.profile.endpoint } : { profile: data.profile.name, region: data.region, endpointUrl: data.profile.endpoint },
    };
  }, [data]);
}

export function newRequestToken(): string {
  return crypto.randomUUID();
}
