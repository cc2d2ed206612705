// @vitest-environment jsdom
/**
 * Issue 13 item 2: the environment picker in the header. One click switches the profile (the
 * user's own pick, else the team's) and region, puts the environment's kwargs in use and makes
 * its Deployment the one reviewed; a production environment keeps the header amber; a profile the
 * user lacks is shown as such and never switched to.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentPicker } from '../../../renderer/src/app/EnvironmentPicker';
import { headerIsProduction } from '../../../renderer/src/workspace/environment-choice';
import { OPEN_PROJECT_KEY, useWorkspace } from '../../../renderer/src/workspace/workspace';
import type { ActiveProfile } from '../../../shared/api';
import type { EnvironmentsView, EnvironmentView } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

const PROJECT = '/home/dev/projects/pipelines';
const devKwargs = '{"connections_prefix": "team/connections", "region_name": "us-east-1"}';
const prodKwargs = '{"connections_prefix": "airflow/connections", "region_name": "eu-west-1"}';

function environment(name: string, extra: Partial<EnvironmentView>): EnvironmentView {
  return {
    name,
    deployment: { workspaceId: 'clws0000000000000000000001', workspaceName: 'Data Team', deploymentId: `clx1${name}`, deploymentName: `airflow-${name}` },
    awsProfile: `team-${name}`,
    accountId: null,
    region: null,
    backendKwargs: null,
    production: false,
    myProfile: null,
    profile: { status: 'ok', using: `team-${name}`, reachesAccount: null, message: null },
    kwargs: { text: null, source: 'dockerfile', note: null },
    deploymentError: null,
    ...extra,
  };
}

const view: EnvironmentsView = {
  projectPath: PROJECT,
  file: '.astro/airlock.json',
  exists: true,
  fingerprint: 'f1',
  migratedFrom: null,
  problem: null,
  deployEnvironment: null,
  environments: [
    // The user picked their own profile for dev: it wins over the team's.
    environment('dev', { myProfile: 'my-dev', accountId: '111111111111', region: 'us-east-1', profile: { status: 'ok', using: 'my-dev', reachesAccount: '111111111111', message: null }, kwargs: { text: devKwargs, source: 'environment', note: null } }),
    environment('prod', { production: true, accountId: '222222222222', region: 'eu-west-1', kwargs: { text: prodKwargs, source: 'environment', note: null } }),
    environment('staging', { profile: { status: 'missing', using: 'team-staging', reachesAccount: null, message: 'You have no AWS profile named "team-staging" (the team\'s profile for this environment).' } }),
  ],
};

function Probe() {
  const workspace = useWorkspace();
  return (
    <output data-testid="probe" data-kwargs={workspace.kwargsJson} data-source={workspace.kwargsSource} data-deployment={workspace.environment?.deploymentName ?? ''} data-amber={String(headerIsProduction(false, workspace.environment))} />
  );
}

function setup() {
  let active: ActiveProfile = activeProfile(profileSummary('sandbox', 'sandbox'));
  const main = fakeMain({
    'environments.list': () => view,
    'profiles.active': () => active,
    'profiles.select': (input) => {
      active = activeProfile(profileSummary(input.name, 'static', { region: input.region ?? null }), { region: input.region ?? 'us-east-1', regionOverridden: input.region !== undefined });
      return active;
    },
  });
  renderWithMain(<><EnvironmentPicker /><Probe /></>, main);
  return main;
}

async function openMenu(): Promise<void> {
  fireEvent.click(await screen.findByTestId('environment-button'));
  await screen.findByTestId('environment-menu');
}

beforeEach(() => sessionStorage.setItem(OPEN_PROJECT_KEY, PROJECT));
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe('the environment picker (issue 13 item 2)', () => {
  it('issue 13 item 2: one click switches to the user\'s own profile and the environment\'s region, and puts its kwargs and Deployment in use', async () => {
    const main = setup();
    await openMenu();
    await act(async () => {
      fireEvent.click(screen.getByTestId('environment-option-dev'));
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId('environment-button').getAttribute('data-environment')).toBe('dev'));
    expect(main.inputsOf('profiles.select')).toEqual([{ name: 'my-dev', region: 'us-east-1', projectPath: PROJECT, environment: 'dev' }]);
    const probe = screen.getByTestId('probe');
    expect(probe.getAttribute('data-kwargs')).toBe(devKwargs);
    expect(probe.getAttribute('data-source')).toBe('environment');
    expect(probe.getAttribute('data-deployment')).toBe('airflow-dev');
    expect(probe.getAttribute('data-amber')).toBe('false');
    expect(screen.getByTestId('environment-button').textContent).toContain('dev');
  });

  it('issue 13 item 2: a production environment keeps the header amber, whatever the profile\'s own marks', async () => {
    const main = setup();
    await openMenu();
    fireEvent.click(screen.getByTestId('environment-option-prod'));
    await waitFor(() => expect(screen.getByTestId('probe').getAttribute('data-amber')).toBe('true'));
    expect(main.inputsOf('profiles.select')).toEqual([{ name: 'team-prod', region: 'eu-west-1', projectPath: PROJECT, environment: 'prod' }]);
    expect(screen.getByTestId('probe').getAttribute('data-kwargs')).toBe(prodKwargs);
    expect(headerIsProduction(true, null)).toBe(true);
    expect(headerIsProduction(false, null)).toBe(false);
  });

  it('issue 13 item 2: an environment whose profile the user lacks is shown as such and is not switched to', async () => {
    const main = setup();
    await openMenu();
    expect(screen.getByTestId('environment-blocked-staging').textContent).toMatch(/no AWS profile named "team-staging"/);
    const option = screen.getByTestId('environment-option-staging');
    expect(option.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(option);
    await act(async () => {
      await Promise.resolve();
    });
    expect(main.inputsOf('profiles.select')).toEqual([]);
    expect(screen.getByTestId('environment-button').getAttribute('data-environment')).toBe('');
    expect(screen.getByTestId('probe').getAttribute('data-source')).toBe('default');
  });
});
