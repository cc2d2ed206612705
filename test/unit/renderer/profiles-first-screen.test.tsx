// @vitest-environment jsdom
/**
 * The first screen and the header's profile menu when the AWS files hold no profile (issue 10
 * item 4), and the identity details of the sandbox (item 16): nothing to sign in to.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../../renderer/src/navigation/navigation';
import { ProfileMenu } from '../../../renderer/src/app/ProfileMenu';
import { SecretsView } from '../../../renderer/src/views/secrets/SecretsView';
import type { AwsConfigLocations } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain, type FakeHandlers } from './fake-main';

afterEach(cleanup);

const sandbox = profileSummary('sandbox', 'sandbox');
const files: AwsConfigLocations = {
  config: { path: '/home/new-user/.aws/config', exists: false, setBy: null },
  credentials: { path: '/srv/aws/team-credentials', exists: true, setBy: 'AWS_SHARED_CREDENTIALS_FILE' },
};

function ViewProbe() {
  return <span data-testid="current-view">{useNavigation().view}</span>;
}

const common: FakeHandlers = {
  'profiles.list': () => [sandbox],
  'profiles.configLocations': () => files,
  'profiles.mfaPrompts': () => [],
};

describe('no AWS profiles (issue 10 item 4)', () => {
  it('issue 10 item 4: with no AWS files the first screen says none were found and where Airlock looked, with the three ways forward', async () => {
    const main = fakeMain({ ...common, 'profiles.active': () => null, 'profiles.select': () => activeProfile(sandbox) });
    renderWithMain(<><SecretsView /><ViewProbe /></>, main);

    const where = await screen.findByTestId('no-profiles-where');
    expect(screen.queryByText(/Pick one of your AWS profiles/)).toBeNull();
    await waitFor(() => expect(where.textContent).toContain('/home/new-user/.aws/config (not found)'));
    expect(where.textContent).toBe(
      'No AWS profiles were found. Airlock looked in /home/new-user/.aws/config (not found) and /srv/aws/team-credentials (no profiles in it, named by AWS_SHARED_CREDENTIALS_FILE).',
    );
    expect(screen.getByTestId('no-profiles-command').textContent).toBe('aws configure sso');

    fireEvent.click(screen.getByTestId('no-profiles-settings'));
    expect(screen.getByTestId('current-view').textContent).toBe('settings');

    fireEvent.click(screen.getByTestId('use-sandbox'));
    await waitFor(() => expect(main.inputsOf('profiles.select')).toEqual([{ name: 'sandbox' }]));
  });

  it('keeps "pick one of your profiles" when the files have profiles, and never asks where it looked', async () => {
    const main = fakeMain({ ...common, 'profiles.list': () => [profileSummary('dev', 'static'), sandbox], 'profiles.active': () => null });
    renderWithMain(<SecretsView />, main);
    await screen.findByText(/Pick one of your AWS profiles in the header/);
    expect(screen.queryByTestId('no-profiles')).toBeNull();
    expect(main.inputsOf('profiles.configLocations')).toEqual([]);
  });

  it('issue 10 item 4: the profile menu says no profiles were found, where Airlock looked, and offers Settings and `aws configure sso`', async () => {
    const main = fakeMain({ ...common, 'profiles.active': () => null });
    renderWithMain(<><ProfileMenu /><ViewProbe /></>, main);
    fireEvent.click(await screen.findByTestId('profile-button'));
    const menu = await screen.findByTestId('profile-menu');
    await waitFor(() => expect(within(menu).getByTestId('profiles-none').textContent).toContain('/srv/aws/team-credentials (no profiles in it, named by AWS_SHARED_CREDENTIALS_FILE)'));
    expect(within(menu).getByTestId('profiles-none').textContent).toContain('/home/new-user/.aws/config (not found)');
    expect(within(menu).getByTestId('profiles-none-command').textContent).toContain('aws configure sso');
    expect(within(menu).getByTestId('profile-item-sandbox')).toBeTruthy();
    fireEvent.click(within(menu).getByTestId('profiles-none-settings'));
    expect(screen.getByTestId('current-view').textContent).toBe('settings');
  });
});

describe('identity details (issue 10 item 16)', () => {
  it('issue 10 item 16: "Sign in again" is not offered for the sandbox, and is for a profile that signs in', async () => {
    const main = fakeMain({ ...common, 'profiles.active': () => activeProfile(sandbox) });
    const view = renderWithMain(<ProfileMenu />, main);
    fireEvent.click(await screen.findByTestId('identity'));
    await screen.findByTestId('identity-details');
    expect(screen.getByTestId('identity-refresh')).toBeTruthy();
    expect(screen.queryByTestId('identity-sign-in')).toBeNull();
    view.unmount();

    const sso = profileSummary('team-sso', 'sso', { ssoSession: 'corp' });
    const ssoMain = fakeMain({ ...common, 'profiles.list': () => [sso, sandbox], 'profiles.active': () => activeProfile(sso) });
    renderWithMain(<ProfileMenu />, ssoMain);
    fireEvent.click(await screen.findByTestId('identity'));
    expect(await screen.findByTestId('identity-sign-in')).toBeTruthy();
  });
});
