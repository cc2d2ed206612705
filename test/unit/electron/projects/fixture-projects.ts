/**
 * Copies a fixture project from test/fixtures/projects into a temporary folder, turning the
 * stored `dot-<name>` entries back into `.<name>` (see the fixtures' README), so tests can edit
 * the copy freely. Also small stand-ins for the AWS session.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProjectSession } from '../../../../electron/services/projects/project-session';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/projects');

export type FixtureName = 'healthy' | 'needs-setup' | 'outdated' | 'broken-kwargs' | 'not-a-project';

async function restoreDots(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    let current = path.join(folder, entry.name);
    if (entry.name.startsWith('dot-')) {
      const renamed = path.join(folder, `.${entry.name.slice(4)}`);
      await rename(current, renamed);
      current = renamed;
    }
    if (entry.isDirectory()) await restoreDots(current);
  }
}

export interface FixtureCopy {
  /** The parent temp folder (holds the project folder and nothing else). */
  readonly base: string;
  /** The project folder, named like the fixture. */
  readonly root: string;
  readonly cleanup: () => Promise<void>;
}

export async function copyFixtureProject(name: FixtureName): Promise<FixtureCopy> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'airlock-project-'));
  const root = path.join(base, name);
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  await restoreDots(root);
  return { base, root, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** Every file of a folder, relative path -> bytes (for "nothing else changed" assertions). */
export async function snapshotFiles(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, absolute).split(path.sep).join('/'), await readFile(absolute));
  }
  return files;
}

/** No profile active: every AWS check says so. */
export const noProfileSession: ProjectSession = {
  active: () => Promise.resolve(null),
  clients: () => Promise.reject(new Error('no profile')),
};

export interface StaticProfileOptions {
  readonly name?: string;
  readonly kind?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
}

/**
 * A profile with fixed credentials, whose Secrets Manager client points at `endpoint` (the
 * sandbox in integration tests; an unused local port in unit tests, where no call is made).
 */
export function staticProfileSession(options: StaticProfileOptions = {}): ProjectSession & { readonly client: SecretsManagerClient } {
  const region = options.region ?? 'us-east-1';
  const client = new SecretsManagerClient({
    region,
    endpoint: options.endpoint ?? 'http://127.0.0.1:9',
    credentials: options.credentials ?? { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
  });
  return {
    client,
    active: () => Promise.resolve({ profile: { name: options.name ?? 'dev', kind: options.kind ?? 'static' } }),
    clients: () => Promise.resolve({ region, secretsManager: client }),
  };
}
