/**
 * Who the active profile is, in detail: account, caller ARN, region (with the override picker),
 * endpoint, how it signs in, and actions to check the identity again or sign in again.
 */
import { Button, Callout, Classes, HTMLSelect, HTMLTable, Tag } from '@blueprintjs/core';
import { knownRegionNames, type ActiveProfile } from '../../../../shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation } from '../../api';
import { humanizeApiError } from '../../errors';
import { useSelectProfile } from '../../hooks';
import { kindLabel } from './profile-labels';
import { MessageText, ExactName } from '../../components';

const profileRegion = '';

export function IdentityDetails({ active, onSignInAgain }: { active: ActiveProfile; onSignInAgain: () => void }) {
  const queryClient = useQueryClient();
  const select = useSelectProfile();
  const refresh = useApiMutation('profiles.refreshIdentity', {
    onSuccess: (value) => queryClient.setQueryData(apiQueryKey('profiles.active', {}), value),
  });
  const { profile, identity, identityError } = active;
  const regions = [...new Set([...(profile.region === null ? [] : [profile.region]), active.region, ...knownRegionNames])];

  const chooseRegion = (value: string) => {
    const useOwn = value === profileRegion;
    select.mutate({ name: profile.name, ...(useOwn ? {} : { region: value }) });
  };

  return (
    <div className="identity-details" data-testid="identity-details">
      {active.production ? (
        <Callout intent="warning" icon="warning-sign" compact className="identity-production">
          Production{profile.productionMarkedBy === 'account' ? ' account' : ''}: every change asks you to type the account id first.
        </Callout>
      ) : null}
      <HTMLTable compact className="identity-table">
        <tbody>
          <tr><th>Profile</th><td>{profile.name} <Tag minimal>{kindLabel(profile.kind)}</Tag></td></tr>
          <tr><th>Account</th><td className="mono" data-testid="identity-account">{identity?.account ?? profile.account ?? '—'}</td></tr>
          <tr><th>Caller</th><td className="mono identity-arn" data-testid="identity-arn">{identity === null ? '—' : <ExactName text={identity.arn} />}</td></tr>
          <tr>
            <th>Region</th>
            <td>
              <HTMLSelect
                value={active.regionOverridden ? active.region : profileRegion}
                onChange={(event) => chooseRegion(event.currentTarget.value)}
                disabled={select.isPending}
                data-testid="region-select"
                options={[
                  { value: profileRegion, label: profile.region === null ? 'The profile has no region' : `${profile.region} (the profile's)`, disabled: profile.region === null },
                  ...regions.filter((region) => region !== profile.region).map((region) => ({ value: region, label: region })),
                ]}
              />
            </td>
          </tr>
          <tr><th>Endpoint</th><td className="mono">{profile.endpoint === null ? 'AWS' : <ExactName text={profile.endpoint} />}</td></tr>
          {profile.sourceChain === null ? null : <tr><th>Chain</th><td>{profile.sourceChain.join(' → ')}</td></tr>}
          {profile.ssoSession === null ? null : <tr><th>SSO session</th><td>{profile.ssoSession}</td></tr>}
        </tbody>
      </HTMLTable>
      {identityError === null ? null : (
        <Callout intent="danger" compact title={humanizeApiError(identityError).title} data-testid="identity-error">
          <MessageText text={identityError.message} />
        </Callout>
      )}
      <div className="identity-actions">
        <Button size="small" icon="refresh" text="Check again" loading={refresh.isPending} onClick={() => refresh.mutate({})} data-testid="identity-refresh" />
        {/* The sandbox has fixed local keys: there is nothing to sign in to. */}
        {profile.kind === 'sandbox' ? null : <Button size="small" icon="log-in" text="Sign in again" onClick={onSignInAgain} data-testid="identity-sign-in" />}
      </div>
      {refresh.error === null ? null : <p className={Classes.TEXT_MUTED}>{refresh.error.message}</p>}
    </div>
  );
}
