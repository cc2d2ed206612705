/**
 * The active profile's credentials, for writing them into a project's .env so that `astro dev`
 * containers can read Secrets Manager. They never leave the main process except into that file.
 */
import { AppError } from '../../../shared/errors';
import { toAppError } from '../aws';
import type { ProjectSession } from './project-session';

export interface LocalCredentials {
  readonly profile: string;
  readonly profileKind: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | null;
  /** When temporary credentials expire; null for long-lived keys. */
  readonly expiration: Date | null;
}

export async function resolveLocalCredentials(session: ProjectSession): Promise<LocalCredentials> {
  const clients = await session.clients();
  const active = await session.active();
  if (active === null) throw new AppError('CREDENTIALS_MISSING', 'Choose an AWS profile first (the header\'s profile menu).');
  let identity;
  try {
    identity = await clients.secretsManager.config.credentials();
  } catch (error) {
    throw toAppError(error);
  }
  if (identity.accessKeyId === '' || identity.secretAccessKey === '') {
    throw new AppError('CREDENTIALS_MISSING', `The profile "${active.profile.name}" gave no access key to write into .env.`);
  }
  return {
    profile: active.profile.name,
    profileKind: active.profile.kind,
    region: clients.region,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    sessionToken: identity.sessionToken ?? null,
    expiration: identity.expiration ?? null,
  };
}

/** What the user should know about writing these credentials (never the credentials themselves). */
export function credentialNotes(credentials: LocalCredentials, now: Date): string[] {
  const notes: string[] = [];
  if (credentials.expiration !== null) {
    const minutes = Math.round((credentials.expiration.getTime() - now.getTime()) / 60_000);
    const when = credentials.expiration.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    notes.push(
      minutes <= 0
        ? `These are temporary credentials of "${credentials.profile}" and they have already expired (${when}). Refresh the profile first.`
        : `These are temporary credentials of "${credentials.profile}": they expire at ${when} (in about ${minutes} minutes). After that, Airflow's lookups fail until you write fresh ones.`,
    );
  } else {
    notes.push(`These are the long-lived keys of "${credentials.profile}".`);
  }
  if (credentials.profileKind === 'sandbox') {
    notes.push('The sandbox\'s keys are made up and the sandbox runs inside Airlock, so containers started by `astro dev` cannot reach it: use them to try Airlock, not to run Airflow.');
  }
  return notes;
}
