// @vitest-environment jsdom
/**
 * Settings → Astro CLI after the user saves a location: the answer of `deploy.setAstroPath` is the
 * new status, and the section shows it at once (the found line, the saved path in the field, the
 * button for it), even while a later status check (which runs the CLI, and can take a while) has
 * not answered yet.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext, createApiClient } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { NavigationProvider } from '../../../renderer/src/navigation/navigation';
import { AstroSettings } from '../../../renderer/src/views/settings/AstroSettings';
import type { AstroStatus } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';

const savedPath = '/opt/astro/bin/astro';
const token = { source: 'none', persistent: true, notice: null } as const;

const notFound: AstroStatus = {
  configuredPath: null,
  binary: {
    found: false,
    error: { code: 'TOOL_MISSING', message: 'The Astro CLI (astro) was not found on your PATH. Install it, or set its location in Settings.', retryable: false },
  },
  auth: null,
  token,
};

function found(configuredPath: string | null, path: string): AstroStatus {
  return {
    configuredPath,
    binary: { found: true, path, version: '1.45.0', supported: true, minimumVersion: '1.42.0' },
    auth: { loggedIn: true, method: 'session', organization: null, workspace: null },
    token,
  };
}

/**
 * The main process as the window sees it. The first status check answers at once; later ones
 * stay pending until `finishChecks` (the CLI is still running), so only the save's own answer
 * can make the section change.
 */
function slowStatusServer(saveAnswer: (path: string | null) => ApiResult<AstroStatus>) {
  const saves: unknown[] = [];
  const pending: (() => void)[] = [];
  let statusCalls = 0;
  let current: AstroStatus = notFound;
  const transport: Transport = {
    call(method, input) {
      if (method === 'deploy.astroStatus') {
        statusCalls += 1;
        if (statusCalls === 1) return Promise.resolve({ ok: true, value: current });
        return new Promise((resolve) => pending.push(() => resolve({ ok: true, value: current })));
      }
      if (method === 'deploy.setAstroPath') {
        saves.push(input);
        const answer = saveAnswer((input as { path: string | null }).path);
        if (answer.ok) current = answer.value;
        return Promise.resolve(answer);
      }
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: `unexpected call ${method}`, retryable: false } });
    },
    subscribe: () => () => undefined,
  };
  return { transport, saves, finishChecks: () => pending.splice(0).forEach((finish) => finish()) };
}

let finish: () => void = () => undefined;
afterEach(() => {
  finish();
  cleanup();
});

function renderSettings(server: ReturnType<typeof slowStatusServer>) {
  finish = server.finishChecks;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <ApiContext.Provider value={createApiClient(server.transport)}>
        <NavigationProvider initial="settings">
          <AstroSettings />
        </NavigationProvider>
      </ApiContext.Provider>
    </QueryClientProvider>,
  );
}

const foundLine = () => screen.getByTestId('astro-settings-found').textContent;
const pathField = () => screen.getByTestId<HTMLInputElement>('astro-path-input');
const saveButton = () => screen.getByTestId('astro-path-save');

describe('Settings → Astro CLI location', () => {
  it('issue 9 item 15 / issue 10 item 8: after "Use this path" the saved state shows at once: the found line, the saved path in the field, "Use this path"', async () => {
    const server = slowStatusServer((path) => ({ ok: true, value: path === null ? found(null, '/usr/local/bin/astro') : found(path, path) }));
    renderSettings(server);
    await waitFor(() => expect(foundLine()).toContain('not found on your PATH'));
    expect(pathField().value).toBe('');
    expect(saveButton().textContent).toBe('Use PATH');

    fireEvent.change(pathField(), { target: { value: `  ${savedPath} ` } });
    expect(saveButton().textContent).toBe('Use this path');
    fireEvent.click(saveButton());

    await waitFor(() => expect(foundLine()).toBe(`Using ${savedPath} (astro 1.45.0) set here`));
    expect(server.saves).toEqual([{ path: savedPath }]);
    expect(pathField().value).toBe(savedPath);
    expect(saveButton().textContent).toBe('Use this path');

    // Emptying the field and saving goes back to PATH, shown at once too.
    fireEvent.change(pathField(), { target: { value: '' } });
    expect(saveButton().textContent).toBe('Use PATH');
    fireEvent.click(saveButton());
    await waitFor(() => expect(foundLine()).toBe('Using /usr/local/bin/astro (astro 1.45.0) found on PATH'));
    expect(server.saves).toEqual([{ path: savedPath }, { path: null }]);
    expect(pathField().value).toBe('');
  });

  it('keeps a path that could not be used in the field, with the reason, and the old state', async () => {
    const server = slowStatusServer(() => ({
      ok: false,
      error: { code: 'TOOL_MISSING', message: `No runnable Astro CLI was found at ${savedPath}.`, retryable: false },
    }));
    renderSettings(server);
    await waitFor(() => expect(foundLine()).toContain('not found on your PATH'));
    fireEvent.change(pathField(), { target: { value: savedPath } });
    fireEvent.click(saveButton());

    await screen.findByText(`No runnable Astro CLI was found at ${savedPath}.`);
    expect(pathField().value).toBe(savedPath);
    expect(saveButton().textContent).toBe('Use this path');
    expect(foundLine()).toContain('not found on your PATH');
  });
});
