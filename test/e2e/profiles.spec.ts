/**
 * AWS profiles end to end, in browser mode, with a temporary HOME holding a user's ~/.aws files
 * that point at fake STS and Identity Center endpoints running in this process: the grouped list
 * with a broken profile's reason, switching and seeing the identity change, an MFA prompt, the SSO
 * device login, the production warning, keys entered in the app, "log in again" that keeps unsaved
 * work, and proof that no credential value reaches the window, a log line or a file Airlock writes.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startAirlock, test, watchPageProblems } from './airlock-fixture';
import { e2eMfaCode, e2eUsers, filesHolding, recordEventStream, startProfilesWorld, type ProfilesWorld } from './profiles-fixture';

let world: ProfilesWorld;

test.beforeAll(async () => {
  world = await startProfilesWorld();
});
test.afterAll(async () => {
  await world.close();
});

const shots = (name: string) => `test-results/screenshots/${name}.png`;

async function openMenu(page: Page) {
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-menu')).toBeVisible();
}

async function switchTo(page: Page, name: string) {
  await openMenu(page);
  await page.getByTestId(`profile-item-${name}`).click();
}

test('profiles: switch, MFA, SSO login, production guard, app keys, log in again, and no credential leaks', async ({ page }) => {
  test.setTimeout(180_000);
  const { app, stop } = await startAirlock({ prepareHome: (home) => world.prepareHome(home) });
  const events = recordEventStream(app.origin, app.token);
  const responses: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const pathname = new URL(response.url()).pathname;
    // The event stream never ends; its content is recorded by `events` instead.
    if (!pathname.startsWith('/api/') || pathname === '/api/events') return;
    pending.push(response.text().then((body) => void responses.push(body), () => undefined));
  });
  const problems = watchPageProblems(page);

  try {
    await page.goto(app.url);
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

    await test.step('the menu groups profiles by how they sign in, and shows a broken one with its reason', async () => {
      await openMenu(page);
      const menu = page.getByTestId('profile-menu');
      for (const group of ['AWS SSO', 'Roles', 'Access keys', 'Try without AWS', 'Cannot be used']) await expect(menu).toContainText(group);
      const broken = page.getByTestId('profile-item-broken-chain');
      await expect(broken).toHaveAttribute('data-broken', 'true');
      await expect(broken).toHaveAttribute('aria-disabled', 'true');
      await expect(page.getByTestId('profile-reason-broken-chain')).toContainText('source_profile "was-deleted", which does not exist');
      await expect(broken.locator('[title*="was-deleted"]')).toHaveCount(1);
      await expect(page.getByTestId('profile-item-admin')).toContainText('MFA');
      await expect(page.getByTestId('profile-item-sso-dev')).toContainText('not logged in');
      await page.screenshot({ path: shots('profiles-menu') });
      await page.keyboard.press('Escape');
    });

    await test.step('switching changes the identity in the header', async () => {
      await switchTo(page, 'dev');
      await expect(page.getByTestId('profile-button')).toHaveText('dev');
      await expect(page.getByTestId('identity')).toContainText(e2eUsers.dev.account);
      await expect(page.getByTestId('identity')).toHaveAttribute('title', e2eUsers.dev.arn);

      await switchTo(page, 'analytics');
      await expect(page.getByTestId('identity')).toContainText(e2eUsers.analytics.account);
      await expect(page.getByTestId('identity')).toContainText('ca-central-1');
      await page.getByTestId('identity').click();
      await expect(page.getByTestId('identity-arn')).toHaveText(e2eUsers.analytics.arn);

      // A region override from the identity card.
      await page.getByTestId('region-select').selectOption('eu-north-1');
      await expect(page.getByTestId('identity')).toContainText('eu-north-1');
      await expect(page.getByTestId('identity')).toContainText('(chosen)');
      await page.keyboard.press('Escape');
    });

    await test.step('an MFA profile asks for the code in the app', async () => {
      await switchTo(page, 'admin');
      const dialog = page.getByTestId('mfa-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('arn:aws:iam::123456789012:mfa/alice');
      await expect(page.getByTestId('mfa-submit')).toBeDisabled();
      await page.getByTestId('mfa-code').fill(e2eMfaCode);
      await page.screenshot({ path: shots('profiles-mfa') });
      await page.getByTestId('mfa-submit').click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('identity')).toContainText('666666666666');
    });

    await test.step('an SSO profile logs in through the device flow, then the switch completes', async () => {
      await switchTo(page, 'sso-dev');
      const dialog = page.getByTestId('sso-login-dialog');
      await expect(dialog).toBeVisible();
      await page.getByTestId('sso-start').click();
      const code = (await page.getByTestId('sso-user-code').textContent()) ?? '';
      expect(world.sso.userCodes).toContain(code);
      // Browser mode cannot open the system browser: the page is offered as a link.
      await expect(page.getByTestId('sso-link')).toHaveAttribute('href', /^https:\/\/device\.sso\.us-east-1\.amazonaws\.com\//);
      await page.screenshot({ path: shots('profiles-sso-login') });
      // The user approves the code on AWS's page.
      expect(world.sso.approve(code)).toBe(true);
      await expect(dialog).toBeHidden({ timeout: 15_000 });
      await expect(page.getByTestId('profile-button')).toHaveText('sso-dev');
      await expect(page.getByTestId('identity')).toContainText('111111111111');
      await expect(page.getByTestId('identity')).toHaveAttribute('title', /AWSReservedSSO_Developer/);
    });

    await test.step('a profile marked as production turns the header amber', async () => {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('production-switch-prod').locator('..').click();
      await expect(page.getByTestId('production-switch-prod')).toBeChecked();
      await switchTo(page, 'prod');
      await expect(page.getByTestId('identity')).toContainText('444444444444');
      await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'true');
      await expect(page.getByTestId('production-tag')).toBeVisible();
      await page.getByTestId('nav-secrets').click();
      await page.screenshot({ path: shots('profiles-production') });
      await page.getByTestId('identity').click();
      await expect(page.getByTestId('identity-details')).toContainText('every change asks you to type the account id');
      await page.screenshot({ path: shots('profiles-identity') });
      await page.keyboard.press('Escape');
      await openMenu(page);
      await page.getByTestId('profile-item-broken-chain').scrollIntoViewIfNeeded();
      await page.screenshot({ path: shots('profiles-production-menu') });
      await page.keyboard.press('Escape');
    });

    await test.step('keys entered in the app are kept in memory in browser mode and work as a profile', async () => {
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('key-storage-notice')).toContainText('kept in memory until Airlock closes');
      await page.getByTestId('app-key-name').fill('typed-keys');
      await page.getByTestId('app-key-id').fill(e2eUsers.typed.accessKeyId);
      await page.getByTestId('app-key-secret').fill(e2eUsers.typed.secretAccessKey);
      await page.getByTestId('app-key-endpoint').fill(world.sts.url);
      await page.getByTestId('app-key-save').click();
      await expect(page.getByTestId('app-key-typed-keys')).toContainText('memory only');
      await expect(page.getByTestId('app-key-typed-keys')).toContainText('…0003');
      await expect(page.getByTestId('app-key-secret')).toHaveValue('');
      await page.screenshot({ path: shots('profiles-settings'), fullPage: true });
      await switchTo(page, 'typed-keys');
      await expect(page.getByTestId('identity')).toContainText(e2eUsers.typed.account);
    });

    await test.step('"log in again" after credentials expire keeps unsaved work in place', async () => {
      await switchTo(page, 'prod');
      await expect(page.getByTestId('identity')).toContainText('444444444444');
      // Unsaved work in the settings view.
      await page.getByTestId('app-key-name').fill('draft-not-saved');
      world.sts.expireIssued();
      await page.getByTestId('identity').click();
      await page.getByTestId('identity-refresh').click();
      await expect(page.getByTestId('identity-error')).toContainText('expired');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('log-in-again')).toBeVisible();
      await page.screenshot({ path: shots('profiles-log-in-again') });
      await page.getByTestId('log-in-again').click();
      await expect(page.getByTestId('log-in-again')).toBeHidden();
      await expect(page.getByTestId('identity')).toContainText('444444444444');
      await expect(page.getByTestId('view-settings')).toBeVisible();
      await expect(page.getByTestId('app-key-name')).toHaveValue('draft-not-saved');
    });

    await test.step('no credential value reached the window, the log or a file Airlock wrote', async () => {
      await Promise.all(pending);
      const secrets = (await world.credentialValues(app.home)).filter((value) => value.length >= 12);
      expect(secrets.length).toBeGreaterThan(12);
      const seenByWindow = `${responses.join('\n')}\n${events.text()}`;
      expect(responses.length).toBeGreaterThan(20);
      expect(events.text()).toContain('profiles.mfaRequested');
      expect(secrets.filter((secret) => seenByWindow.includes(secret))).toEqual([]);
      expect(secrets.filter((secret) => app.output().includes(secret))).toEqual([]);
      expect(await filesHolding(app.airlockHome, secrets)).toEqual([]);
      // ~/.aws belongs to the user (and the SSO token cache there is shared with the AWS CLI by design).
      expect(await filesHolding(app.home, secrets, [path.join(app.home, '.aws')])).toEqual([]);
      expect(problems()).toEqual([]);
    });
  } finally {
    events.stop();
    await stop();
  }
});
