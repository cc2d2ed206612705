/**
 * Outside text that reaches the window or the log through real edges: the fake `astro` run as a
 * child process, and a failing `credential_process` run by the SDK. A canary planted in what they
 * print must not come out anywhere Airlock shows or logs it.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock } from '../../electron/airlock';
import { dispatch } from '../../electron/dispatch';
import { createAstroRunner } from '../../electron/services/astro/runner';
import { createMemoryLogger } from '../../electron/services/log';
import { createFakeAstro, defaultWorkspace, type FakeAstro } from '../fakes/astro/fake-astro';
import { useFakeAwsWorld } from '../fakes/aws/fake-aws-world';

const canary = 'CanaryOutside7Q';

describe('astro CLI output and errors', () => {
  const fakes: FakeAstro[] = [];
  afterEach(() => {
    for (const fake of fakes.splice(0)) fake.cleanup();
  });

  it('issue 9 item 6: credentials the CLI prints on stderr and in its error are masked in the streamed lines and the error', async () => {
    const prod = 'clx1prod0000000000000000';
    const deployed = `{"conn_type": "postgres", "password": "p&ss/${canary}-value"}`;
    const fake = createFakeAstro({
      deployments: [{ id: prod, name: 'prod', workspaceId: defaultWorkspace.id }],
      // The notice is printed on stderr before every command, so it is streamed like any output line.
      upgradeAvailable: `1.99.0 (ASTRO_API_TOKEN=${canary}-1)`,
      failNextUpdate: {
        kind: 'api-error',
        message: `failed to perform request, status 400: {"client_secret":"${canary}-2","db":"postgres://u:${canary}-3@h/x","echo":"${encodeURIComponent(deployed)}"}`,
      },
    });
    fakes.push(fake);
    const tempRoot = join(fake.dir, 'tmp');
    mkdirSync(tempRoot);
    const runner = createAstroRunner({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir }, searchDirs: [], tempRoot });

    const lines: string[] = [];
    const error = await runner
      .updateVariables({ deploymentId: prod, workspaceId: defaultWorkspace.id, variables: [{ key: 'AIRFLOW_CONN_DB', value: deployed }], secret: true, onOutput: (line) => lines.push(line) })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'INTERNAL' });
    const shown = JSON.stringify({ message: (error as Error).message, details: (error as { details?: unknown }).details, lines });
    expect(shown).toContain('A newer version of Astro CLI is available: 1.99.0 (ASTRO_API_TOKEN=[REDACTED])');
    expect((error as Error).message).toContain('status 400: {"client_secret":"[REDACTED]","db":"postgres://u:[REDACTED]@h/x","echo":"[REDACTED]"}');
    expect(shown).not.toContain(canary);
  });
});

describe('a failing credential_process', () => {
  const world = useFakeAwsWorld({ beforeAll, afterAll, beforeEach, afterEach });
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'airlock-redaction-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('issue 9 item 6: what the process printed reaches neither the window nor the log', async () => {
    expect(world.home).toBeDefined();
    const log = createMemoryLogger();
    const airlock = createAirlock({ mode: 'electron', version: 'test', dataDir, log, openExternal: () => Promise.resolve() });
    const events: string[] = [];
    airlock.events.subscribe((name, payload) => events.push(JSON.stringify({ name, payload })));
    try {
      const result = await dispatch(airlock.handlers, 'profiles.select', { name: 'process-fail' }, { transport: 'ipc', signal: new AbortController().signal }, log);
      const everything = [JSON.stringify(result), ...events, ...log.lines].join('\n');
      // test/fixtures/aws/credential-process-fail.mjs prints a key id and a secret on stdout and stderr.
      expect(everything).toContain('CREDENTIAL_PROCESS_FAILED');
      expect(everything).not.toMatch(/AKIALEAKEDKEY|leakedSecretValue/);
    } finally {
      await airlock.close();
    }
  });
});
