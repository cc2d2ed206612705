/**
 * The active AWS profile, always visible in the header, and the one-click switcher.
 * Switching only changes server state; unsaved edits elsewhere stay in their components.
 */
import { Button, Classes, Menu, MenuDivider, MenuItem, Popover, Tag, Tooltip } from '@blueprintjs/core';
import type { ActiveProfile, ProfileSummary } from '../../../shared/api';
import { useApiQuery } from '../api/client';
import { useSelectProfile } from '../hooks/use-select-profile';
import { humanizeApiError, toHumanError } from '../errors';

export function ProfileMenu() {
  const active = useApiQuery('profiles.active', {});
  const profiles = useApiQuery('profiles.list', {});
  const select = useSelectProfile();

  const current = active.data ?? null;
  const menu = (
    <Menu data-testid="profile-menu">
      {profiles.isPending ? <MenuItem disabled text="Loading profiles…" /> : null}
      {profiles.error !== null ? <MenuItem disabled intent="danger" text={toHumanError(profiles.error).detail} /> : null}
      {(profiles.data ?? []).map((profile) => (
        <ProfileItem key={profile.name} profile={profile} active={current?.profile.name === profile.name} onSelect={() => select.mutate({ name: profile.name })} />
      ))}
      <MenuDivider />
      <MenuItem icon="refresh" text="Reload profiles" onClick={() => void profiles.refetch()} />
    </Menu>
  );

  return (
    <div className="profile-menu">
      <Popover content={menu} placement="bottom-end" minimal>
        <Button
          data-testid="profile-button"
          icon="cloud"
          endIcon="caret-down"
          variant="minimal"
          intent={current?.production === true ? 'warning' : 'none'}
          loading={select.isPending || active.isPending}
          text={current === null ? 'Choose a profile' : current.profile.name}
        />
      </Popover>
      <IdentitySummary active={current} />
      {select.error !== null ? (
        <Tooltip content={toHumanError(select.error).detail}>
          <Tag intent="danger" icon="error" data-testid="profile-error">{toHumanError(select.error).title}</Tag>
        </Tooltip>
      ) : null}
    </div>
  );
}

function ProfileItem({ profile, active, onSelect }: { profile: ProfileSummary; active: boolean; onSelect: () => void }) {
  const label = [profile.kind, profile.region ?? 'no region'].join(' · ');
  return (
    <MenuItem
      data-testid={`profile-item-${profile.name}`}
      icon={active ? 'tick' : profile.broken !== null ? 'warning-sign' : 'blank'}
      text={profile.name}
      label={label}
      intent={profile.production ? 'warning' : 'none'}
      disabled={profile.broken !== null}
      title={profile.broken?.reason}
      onClick={onSelect}
    />
  );
}

function IdentitySummary({ active }: { active: ActiveProfile | null }) {
  if (active === null) return null;
  if (active.identity === null) {
    return (
      <span className={`identity ${Classes.TEXT_MUTED}`} data-testid="identity">
        {active.region} · {active.identityError === null ? 'identity unknown' : humanizeApiError(active.identityError).title}
      </span>
    );
  }
  return (
    <span className="identity" data-testid="identity" title={active.identity.arn}>
      {active.production ? <Tag intent="warning" minimal icon="warning-sign">production</Tag> : null}
      <span className={Classes.TEXT_MUTED}>account</span> {active.identity.account} · <span className={Classes.TEXT_MUTED}>region</span> {active.region}
    </span>
  );
}
