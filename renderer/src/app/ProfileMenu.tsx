/**
 * The active AWS profile, always visible in the header: the one-click switcher (profiles grouped
 * by how they sign in, broken ones with their reason), who the credentials belong to, the
 * production warning, and the sign-in dialogs (SSO, MFA) with "log in again" when a call fails on
 * expired credentials. Switching only changes server state; unsaved edits elsewhere stay in place.
 */
import { Button, Classes, Menu, MenuDivider, MenuItem, PopoverNext, Spinner, Tag, Tooltip } from '@blueprintjs/core';
import { Fragment } from 'react';
import type { ActiveProfile, ProfileSummary } from '../../../shared/api';
import type { ApiError, ErrorCode } from '../../../shared/errors';
import { useApiQuery } from '../api';
import { humanizeApiError, toHumanError } from '../errors';
import { useSignInProblem, useProjectProfile, useSelectProfile, useSignInWatch, useReloadProfiles } from '../hooks';
import { IdentityDetails, MfaPromptDialog, endpointHost, groupProfiles, isUnusable, kindIcon, kindLabel, ssoAttention, CONFIGURE_SSO_COMMAND, useNoOwnProfiles, WhereAirlockLooked, SsoLoginDialog } from '../views/profiles';
import { useNavigation } from '../navigation';

/** Why the active profile has no identity, when signing in again is the fix. */
const identitySignInCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['SSO_LOGIN_REQUIRED', 'CREDENTIALS_EXPIRED', 'CANCELLED']);

export function ProfileMenu() {
  useSignInWatch();
  const active = useApiQuery('profiles.active', {});
  const profiles = useApiQuery('profiles.list', {});
  const select = useSelectProfile();
  const problem = useSignInProblem();
  const { go } = useNavigation();
  const reload = useReloadProfiles();
  const own = useNoOwnProfiles();
  useProjectProfile(active.isPending ? undefined : (active.data ?? null));

  const current = active.data ?? null;
  const identityProblem = current?.identityError != null && identitySignInCodes.has(current.identityError.code) ? current.identityError : null;
  const signInProblem: ApiError | null = current === null ? null : (problem ?? identityProblem);

  const choose = (profile: ProfileSummary) => {
    // A profile without a region borrows the one in use; the region picker changes it afterwards.
    select.mutate({ name: profile.name, ...(profile.region === null ? { region: current?.region ?? 'us-east-1' } : {}) });
  };
  const signInAgain = (state: ActiveProfile) => {
    select.mutate({ name: state.profile.name, ...(state.regionOverridden ? { region: state.region } : {}), fresh: true });
  };

  const list = profiles.data ?? [];
  const menu = (
    <Menu data-testid="profile-menu" className="profile-menu-list">
      {profiles.isPending ? <MenuItem disabled text="Loading profiles…" /> : null}
      {profiles.error !== null ? <MenuItem disabled intent="danger" multiline text={toHumanError(profiles.error).detail} /> : null}
      {groupProfiles(list).map((group) => (
        <Fragment key={group.title}>
          <MenuDivider title={group.title} />
          {group.profiles.map((profile) => (
            <ProfileItem key={profile.name} profile={profile} active={current?.profile.name === profile.name} onSelect={() => choose(profile)} />
          ))}
        </Fragment>
      ))}
      {own.none ? (
        <>
          <MenuDivider title="No AWS profiles found" />
          <MenuItem disabled multiline text={own.files === undefined ? 'Looking for your AWS files…' : <WhereAirlockLooked files={own.files} />} data-testid="profiles-none" />
          <MenuItem icon="key" text="Enter keys in Settings…" onClick={() => go('settings')} data-testid="profiles-none-settings" />
          <MenuItem disabled multiline icon="console" text={<>Or run <code>{CONFIGURE_SSO_COMMAND}</code> in a terminal, then reload.</>} data-testid="profiles-none-command" />
        </>
      ) : null}
      <MenuDivider />
      <MenuItem icon="refresh" text="Reload profiles" shouldDismissPopover={false} onClick={() => reload.mutate({})} data-testid="profiles-reload" />
      <MenuItem icon="cog" text="Production marks and keys…" onClick={() => go('settings')} data-testid="profiles-settings" />
    </Menu>
  );

  const selectError = select.error !== null && select.error.apiError.code !== 'SSO_LOGIN_REQUIRED' ? select.error : null;
  return (
    <div className="profile-menu">
      {current?.production === true ? (
        <Tag intent="warning" icon="warning-sign" data-testid="production-tag" className="production-tag">
          production
        </Tag>
      ) : null}
      <PopoverNext content={menu} placement="bottom-end" animation="minimal" arrow={false}>
        <Button
          data-testid="profile-button"
          // The name stays visible while switching (a loading button would hide it).
          icon={select.isPending || active.isPending ? <Spinner size={14} /> : current === null ? 'cloud' : kindIcon(current.profile.kind)}
          endIcon="caret-down"
          variant="minimal"
          intent={current?.production === true ? 'warning' : 'none'}
          text={select.isPending && select.variables !== undefined ? `Switching to ${select.variables.name}…` : current === null ? 'Choose a profile' : current.profile.name}
        />
      </PopoverNext>
      {current === null ? null : <IdentitySummary active={current} onSignInAgain={() => signInAgain(current)} />}
      {signInProblem !== null && current !== null && current.profile.kind !== 'sandbox' ? (
        <Tooltip content={signInProblem.message} placement="bottom">
          <Button size="small" intent="warning" icon="log-in" text="Log in again" loading={select.isPending} onClick={() => signInAgain(current)} data-testid="log-in-again" />
        </Tooltip>
      ) : null}
      {selectError !== null ? (
        <Tooltip content={toHumanError(selectError).detail} placement="bottom">
          <Tag intent="danger" icon="error" data-testid="profile-error" interactive onRemove={() => select.reset()}>
            {toHumanError(selectError).title}
          </Tag>
        </Tooltip>
      ) : null}
      <SsoLoginDialog />
      <MfaPromptDialog />
    </div>
  );
}

