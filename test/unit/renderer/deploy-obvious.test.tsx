// @vitest-environment jsdom
/**
 * The Deploy view names the project as Projects does (issue 10 item 7) and shows, before the
 * Deploy button, the Health problems this deploy does not fix, each with its fix (item 10).
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployView } from '../../../renderer/src/views/deploy/DeployView';
import { OPEN_PROJECT_KEY } from '../../../renderer/src/workspace/workspace';
import type { AstroStatus, DeployPlan, DeployTargetFile, HealthItem, ProjectSummary } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

const ROOT = '/home/dev/projects/h1-proj';
const project: ProjectSummary = { path: ROOT, name: 'h1proj', nameSource: 'astro-config', hasAstroConfig: true, hasDockerfile: true, notes: [] };
const status: AstroStatus = {
  configuredPath: null,
  binary: { found: true, path: '/usr/local/bin/astro', version: '1.45.0', supported: true, minimumVersion: '1.42.0' },
  auth: { loggedIn: true, method: 'session', organization: null, workspace: null },
  token: { source: 'none', persistent: false, notice: null },
};
const targetFile: DeployTargetFile = {
  file: '.astro/airlock.json',
  exists: true,
  target: { workspaceId: 'ws1', workspaceName: 'Data Team', deploymentId: 'dep1', deploymentName: 'prod', awsProfile: null, production: false },
  problem: null,
  project,
};
const providerMissing: HealthItem = {
  id: 'provider-package',
  title: 'Amazon provider in requirements.txt',
  status: 'error',
  summary: 'apache-airflow-providers-amazon is not required.',
  explanation: 'None of requirements.txt requires apache-airflow-providers-amazon.',
  evidence: [],
  problems: [],
  fix: { label: 'Add apache-airflow-providers-amazon>=5.1.0 to requirements.txt', changes: [{ kind: 'requirement', file: 'requirements.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' }] },
  action: null,
};

function plan(health: readonly HealthItem[]): DeployPlan {
  const unchangedFile = { available: true, unavailable: null, plan: { planId: 'p', files: [], notes: [], unchanged: [] }, purpose: 'ENV lines', notes: [] };
  return {
    planId: 'plan-1',
    projectPath: ROOT,
    createdAt: '2030-01-01T00:00:00Z',
    kwargs: { source: 'dockerfile' },
    health,
    includeAwsCredentials: false,
    deployment: {
      available: true,
      unavailable: null,
      deployment: { id: 'dep1', name: 'prod', workspaceId: 'ws1', workspaceName: 'Data Team', status: 'HEALTHY', runtimeVersion: '12.1.0', airflowVersion: '2.10', url: null },
      rows: [],
      untouched: [],
      calls: [],
      commands: [],
      snapshot: { updatedAt: null, variables: [] },
      production: false,
    },
    dockerfile: { file: 'Dockerfile', ...unchangedFile },
    dotenv: { file: '.env', ...unchangedFile },
    changedTargets: [],
  };
}

beforeEach(() => sessionStorage.setItem(OPEN_PROJECT_KEY, ROOT));
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe('Deploy (issue 10 items 7 and 10)', () => {
  it('issue 10 item 7: the header names the project by project.name (as Projects does), the folder only in the path below', async () => {
    const main = fakeMain({ 'profiles.active': () => activeProfile(profileSummary('dev', 'static')), 'deploy.astroStatus': () => status, 'deploy.target': () => targetFile, 'deploy.plan': () => plan([]) });
    renderWithMain(<DeployView />, main, { view: 'deploy' });
    expect((await screen.findByTestId('deploy-project-name')).textContent).toBe('h1proj');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Deploy h1proj');
    expect(screen.getByTestId('deploy-project-path').textContent).toBe(ROOT);
    await screen.findByTestId('deploy-plan');
    expect(screen.queryByTestId('deploy-health')).toBeNull();
  });

  it('issue 10 item 10: a provider missing from requirements.txt is in the review, with the fix Health offers, which plans the same change', async () => {
    const main = fakeMain({
      'profiles.active': () => activeProfile(profileSummary('dev', 'static')),
      'deploy.astroStatus': () => status,
      'deploy.target': () => targetFile,
      'deploy.plan': () => plan([providerMissing]),
      'projects.planChanges': () => ({ planId: 'fix-1', files: [], notes: [], unchanged: ['requirements.txt already requires it.'] }),
    });
    renderWithMain(<DeployView />, main, { view: 'deploy' });
    const health = await screen.findByTestId('deploy-health');
    expect(health.textContent).toContain('The Health checklist finds 1 problem that this deploy does not fix');
    const row = within(health).getByTestId('health-item-provider-package');
    expect(row.getAttribute('data-status')).toBe('error');
    expect(row.textContent).toContain('apache-airflow-providers-amazon is not required.');

    fireEvent.click(within(row).getByTestId('health-fix'));
    await waitFor(() => expect(main.inputsOf('projects.planChanges')).toEqual([{ path: ROOT, changes: providerMissing.fix?.changes }]));
  });
});
