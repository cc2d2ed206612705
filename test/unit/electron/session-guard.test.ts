import { describe, expect, it } from 'vitest';
import type { ActiveProfile, ProfileSummary } from '../../../shared/api';
import { requiredConfirmation } from '../../../electron/services/session';

function activeProfile(overrides: { production: boolean; account: string | null; name?: string }): ActiveProfile {
  const profile: ProfileSummary = {
    name: overrides.name ?? 'deploy',
    kind: 'assume-role',
    region: 'eu-west-1',
    endpoint: null,
    source: 'config',
    mfa: false,
    ssoSession: null,
    sourceChain: ['deploy', 'base'],
    account: overrides.account,
    sso: null,
    broken: null,
    isDefault: false,
    production: overrides.production,
    productionMarkedBy: overrides.production ? 'profile' : null,
  };
  return {
    profile,
    region: 'eu-west-1',
    regionOverridden: false,
    identity: overrides.account === null ? null : { account: overrides.account, arn: `arn:aws:sts::${overrides.account}:assumed-role/Deploy/x`, userId: 'AROAX:x' },
    identityError: null,
    production: overrides.production,
  };
}

describe('requiredConfirmation: the production guard for writes', () => {
  it('lets writes through under a profile that is not production', () => {
    expect(requiredConfirmation(activeProfile({ production: false, account: '123456789012' }), 'delete x', undefined)).toBeNull();
  });

  it('asks for the account id under production, naming the account, profile and action', () => {
    const active = activeProfile({ production: true, account: '123456789012' });
    expect(requiredConfirmation(active, 'delete airflow/connections/db', undefined)).toEqual({
      account: '123456789012',
      profile: 'deploy',
      expected: '123456789012',
      action: 'delete airflow/connections/db',
    });
    expect(requiredConfirmation(active, 'delete airflow/connections/db', 'deploy')).not.toBeNull();
    expect(requiredConfirmation(active, 'delete airflow/connections/db', '123456789013')).not.toBeNull();
    expect(requiredConfirmation(active, 'delete airflow/connections/db', ' 123456789012 ')).toBeNull();
  });

  it('asks for the profile name when the account is unknown', () => {
    const active = activeProfile({ production: true, account: null, name: 'prod-emulator' });
    expect(requiredConfirmation(active, 'create x', undefined)).toMatchObject({ account: null, expected: 'prod-emulator' });
    expect(requiredConfirmation(active, 'create x', 'prod-emulator')).toBeNull();
  });
});
