// @vitest-environment jsdom
/**
 * Issue 10 item 17: a walk through every view and every popover logs no React or Blueprint
 * warning. Blueprint's warnings are development-only (the e2e specs run the production build), so
 * this walk runs the whole App in jsdom, where they are on, against a fake main process.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import type { SecretSummary } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

const sandbox = profileSummary('sandbox', 'sandbox');
const dev = profileSummary('dev', 'static');

function summary(name: string, id: string, kind: SecretSummary['kind']): SecretSummary {
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`, kind, id, description: null, lastChangedAt: '2030-01-01T00:00:00Z', createdAt: null, deletedAt: null, tags: [] };
}

let logged: string[] = [];
beforeEach(() => {
  // jsdom has no media queries; the app asks for the colour scheme (light here).
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
  logged = [];
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(`console.${level}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('a walk through the app (issue 10 item 17)', () => {
  it('issue 10 item 17: every view, the profile menu, the identity popover and the New menu log no React/Blueprint warning', async () => {
    const main = fakeMain({
      'app.info': () => ({ name: 'Airlock', version: 'test', mode: 'browser', platform: 'linux' }),
      'profiles.active': () => activeProfile(sandbox),
      'profiles.list': () => [dev, sandbox],
      'profiles.mfaPrompts': () => [],
      'profiles.productionMarks': () => ({ profiles: [], accounts: [] }),
      'profiles.appKeys': () => ({ storage: { persistent: false, reason: 'no-cipher', backend: null, message: 'Kept in memory until Airlock closes.' }, keys: [] }),
      'projects.recent': () => [],
      'deploy.astroStatus': () => ({ configuredPath: null, binary: { found: false, error: { code: 'TOOL_MISSING', message: 'astro was not found on your PATH.', retryable: false } }, auth: null, token: { source: 'none', persistent: false, notice: null } }),
      'secrets.list': () => ({
        prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' },
        joiner: '/',
        items: [summary('airflow/connections/warehouse', 'warehouse', 'connection'), summary('airflow/variables/environment', 'environment', 'variable')],
        notLookedUp: [],
        listCalls: 1,
        kwargsWarnings: [],
      }),
      'secrets.listOutside': () => ({ items: [], listCalls: 0 }),
      'secrets.get': ({ name }) => ({ name, arn: `arn:${name}`, description: null, tags: [], lastChangedAt: null, createdAt: null, value: 'production', binary: false, versionId: 'v1-0000', versionStages: ['AWSCURRENT'], versionCreatedAt: null }),
      'secrets.history': ({ name }) => ({ name, versions: [] }),
    });
    renderWithMain(<App />, main);

    await screen.findAllByTestId('secret-row');
    // The header's popovers.
    fireEvent.click(screen.getByTestId('profile-button'));
    await screen.findByTestId('profile-menu');
    fireEvent.click(screen.getByTestId('identity'));
    await screen.findByTestId('identity-details');
    // The Secrets toolbar's New menu, the tabs, an editor.
    fireEvent.click(screen.getByTestId('new-secret'));
    await screen.findByTestId('new-connection');
    fireEvent.click(screen.getByText('Outside the prefixes'));
    fireEvent.click(screen.getByText('Scheduled for deletion'));
    fireEvent.click(screen.getByText('Airflow secrets'));
    const [, secondRow] = await screen.findAllByTestId('secret-row');
    if (secondRow === undefined) throw new Error('the list has two rows');
    fireEvent.click(secondRow);
    await screen.findByTestId('editor-pane');
    // Every other view.
    for (const view of ['projects', 'deploy', 'settings', 'secrets'] as const) {
      fireEvent.click(screen.getByTestId(`nav-${view}`));
      await waitFor(() => expect(screen.getByTestId(`view-${view}`).hidden).toBe(false));
    }
    await screen.findByTestId('project-picker');
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });

    expect(main.calls.filter((call) => call.method === 'profiles.active').length).toBeGreaterThan(0);
    expect(logged).toEqual([]);
  });
});
