/**
 * Builds Airlock's services and handler table from the platform pieces each entry point gives it.
 *
 * Plain Node: `electron/main.ts` calls it with Electron's pieces (safeStorage, dialogs,
 * openExternal), `electron/serve.ts` (browser mode) without them. Everything that is not
 * Electron glue is composed here once, so the two modes cannot drift apart.
 */
import { tmpdir } from 'node:os';
import type { AirlockPlatform } from './core';
import type { Handlers } from './dispatch';
import { withAudit } from './audited-handlers';
import { createAccessHandlers } from './handlers/access';
import { createAppHandlers } from './handlers/app';
import { createAuditHandlers } from './handlers/audit';
import { createDeployHandlers } from './handlers/deploy';
import { createEnvironmentsHandlers } from './handlers/environments';
import { createProfilesHandlers } from './handlers/profiles';
import { createProjectsHandlers } from './handlers/projects';
import { createSandboxHandlers } from './handlers/sandbox';
import { createSecretsHandlers } from './handlers/secrets';
import { createSettingsHandlers } from './handlers/settings';
import { createAccessCheck, createDeploymentReading, dockerfileKwargs } from './services/access';
import { removeStaleLoadFolders } from './services/astro';
import { createAuditLog, auditPolicy } from './services/audit';
import { createCredentialService, createKeyVault, createMfaPrompts, createSsoLogins } from './services/aws';
import { createAstroAccess, sessionDeployGuard, createDeployService, createDeploymentReader, createSecretRecordsStore, readTargetFile, createAstroTokenStore } from './services/deploy';
import { createEnvironmentMatrixService, createEnvironmentsService, createDeleteAcrossService, createPromoteService } from './services/environments';
import { createEventHub, type EventHub } from './services/event-hub';
import { createProductionMarksStore } from './services/production-marks';
import { createProjectService } from './services/projects';
import { recogniseProject } from './services/project-folder';
import { createSandboxProfile, sandboxCredentialSettings } from './services/sandbox-profile';
import { createSecretInventory, createSecretsManagerAccess } from './services/secrets';
import { createSession } from './services/session';
import { createSettingsStore } from './services/settings-store';

export type { AirlockPlatform } from './core';

export interface Airlock {
  readonly handlers: Handlers;
  readonly events: EventHub;
  /** Settles when start-up housekeeping is done (a crashed deploy's private files removed). Never rejects. */
  readonly housekeeping: Promise<void>;
  close(): Promise<void>;
}

