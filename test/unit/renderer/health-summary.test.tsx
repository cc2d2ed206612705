// @vitest-environment jsdom
/**
 * The checklist's summary counts problems, warnings and oks even at zero, and "unknown" only when
 * some item could not be checked: a "0 unknown" chip reads as a finding that is not there.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthPanel } from '../../../renderer/src/views/projects/HealthPanel';
import type { HealthItem, HealthStatus, ProjectHealth } from '../../../shared/api';

function item(id: HealthItem['id'], status: HealthStatus): HealthItem {
  return { id, title: id, status, summary: `${id} is ${status}.`, explanation: '', evidence: [], problems: [], fix: null, action: null };
}

function health(items: readonly HealthItem[]): ProjectHealth {
  // Only the project, items and profile are read by the summary; the rest is typed data it ignores.
  const rest = { backend: {}, provider: {}, providerMinimum: {}, files: [] } as unknown as Pick<ProjectHealth, 'backend' | 'provider' | 'providerMinimum' | 'files'>;
  return { project: { path: '/p', name: 'p', nameSource: 'folder', hasAstroConfig: true, hasDockerfile: true, notes: [] }, items, profile: null, ...rest };
}

const noop = () => undefined;

describe('health summary', () => {
  afterEach(cleanup);

  it('issue 10 polish: no "0 unknown" chip when every item was checked, while zero problems is still said', () => {
    render(<HealthPanel health={health([item('provider-package', 'ok'), item('backend-class', 'warning')])} refreshing={false} onRefresh={noop} onFix={noop} onEditKwargs={noop} />);
    expect(screen.getByTestId('health-count-error').textContent).toBe('0 problems');
    expect(screen.getByTestId('health-count-warning').textContent).toBe('1 warning');
    expect(screen.queryByTestId('health-count-unknown')).toBeNull();
  });

  it('issue 10 polish: an item that could not be checked is counted as unknown', () => {
    render(<HealthPanel health={health([item('provider-package', 'ok'), item('backend-class', 'unknown')])} refreshing={false} onRefresh={noop} onFix={noop} onEditKwargs={noop} />);
    expect(screen.getByTestId('health-count-unknown').textContent).toBe('1 unknown');
  });
});