function ProfileItem({ profile, active, onSelect }: { profile: ProfileSummary; active: boolean; onSelect: () => void }) {
  const unusable = isUnusable(profile);
  const attention = ssoAttention(profile.sso);
  const host = endpointHost(profile.endpoint);
  const meta = [kindLabel(profile.kind), profile.region ?? 'no region: uses the region in use', host].filter((part) => part !== null).join(' · ');
  return (
    <MenuItem
      data-testid={`profile-item-${profile.name}`}
      data-broken={unusable ? 'true' : 'false'}
      icon={active ? 'tick' : unusable ? 'warning-sign' : kindIcon(profile.kind)}
      disabled={unusable}
      multiline
      htmlTitle={unusable ? profile.broken?.reason : meta}
      intent={profile.production ? 'warning' : 'none'}
      onClick={onSelect}
      text={
        <div className="profile-item">
          <div className="profile-item-line">
            <span className="profile-item-name">{profile.name}</span>
            {profile.isDefault ? <Tag minimal>default</Tag> : null}
            {profile.production ? <Tag minimal intent="warning">production</Tag> : null}
            {profile.mfa ? <Tag minimal icon="mobile-phone">MFA</Tag> : null}
            {attention === null ? null : <Tag minimal intent="primary">{attention}</Tag>}
          </div>
          {unusable ? (
            <div className="profile-item-reason" data-testid={`profile-reason-${profile.name}`}>{profile.broken?.reason}</div>
          ) : (
            <div className={`profile-item-meta ${Classes.TEXT_MUTED}`}>{meta}</div>
          )}
        </div>
      }
    />
  );
}

function IdentitySummary({ active, onSignInAgain }: { active: ActiveProfile; onSignInAgain: () => void }) {
  const details = <IdentityDetails active={active} onSignInAgain={onSignInAgain} />;
  const summary = active.identity === null ? (
    <>
      {active.region} · {active.identityError === null ? 'identity unknown' : humanizeApiError(active.identityError).title}
    </>
  ) : (
    <>
      <span className={Classes.TEXT_MUTED}>account</span> <span className="mono">{active.identity.account}</span> · <span className={Classes.TEXT_MUTED}>region</span> {active.region}
      {active.regionOverridden ? <span className={Classes.TEXT_MUTED}> (chosen)</span> : null}
    </>
  );
  return (
    <PopoverNext content={details} placement="bottom-end">
      <button type="button" className="identity identity-button" data-testid="identity" title={active.identity?.arn ?? active.identityError?.message ?? ''}>
        {summary}
      </button>
    </PopoverNext>
  );
}
