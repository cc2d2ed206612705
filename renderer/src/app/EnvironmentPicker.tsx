/**
 * The one switch between a project's environments (dev, staging, prod...), in the header beside
 * the profile menu: one click switches to the environment's profile (the user's own pick, else the
 * team's) and region, uses its backend kwargs in the Secrets view and its Deployment in the Deploy
 * view. An environment whose profile this user lacks, or that reaches another account, is shown as
 * such and does not switch: silently using another profile is how a write lands in the wrong account.
 */
import { Button, Menu, MenuDivider, MenuItem, PopoverNext, Spinner, Tag, Tooltip } from '@blueprintjs/core';
import type { EnvironmentView } from '../../../shared/api';
import { useApiQuery } from '../api';
import { toHumanError } from '../errors';
import { useSelectProfile } from '../hooks';
import { chosenFrom, switchBlocker, useWorkspace } from '../workspace';
import { useNavigation } from '../navigation';

export function EnvironmentPicker() {
  const workspace = useWorkspace();
  const { go } = useNavigation();
  const path = workspace.projectPath;
  const list = useApiQuery('environments.list', { path: path ?? '/' }, { enabled: path !== null });
  const active = useApiQuery('profiles.active', {});
  const select = useSelectProfile();
  if (path === null || list.data === undefined || list.data.environments.length === 0) return null;

  const environments = list.data.environments;
  const chosen = workspace.environment;
  // The profile menu can switch away from the environment's profile: say so rather than pretend.
  const activeProfile = active.data?.profile.name ?? null;
  const drifted = chosen !== null && activeProfile !== null && activeProfile !== chosen.profile;

  const choose = async (environment: EnvironmentView): Promise<void> => {
    const profile = environment.profile.using;
    if (profile === null || switchBlocker(environment) !== null) return;
    try {
      await select.mutateAsync({ name: profile, ...(environment.region === null ? {} : { region: environment.region }), projectPath: path, environment: environment.name });
      workspace.chooseEnvironment(chosenFrom(environment, profile));
    } catch {
      // Shown from `select.error` (an SSO login opens its dialog, which completes the switch).
    }
  };

  const menu = (
    <Menu data-testid="environment-menu" className="environment-menu-list">
      <MenuDivider title="Environments of this project" />
      {environments.map((environment) => {
        const blocker = switchBlocker(environment);
        const where = [environment.profile.using ?? 'no profile', environment.accountId, environment.region].filter((part) => part !== null).join(' · ');
        return (
          <MenuItem
            key={environment.name}
            icon={chosen?.name === environment.name ? 'tick' : environment.production ? 'warning-sign' : 'layers'}
            intent={environment.production ? 'warning' : 'none'}
            disabled={blocker !== null}
            multiline
            text={
              <span className="environment-item">
                <strong>{environment.name}</strong>
                {environment.production ? <Tag minimal intent="warning">production</Tag> : null}
                <span className="environment-item-meta">{where}</span>
                {environment.deployment === null ? null : <span className="environment-item-meta">Deployment {environment.deployment.deploymentName}</span>}
                {blocker === null ? null : <span className="environment-item-blocked" data-testid={`environment-blocked-${environment.name}`}>{blocker}</span>}
              </span>
            }
            onClick={() => void choose(environment)}
            data-testid={`environment-option-${environment.name}`}
          />
        );
      })}
      <MenuDivider />
      <MenuItem icon="edit" text="Edit environments and your profiles…" onClick={() => go('projects')} data-testid="environment-edit" />
    </Menu>
  );

  const switching = select.isPending;
  return (
    <div className="environment-picker" data-testid="environment-picker">
      <PopoverNext content={menu} placement="bottom-end" animation="minimal" arrow={false}>
        <Button
          variant="minimal"
          icon={switching ? <Spinner size={14} /> : 'layers'}
          endIcon="caret-down"
          intent={chosen?.production === true ? 'warning' : 'none'}
          text={chosen === null ? 'Environment' : chosen.name}
          title={chosen === null ? 'Switch profile, region, kwargs and Deployment to one of this project\'s environments' : `Environment "${chosen.name}"`}
          data-testid="environment-button"
          data-environment={chosen?.name ?? ''}
        />
      </PopoverNext>
      {drifted ? (
        <Tooltip content={`The profile in use is "${activeProfile}", not "${chosen.profile}" of the environment "${chosen.name}". Choose the environment again to switch back.`} placement="bottom">
          <Tag minimal intent="warning" icon="warning-sign" data-testid="environment-drifted">other profile</Tag>
        </Tooltip>
      ) : null}
      {select.error !== null && select.error.apiError.code !== 'SSO_LOGIN_REQUIRED' ? (
        <Tooltip content={toHumanError(select.error).detail} placement="bottom">
          <Tag intent="danger" icon="error" interactive onRemove={() => select.reset()} data-testid="environment-error">{toHumanError(select.error).title}</Tag>
        </Tooltip>
      ) : null}
    </div>
  );
}
