/**
 * A session built the way electron/airlock.ts builds it (credential service, key vault, MFA
 * prompts, SSO logins, the lazily started sandbox, settings on disk), over the fake AWS world's
 * temp HOME, with every event and log line recorded so tests can look for leaked credentials.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { MfaPrompt, MfaPromptClosed, SsoLoginStatus } from '../../../shared/api';
import { createCredentialService, createKeyVault, createMfaPrompts, createSsoLogins, type CredentialService, type MfaPrompts, type SecretCipher, type SsoLogins } from '../../../electron/services/aws';
import { createMemoryLogger } from '../../../electron/services/log';
import { createProductionMarksStore, type ProductionMarksStore } from '../../../electron/services/production-marks';
import { createSandboxProfile, sandboxCredentialSettings, type SandboxProfile } from '../../../electron/services/sandbox-profile';
import { createSession, type Session } from '../../../electron/services/session';
import { createSettingsStore, type SettingsStore } from '../../../electron/services/settings-store';
import type { AwsTestHome } from '../../fakes/aws/aws-test-env';
import { startFakeAws, type FakeAws } from '../../fakes/aws/fake-aws-world';

export interface SessionHarness {
  readonly session: Session;
  readonly mfaPrompts: MfaPrompts;
  readonly ssoLogins: SsoLogins;
  readonly productionMarks: ProductionMarksStore;
  readonly credentials: CredentialService;
  readonly settings: SettingsStore;
  readonly sandbox: SandboxProfile;
  readonly dataDir: string;
  readonly logLines: string[];
  readonly mfaRequests: MfaPrompt[];
  readonly mfaClosed: MfaPromptClosed[];
  readonly ssoFinished: SsoLoginStatus[];
  /** Resolves with the next MFA prompt (already pending or yet to come). */
  nextMfaPrompt(): Promise<MfaPrompt>;
  /** Resolves when the SSO login with this id has finished. */
  ssoFinishedFor(loginId: string): Promise<SsoLoginStatus>;
  /** Fires the pending MFA time-outs (the harness schedules them instead of waiting). */
  fireMfaTimeouts(): void;
  close(): Promise<void>;
}

export async function createSessionHarness(options: { dataDir?: string; cipher?: SecretCipher } = {}): Promise<SessionHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'airlock-session-')));
  const log = createMemoryLogger();
  const settings = createSettingsStore(dataDir, log);
  const sandbox = createSandboxProfile({ dataDir, log });
  const mfaRequests: MfaPrompt[] = [];
  const mfaClosed: MfaPromptClosed[] = [];
  const ssoFinished: SsoLoginStatus[] = [];
  const mfaWaiters: ((prompt: MfaPrompt) => void)[] = [];
  const ssoWaiters = new Map<string, (status: SsoLoginStatus) => void>();
  const timeouts = new Set<() => void>();

  const keyVault = createKeyVault({ directory: dataDir, cipher: options.cipher ?? null });
  const mfaPrompts = createMfaPrompts({
    onRequested: (prompt) => {
      mfaRequests.push(prompt);
      mfaWaiters.shift()?.(prompt);
    },
    onClosed: (closed) => mfaClosed.push(closed),
    schedule: (run) => {
      timeouts.add(run);
      return () => timeouts.delete(run);
    },
  });
  const credentials = createCredentialService({
    keyVault,
    mfaCodeProvider: mfaPrompts.ask,
    sandbox: sandboxCredentialSettings(null),
    // The device flow polls without waiting: the fake decides when the user approves.
    ssoSleep: () => Promise.resolve(),
  });
  const ssoLogins = createSsoLogins({
    credentials,
    onFinished: (status) => {
      ssoFinished.push(status);
      ssoWaiters.get(status.loginId)?.(status);
    },
    log,
  });
  const session = createSession({ credentials, keyVault, sandbox, settings, log, ready: keyVault.load() });

  return {
    session,
    mfaPrompts,
    ssoLogins,
    productionMarks: createProductionMarksStore(settings),
    credentials,
    settings,
    sandbox,
    dataDir,
    logLines: log.lines,
    mfaRequests,
    mfaClosed,
    ssoFinished,
    nextMfaPrompt() {
      const pending = mfaPrompts.pending()[0];
      if (pending !== undefined) return Promise.resolve(pending);
      return new Promise((resolve) => mfaWaiters.push(resolve));
    },
    ssoFinishedFor(loginId) {
      const done = ssoFinished.find((status) => status.loginId === loginId);
      if (done !== undefined) return Promise.resolve(done);
      return new Promise((resolve) => ssoWaiters.set(loginId, resolve));
    },
    fireMfaTimeouts() {
      for (const run of [...timeouts]) run();
    },
    async close() {
      mfaPrompts.cancelAll();
      ssoLogins.cancelAll();
      credentials.forgetAll();
      await sandbox.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` whose bytes contain one of `needles`, as `file: needle`. */
export async function filesContaining(dir: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'latin1');
    for (const needle of needles) if (text.includes(needle)) hits.push(`${file}: ${needle}`);
  }
  return hits;
}

/**
 * The fake AWS world for a whole file, a fresh temp HOME and a fresh session for each test, with
 * the hooks registered here; read `aws`, `home` and `harness` inside a test.
 */
export function useSessionWithFakeAws(): { readonly aws: FakeAws; readonly home: AwsTestHome; readonly harness: SessionHarness } {
  let aws: FakeAws | null = null;
  let perTest: { home: AwsTestHome; harness: SessionHarness } | null = null;
  const started = (): FakeAws => aws ?? fail('the fake AWS world runs only inside a test');
  const current = (): { home: AwsTestHome; harness: SessionHarness } => perTest ?? fail('the session exists only inside a test');

  beforeAll(async () => {
    aws = await startFakeAws();
  });
  afterAll(async () => {
    await aws?.close();
    aws = null;
  });
  beforeEach(async () => {
    const home = await started().createHome();
    perTest = { home, harness: await createSessionHarness() };
  });
  afterEach(async () => {
    const { home, harness } = current();
    perTest = null;
    await harness.close();
    await home.restore();
  });
  return {
    get aws() {
      return started();
    },
    get home() {
      return current().home;
    },
    get harness() {
      return current().harness;
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}
