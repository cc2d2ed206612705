// @vitest-environment jsdom
/**
 * Issue 10 item 18: a reload keeps the open project. The path (never a secret) is kept in the
 * tab's sessionStorage; the kwargs, which can hold credentials, are not kept anywhere.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_PROJECT_KEY, useWorkspace, WorkspaceProvider, type Workspace } from '../../../renderer/src/workspace/workspace';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

let workspace: Workspace | null = null;
function Probe() {
  workspace = useWorkspace();
  return <span data-testid="project">{workspace.projectPath ?? 'none'}</span>;
}

function mount() {
  return render(<WorkspaceProvider><Probe /></WorkspaceProvider>);
}

function storedText(): string {
  return Array.from({ length: sessionStorage.length }, (_, index) => {
    const key = sessionStorage.key(index) ?? '';
    return `${key}=${sessionStorage.getItem(key) ?? ''}`;
  }).join('\n');
}

describe('the open project across a reload (issue 10 item 18)', () => {
  it('issue 10 item 18: a reload (a new provider on the same tab) opens the same project again; kwargs are never stored', () => {
    const first = mount();
    expect(screen.getByTestId('project').textContent).toBe('none');
    act(() => workspace?.openProject('/home/dev/projects/h1-proj'));
    act(() => workspace?.setProjectKwargs('{"connections_prefix": "airflow/connections", "role_arn": "arn:aws:iam::123456789012:role/x"}'));
    act(() => workspace?.setManualKwargs('{"connections_prefix": "c", "aws_secret_access_key": "kwargs-canary-secret"}'));
    first.unmount();

    mount();
    expect(screen.getByTestId('project').textContent).toBe('/home/dev/projects/h1-proj');
    // The kwargs come back from the project's files, not from storage.
    expect(workspace?.kwargsSource).toBe('default');
    expect(storedText()).toBe(`${OPEN_PROJECT_KEY}=/home/dev/projects/h1-proj`);
    expect(storedText()).not.toContain('kwargs-canary-secret');
  });

  it('closing the project forgets it for the next reload', () => {
    const first = mount();
    act(() => workspace?.openProject('/home/dev/projects/h1-proj'));
    act(() => workspace?.openProject(null));
    first.unmount();
    mount();
    expect(screen.getByTestId('project').textContent).toBe('none');
    expect(sessionStorage.getItem(OPEN_PROJECT_KEY)).toBeNull();
  });
});
