// @vitest-environment jsdom
/**
 * The access check's result view (issue 14 items 2 and 3): verdicts with their deciding
 * statements, what Airlock could not read, and the fix to copy.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessResult } from '../../../renderer/src/views/access/AccessPanel';
import { AccessDeployNotice } from '../../../renderer/src/views/access/AccessSummary';
import { fakeMain, renderWithMain } from './fake-main';
import type { AccessCheck, AccessFinding } from '../../../shared/api';

afterEach(cleanup);

const allowedByPolicy: AccessFinding = {
  verdict: 'allowed',
  summary: 'airflow-secrets-reader may read secrets under airflow/connections.',
  deciding: [{ sourceKind: 'identity', source: 'managed policy airflow-read-secrets', sid: 'ReadAirflowSecrets', effect: 'Allow', text: '{\n  "Sid": "ReadAirflowSecrets"\n}' }],
};

const check: AccessCheck = {
  checkedAt: '2026-08-20T10:00:00.000Z',
  profile: 'sandbox',
  account: '000000000000',
  region: 'us-east-1',
  reader: {
    source: 'workload-identity',
    principalArn: 'arn:aws:iam::999999999999:role/AstroDeployment-sandbox',
    roleArn: 'arn:aws:iam::000000000000:role/airflow-secrets-reader',
    externalId: null,
    checkedArn: 'arn:aws:iam::000000000000:role/airflow-secrets-reader',
    deployment: { id: 'dep1', name: 'analytics-prod' },
    notes: ['astro deployment inspect reports the workload identity of analytics-prod.'],
  },
  trust: { verdict: 'allowed', summary: 'The trust policy of airflow-secrets-reader admits the workload identity.', deciding: [] },
  overall: 'partial',
  headline: 'The deployed backend would be denied 1 secret (airflow/connections/slack_alerts).',
  prefixes: [
    { kind: 'connection', prefix: 'airflow/connections', resourcePattern: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:airflow/connections/*', secretCount: 8, read: allowedByPolicy },
    { kind: 'variable', prefix: 'airflow/variables', resourcePattern: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:airflow/variables/*', secretCount: 0, read: { verdict: 'unknown', summary: 'Could not check: the active profile may not call iam:SimulatePrincipalPolicy.', deciding: [] } },
  ],
  secrets: [
    {
      name: 'airflow/connections/slack_alerts',
      arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:airflow/connections/slack_alerts-abcdef',
      kind: 'connection',
      key: { label: 'aws/secretsmanager', managedBy: 'AWS', arn: null },
      hasResourcePolicy: true,
      read: { verdict: 'denied', summary: 'Statement OnlyTheAlertingRole in the resource policy explicitly denies it.', deciding: [{ sourceKind: 'resource', source: 'resource policy of airflow/connections/slack_alerts', sid: 'OnlyTheAlertingRole', effect: 'Deny', text: '{\n  "Sid": "OnlyTheAlertingRole",\n  "Effect": "Deny"\n}' }] },
      decrypt: { verdict: 'allowed', summary: 'The AWS managed key lets the account decrypt.', deciding: [] },
      verdict: 'denied',
    },
  ],
  secretsChecked: 8,
  gaps: [{ what: 'whether airflow-secrets-reader may read the secrets', action: 'iam:SimulatePrincipalPolicy', message: 'AWS denied iam:SimulatePrincipalPolicy to the active profile.' }],
  fix: {
    principalName: 'airflow-secrets-reader',
    principalKind: 'role',
    policyName: 'airflow-secrets-backend-read',
    policyJson: '{\n  "Version": "2012-10-17"\n}',
    trustPolicyJson: null,
    commands: ['aws iam put-role-policy --role-name airflow-secrets-reader --policy-name airflow-secrets-backend-read --policy-document file://airflow-secrets-read.json'],
    notes: ['Save the policy as airflow-secrets-read.json in the folder where you run the commands.'],
  },
};

describe('AccessResult', () => {
  it('issue 14 item 2: shows the verdict per prefix and per differing secret, with the deciding statement', () => {
    render(<AccessResult check={check} refreshing={false} onRefresh={() => undefined} />);
    expect(screen.getByTestId('access-headline').textContent).toContain('Airflow would be denied some secrets');
    const connections = screen.getByTestId('access-prefix-connection');
    expect(within(connections).getByText('Allowed')).toBeTruthy();
    expect(connections.textContent).toContain('ReadAirflowSecrets');
    const slack = screen.getByTestId('access-secret');
    expect(slack.getAttribute('data-name')).toBe('airflow/connections/slack_alerts');
    expect(slack.textContent).toContain('Denied');
    expect(slack.textContent).toContain('OnlyTheAlertingRole');
    // The statement itself opens on request.
    fireEvent.click(within(slack).getAllByText('Statement')[0]!);
    expect(slack.textContent).toContain('"Effect": "Deny"');
  });

  it('issue 14 item 2: what could not be checked says so, names the permission, and is never shown as allowed', () => {
    render(<AccessResult check={check} refreshing={false} onRefresh={() => undefined} />);
    const variables = screen.getByTestId('access-prefix-variable');
    expect(variables.textContent).toContain('Could not check');
    expect(variables.textContent).not.toContain('Allowed');
    expect(screen.getByTestId('access-gaps').textContent).toContain('iam:SimulatePrincipalPolicy');
  });

  it('issue 14 item 3: the policy and the exact aws iam commands can be copied', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<AccessResult check={check} refreshing={false} onRefresh={() => undefined} />);
    fireEvent.click(screen.getByTestId('access-fix-policy-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(check.fix?.policyJson));
    expect(screen.getByTestId('access-fix-commands').textContent).toContain('aws iam put-role-policy --role-name airflow-secrets-reader');
    fireEvent.click(screen.getByTestId('access-fix-commands-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(check.fix?.commands.join('\n')));
    expect(screen.queryByTestId('access-fix-trust')).toBeNull();
  });
});

describe('AccessDeployNotice', () => {
  it('issue 14 item 3: the deploy review says plainly when the deployed backend would be denied, and blocks nothing', async () => {
    const main = fakeMain({ 'access.check': () => check });
    renderWithMain(<AccessDeployNotice path="/projects/analytics" kwargsJson='{"role_arn": "arn:aws:iam::000000000000:role/airflow-secrets-reader"}' />, main);
    const notice = await screen.findByTestId('deploy-access');
    expect(notice.getAttribute('data-overall')).toBe('partial');
    expect(notice.textContent).toContain('would be denied 1 secret (airflow/connections/slack_alerts)');
    expect(notice.textContent).toContain('Deploying is not blocked');
    expect(main.inputsOf('access.check')).toEqual([{ path: '/projects/analytics', kwargsJson: '{"role_arn": "arn:aws:iam::000000000000:role/airflow-secrets-reader"}' }]);
  });

  it('issue 14 item 3: an allowed check shows no "not blocked" hedge', async () => {
    const main = fakeMain({ 'access.check': () => ({ ...check, overall: 'allowed', headline: 'Airflow may read every secret under the prefixes.', secrets: [], gaps: [] }) });
    renderWithMain(<AccessDeployNotice path="/projects/analytics" kwargsJson={undefined} />, main);
    const notice = await screen.findByTestId('deploy-access');
    expect(notice.getAttribute('data-overall')).toBe('allowed');
    expect(notice.textContent).not.toContain('not blocked');
  });
});
