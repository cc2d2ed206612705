/**
 * AWS credentials in .env, which `astro dev` hands to every local Airflow container. Without
 * them the backend's lookups fail locally and Airflow silently falls back to other sources.
 */
import type { HealthEvidence, HealthItem } from '../../../../shared/api';
import { ignoreGaps, joinFiles } from '../secret-files';
import { lineEvidence, noteEvidence, type HealthContext } from './health-context';

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_REGION'] as const;
const SECRETS_NOTE = '.env holds secrets: keep it git-ignored and docker-ignored (see the next item).';

function formatExpiry(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export async function localCredentialsCheck(ctx: HealthContext): Promise<HealthItem> {
  const base = { id: 'local-credentials' as const, title: 'AWS credentials for local runs (.env)', problems: [] };
  const credentials = await ctx.aws.credentials();
  const active = credentials.value;
  const fixLabel =
    active === null
      ? null
      : active.expiration === null
        ? `Write the keys of "${active.profile}" to .env`
        : `Write temporary credentials of "${active.profile}" (expire ${formatExpiry(active.expiration)})`;
  const hasKeys = ctx.dotenvRead?.keys.AWS_ACCESS_KEY_ID !== undefined || ctx.dotenvRead?.keys.AWS_SECRET_ACCESS_KEY !== undefined;
  // The planner adds these entries to the same reviewed change (secret-files.ts); the label says so up front.
  const gaps = await ignoreGaps('.env', (file) => {
    const read = file === '.gitignore' ? ctx.gitignore : ctx.dockerignore;
    return Promise.resolve(read?.exists === true ? read.text : null);
  });
  const alsoIgnore = gaps.length === 0 ? '' : `, and add .env to ${joinFiles(gaps)}`;
  const fix = fixLabel === null ? null : { label: `${hasKeys ? fixLabel.replace(/^Write the keys of/, 'Replace them with the keys of') : fixLabel}${alsoIgnore}`, changes: [{ kind: 'dotenv-aws-credentials' as const }] };
  const action = active === null ? ('choose-profile' as const) : null;
  const roleNote = typeof ctx.effectiveKwargs.role_arn === 'string' ? ` The keys must be allowed to assume ${ctx.effectiveKwargs.role_arn}.` : '';

  if (ctx.dotenv === null || !ctx.dotenv.exists || ctx.dotenvRead === null) {
    return {
      ...base,
      status: 'warning',
      summary: 'There is no .env file.',
      explanation: `Locally, Airflow reads Secrets Manager with the credentials in .env. Without them every lookup fails and Airflow silently uses environment variables and its database instead. ${SECRETS_NOTE}${roleNote}`,
      evidence: [noteEvidence('.env does not exist', '.env')],
      fix,
      action,
    };
  }
  const read = ctx.dotenvRead;
  const dotenv = ctx.dotenv;
  const evidence: HealthEvidence[] = KEYS.flatMap((key) => {
    const info = read.keys[key];
    return info === undefined ? [] : [lineEvidence(dotenv, info.line)];
  });
  const value = (key: string): string | null => read.values[key] ?? null;
  const accessKey = value('AWS_ACCESS_KEY_ID');
  const secretKey = value('AWS_SECRET_ACCESS_KEY');
  const token = value('AWS_SESSION_TOKEN');

  if (accessKey !== null && secretKey !== null && accessKey !== '' && secretKey !== '') {
    const sameKeys = active !== null && active.accessKeyId === accessKey;
    if (token !== null && token !== '') {
      if (sameKeys && active.expiration !== null) {
        const expired = active.expiration.getTime() <= ctx.now.getTime();
        return {
          ...base,
          status: expired ? 'error' : 'warning',
          summary: expired ? 'The temporary credentials in .env have expired.' : `Temporary credentials; they expire ${formatExpiry(active.expiration)}.`,
          explanation: `These are temporary credentials of "${active.profile}". After they expire, local lookups fail silently until you write fresh ones. ${SECRETS_NOTE}`,
          evidence,
          fix: { label: `Write fresh credentials${alsoIgnore}`, changes: [{ kind: 'dotenv-aws-credentials' }] },
          action: null,
        };
      }
      return {
        ...base,
        status: 'warning',
        summary: 'Temporary credentials (with a session token).',
        explanation: `.env holds a session token, so these credentials expire, and Airlock cannot tell when. When they do, local lookups fail silently. ${SECRETS_NOTE}`,
        evidence,
        fix,
        action,
      };
    }
    const whose = sameKeys ? ` They are the keys of the active profile "${active.profile}".` : active !== null ? ` They are not the keys of the active profile "${active.profile}", so Airlock cannot vouch for them.` : '';
    return {
      ...base,
      status: 'ok',
      summary: 'Long-lived keys are set.',
      explanation: `Local Airflow containers get AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from .env.${whose}${roleNote} ${SECRETS_NOTE}`,
      evidence,
      fix: null,
      action: null,
    };
  }
  if (value('AWS_PROFILE') !== null) {
    return {
      ...base,
      status: 'warning',
      summary: 'Only AWS_PROFILE is set.',
      explanation: `AWS_PROFILE works only where the containers can read your AWS config files, and \`astro dev\` does not mount ~/.aws by default. Write keys instead, or mount the folder in a docker-compose.override.yml. ${SECRETS_NOTE}`,
      evidence,
      fix,
      action,
    };
  }
  const partial = accessKey !== null || secretKey !== null;
  return {
    ...base,
    status: 'warning',
    summary: partial ? 'Only one of the two keys is set.' : 'No AWS credentials in .env.',
    explanation: `Locally, Airflow reads Secrets Manager with the credentials in .env. Without them every lookup fails and Airflow silently uses environment variables and its database instead.${active === null ? ' Choose an AWS profile to write its credentials here.' : ''} ${SECRETS_NOTE}${roleNote}`,
    evidence: evidence.length > 0 ? evidence : [noteEvidence('No AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY in .env', '.env')],
    fix,
    action,
  };
}
