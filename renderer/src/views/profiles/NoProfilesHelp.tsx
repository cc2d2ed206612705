/**
 * When the AWS files hold no profile (a new user, or files elsewhere than Airlock looks): say so,
 * say exactly which files Airlock read (the main process's paths, AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE included), and offer the ways forward: the sandbox, keys entered in
 * Settings, or `aws configure sso` in a terminal.
 */
import { Button, Classes } from '@blueprintjs/core';
import type { AwsConfigLocation, AwsConfigLocations, ProfileSummary } from '../../../../shared/api';
import { useApiQuery } from '../../api';
import { ExactName } from '../../components';

/** True when the list has nothing but Airlock's own sandbox: no profile from the AWS files or from Settings. */
export function hasNoOwnProfiles(profiles: readonly ProfileSummary[] | undefined): boolean {
  return profiles?.every((profile) => profile.kind === 'sandbox') === true;
}

/** The profiles list, and the files it came from when it holds none of the user's own. */
export function useNoOwnProfiles(): { readonly none: boolean; readonly files: AwsConfigLocations | undefined } {
  const profiles = useApiQuery('profiles.list', {});
  const none = hasNoOwnProfiles(profiles.data);
  const files = useApiQuery('profiles.configLocations', {}, { enabled: none });
  return { none, files: files.data };
}

function DescribeFile({ file }: { file: AwsConfigLocation }) {
  return (
    <>
      <ExactName text={file.path} /> ({file.exists ? 'no profiles in it' : 'not found'}
      {file.setBy === null ? null : <>, named by <ExactName text={file.setBy} wrap="never" /></>})
    </>
  );
}

/** "Airlock looked in <config> (not found) and <credentials> (not found)." Paths are shown whole. */
export function WhereAirlockLooked({ files }: { files: AwsConfigLocations }) {
  return (
    <>
      Airlock looked in <DescribeFile file={files.config} /> and <DescribeFile file={files.credentials} />.
    </>
  );
}

export const CONFIGURE_SSO_COMMAND = 'aws configure sso';

/** The ways forward, for the first screen. */
export function NoProfilesHelp({ files, onUseSandbox, sandboxPending, onOpenSettings, onReload, reloading }: {
  files: AwsConfigLocations | undefined;
  onUseSandbox: () => void;
  sandboxPending: boolean;
  onOpenSettings: () => void;
  onReload: () => void;
  reloading: boolean;
}) {
  return (
    <div className="no-profiles" data-testid="no-profiles">
      <p data-testid="no-profiles-where">No AWS profiles were found.{files === undefined ? null : <> <WhereAirlockLooked files={files} /></>}</p>
      <ul className={Classes.LIST}>
        <li>
          Try Airlock now on the local sandbox, which needs no AWS account:{' '}
          <Button size="small" intent="primary" icon="lab-test" text="Use the sandbox" loading={sandboxPending} onClick={onUseSandbox} data-testid="use-sandbox" />
        </li>
        <li>
          Enter an access key in Airlock:{' '}
          <Button size="small" icon="key" text="Enter keys in Settings" onClick={onOpenSettings} data-testid="no-profiles-settings" />
        </li>
        <li>
          Or sign in with AWS SSO: run <code data-testid="no-profiles-command">{CONFIGURE_SSO_COMMAND}</code> in a terminal, then{' '}
          <Button size="small" variant="minimal" icon="refresh" text="Reload profiles" loading={reloading} onClick={onReload} data-testid="no-profiles-reload" />
        </li>
      </ul>
    </div>
  );
}
