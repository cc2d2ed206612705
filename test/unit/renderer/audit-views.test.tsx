// @vitest-environment jsdom
/**
 * The audit views as the window shows them: a secret's CloudTrail changes (who, tool, Airlock's
 * own writes marked, missing permission said plainly) and Airlock's own audit log (filters sent to
 * main, export handed to the browser as a download).
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditView } from '../../../renderer/src/views/audit/AuditView';
import { TrailSection } from '../../../renderer/src/views/secrets/TrailSection';
import type { AuditEntry, SecretTrail } from '../../../shared/api';
import { fakeMain, renderWithMain } from './fake-main';

afterEach(cleanup);

const trail: SecretTrail = {
  name: 'airflow/connections/warehouse',
  region: 'eu-west-1',
  status: { kind: 'complete' },
  events: [
    {
      eventId: 'e2',
      eventName: 'PutSecretValue',
      time: '2026-12-07T09:00:00Z',
      actor: { kind: 'sso-user', name: 'ops.engineer@example.com (SSO, AdministratorAccess)', arn: 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_AdministratorAccess_5f1e2d3c4b5a6978/ops.engineer@example.com', accessKeyId: 'ASIA1' },
      tool: { kind: 'sdk', label: 'Python SDK (boto3)', userAgent: 'Boto3/1.35.0' },
      sourceIp: '10.0.0.1',
      errorCode: null,
      detail: null,
    },
    {
      eventId: 'e1',
      eventName: 'CreateSecret',
      time: '2026-12-06T09:00:00Z',
      actor: { kind: 'iam-user', name: 'dev-engineer', arn: null, accessKeyId: 'AKIA1' },
      tool: { kind: 'airlock', label: 'Airlock 0.1.0', userAgent: 'aws-sdk-js/3 airlock/0.1.0' },
      sourceIp: null,
      errorCode: null,
      detail: null,
    },
  ],
};

const entry = (seq: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  time: '2026-12-07T10:00:00Z',
  action: 'secrets.update',
  target: `airflow/variables/v${seq}`,
  profile: 'dev',
  account: '111111111111',
  region: 'us-east-1',
  environment: null,
  outcome: 'ok',
  errorCode: null,
  note: 'value updated',
  ...extra,
});

describe('who changed it (CloudTrail)', () => {
  it('issue 14 item 4: lists each change with who made it and the tool, Airlock\'s own writes marked', async () => {
    const main = fakeMain({ 'audit.secretTrail': () => trail });
    renderWithMain(<TrailSection name="airflow/connections/warehouse" arn={null} />, main);
    const rows = await screen.findAllByTestId('trail-row');
    expect(rows.map((row) => row.getAttribute('data-event'))).toEqual(['PutSecretValue', 'CreateSecret']);
    const newest = rows[0];
    if (newest === undefined) throw new Error('no trail row');
    expect(within(newest).getByText(/ops\.engineer@example\.com/)).toBeTruthy();
    expect(within(newest).getByText('Python SDK (boto3)')).toBeTruthy();
    expect(rows[1]?.getAttribute('data-tool')).toBe('airlock');
    expect(screen.getByText(/about 5 minutes after it happens/)).toBeTruthy();
    expect(main.inputsOf('audit.secretTrail')).toEqual([{ name: 'airflow/connections/warehouse' }]);
  });

  it('issue 14 item 4: a profile without cloudtrail:LookupEvents is told so, not shown an empty history', async () => {
    const main = fakeMain({ 'audit.secretTrail': () => ({ ...trail, events: [], status: { kind: 'no-permission', message: 'Profile "dev" may not read CloudTrail (cloudtrail:LookupEvents).' } }) });
    renderWithMain(<TrailSection name="airflow/connections/warehouse" arn={null} />, main);
    expect((await screen.findByTestId('trail-no-permission')).textContent).toContain('cloudtrail:LookupEvents');
    expect(screen.queryByTestId('trail-empty')).toBeNull();
  });
});

describe('audit log view', () => {
  it('issue 14 item 5: shows the entries and sends the filters to main', async () => {
    const main = fakeMain({
      'audit.list': (input) => ({
        entries: input.outcome === 'failed' ? [entry(3, { outcome: 'failed', errorCode: 'NOT_FOUND' })] : [entry(2), entry(1)],
        total: input.outcome === 'failed' ? 1 : 2,
        unreadableLines: 1,
        logPath: '/data/audit/audit.jsonl',
      }),
    });
    renderWithMain(<AuditView />, main, { view: 'audit' });
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    expect(screen.getByTestId('audit-unreadable').textContent).toContain('1 line');
    expect(screen.getAllByText('dev · 111111111111 · us-east-1')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('audit-outcome'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getAllByTestId('audit-row').map((row) => row.getAttribute('data-outcome'))).toEqual(['failed']));
    expect(main.inputsOf('audit.list').at(-1)).toMatchObject({ outcome: 'failed', text: '' });
  });

  it('issue 14 item 5: the export goes to main with the same filters and comes back as a download', async () => {
    const clicked = vi.fn();
    // jsdom has no object URLs; this test file's window is its own.
    URL.createObjectURL = () => 'blob:audit';
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = clicked;
    const main = fakeMain({
      'audit.list': () => ({ entries: [entry(1)], total: 1, unreadableLines: 0, logPath: '/data/audit/audit.jsonl' }),
      'audit.export': () => ({ fileName: 'airlock-audit.csv', content: 'seq,time\r\n', savedPath: null, cancelled: false, count: 1 }),
    });
    renderWithMain(<AuditView />, main, { view: 'audit' });
    await screen.findAllByTestId('audit-row');
    fireEvent.change(screen.getByTestId('audit-domain'), { target: { value: 'secrets' } });
    fireEvent.click(screen.getByTestId('audit-export-csv'));
    expect((await screen.findByTestId('audit-exported')).textContent).toContain('1 entries exported to airlock-audit.csv (downloaded)');
    expect(main.inputsOf('audit.export')).toEqual([{ text: '', domain: 'secrets', format: 'csv' }]);
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});