export function createAirlock(platform: AirlockPlatform): Airlock {
  const { log } = platform;
  const events = createEventHub();
  const settings = createSettingsStore(platform.dataDir, log, platform.openSettingsFile === undefined ? {} : { openFile: platform.openSettingsFile });
  const sandbox = createSandboxProfile({ dataDir: platform.dataDir, log });

  // --- AWS session (profiles issue owns this section) ---
  // Keys entered in the app persist only through the OS keyring (Electron safeStorage); browser mode has none.
  const keyVault = createKeyVault({ directory: platform.dataDir, cipher: platform.cipher ?? null });
  const mfaPrompts = createMfaPrompts({
    onRequested: (prompt) => events.emit('profiles.mfaRequested', prompt),
    onClosed: (closed) => events.emit('profiles.mfaClosed', closed),
  });
  const credentials = createCredentialService({
    files: () => ({ env: platform.env ?? process.env }),
    keyVault,
    mfaCodeProvider: mfaPrompts.ask,
    appVersion: platform.version,
    // The emulator starts on first use; the session hands its URL over then.
    sandbox: sandboxCredentialSettings(null),
  });
  const ssoLogins = createSsoLogins({
    credentials,
    ...(platform.openExternal === undefined ? {} : { openExternal: platform.openExternal }),
    onFinished: (status) => events.emit('profiles.ssoLoginFinished', status),
    log,
  });
  const session = createSession({ credentials, keyVault, sandbox, settings, log, ready: keyVault.load() });
  // --- end of AWS session ---

  // One gateway factory: every Secrets Manager call of the app shares its limits per account and region.
  const secretsManager = createSecretsManagerAccess();
  const inventory = createSecretInventory({ directory: platform.dataDir });
  // The Astro API token persists only through the OS keyring, like keys entered in the app.
  const astro = createAstroAccess({
    settings,
    tokens: createAstroTokenStore({ directory: platform.dataDir, cipher: platform.cipher ?? null }),
    dataDir: platform.dataDir,
    ...(platform.env === undefined ? {} : { env: platform.env }),
  });

  const records = createSecretRecordsStore({ directory: platform.dataDir });
  // One reader of Deployments: the deploy review writes its reads there, the checklist reads them.
  const deploymentReader = createDeploymentReader({ astro, records });

  const projects = createProjectService({
    settings,
    session,
    log,
    secretsManager,
    pickFolder: platform.pickFolder,
    ...(platform.env?.HOME === undefined ? {} : { home: platform.env.HOME }),
    deployment: deploymentReader.healthSource,
  });

  const deploy = createDeployService({
    astro,
    reader: deploymentReader,
    projects,
    session,
    guard: sessionDeployGuard(session),
    records,
    onProgress: (progress) => events.emit('task.progress', progress),
    onOutput: (line) => events.emit('deploy.output', line),
    log,
    ...(platform.env?.HOME === undefined ? {} : { home: platform.env.HOME }),
  });

  const environments = createEnvironmentsService({
    settings,
    profiles: session,
    deployments: deploymentReader,
    log,
    ...(platform.env?.HOME === undefined ? {} : { home: platform.env.HOME }),
  });

  // The matrix reads every environment at once, each with its own profile, through the one gateway factory.
  const environmentMatrix = createEnvironmentMatrixService({
    environments,
    profiles: session,
    access: secretsManager,
    dagIds: async (path, signal) => (await projects.dagReferences(path, {}, signal)).rows.map((row) => ({ kind: row.kind, id: row.id, occurrences: row.occurrences.length })),
    onProgress: (progress) => events.emit('task.progress', progress),
    log,
  });

  const promote = createPromoteService({ environments, profiles: session, access: secretsManager, log });
  const deleteAcross = createDeleteAcrossService({ environments, profiles: session, access: secretsManager, log });

  // The access check (issue 14): who reads the secrets on the Deployment, and may they.
  const access = createAccessCheck({
    clients: () => session.accessClients(),
    secretsManager,
    projectKwargs: dockerfileKwargs,
    deployment: createDeploymentReading({
      readTarget: readTargetFile,
      inspect: (deploymentId, workspaceId) => astro.runner().inspectDeployment(deploymentId, workspaceId),
      records,
      profileKey: async (profile) => {
        try {
          const [key, identity] = await Promise.all([credentials.resolve(profile), credentials.identity(profile)]);
          return { accessKeyId: key.accessKeyId, arn: identity.arn };
        } catch {
          return null;
        }
      },
      candidateProfiles: async ({ awsProfile }) => {
        const active = (await session.active())?.profile.name ?? null;
        return [...new Set([awsProfile, active].filter((name): name is string => name !== null))];
      },
    }),
  });

  // A deploy that crashed left its private --load file (secret values) in the temp folder.
  const housekeeping = removeStaleLoadFolders({ tempRoot: tmpdir(), log }).then(
    () => undefined,
    () => undefined,
  );

  // Every write through the API lands in Airlock's own audit log (names, never values).
  const audit = createAuditLog({ dataDir: platform.dataDir, log });
  const handlers: Handlers = withAudit({
    ...createAppHandlers({ mode: platform.mode, version: platform.version, platform: process.platform }),
    ...createSettingsHandlers({ settings }),
    ...createProfilesHandlers({ session, ssoLogins, mfaPrompts, productionMarks: createProductionMarksStore(settings) }),
    ...createSecretsHandlers({
      session,
      onProgress: (progress) => events.emit('task.progress', progress),
      home: platform.env?.HOME,
      pickFile: platform.pickFile,
      saveFile: platform.saveFile,
      access: secretsManager,
      inventory,
    }),
    ...createSandboxHandlers({ sandbox, session }),
    ...createProjectsHandlers({ projects }),
    ...createDeployHandlers({ astro, deploy, log }),
    ...createAccessHandlers({ access, recogniseProject: (path) => recogniseProject(path, platform.env?.HOME, { suggest: false }) }),
    ...createEnvironmentsHandlers({ environments, matrix: environmentMatrix, promote, deleteAcross }),
    ...createAuditHandlers({ session, audit, saveFile: platform.saveFile, secretsManager }),
  }, {
    policy: auditPolicy,
    log: audit,
    where: async () => {
      const active = await session.active();
      return { profile: active?.profile.name ?? null, account: active?.identity?.account ?? null, region: active?.region ?? null, environment: active?.environment ?? null };
    },
  });

  return {
    handlers,
    events,
    housekeeping,
    async close() {
      // Nobody is left to answer a prompt or approve a login: end them rather than leave them hanging.
      mfaPrompts.cancelAll();
      ssoLogins.cancelAll();
      await inventory.flush();
      await sandbox.close();
    },
  };
}
