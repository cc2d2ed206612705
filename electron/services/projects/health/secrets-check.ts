/**
 * Are there secrets under the prefixes Airflow will use, for the active profile? Counts from
 * ListSecrets only (names, never values).
 */
import { effectivePrefixes, prefixKwarg, type LookupKind } from '../../../../shared/airflow';
import type { HealthEvidence, HealthItem } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { plural } from '../../../../shared/plural';
import { secretKindList } from '../../../../shared/secrets';
import { countUnderPrefixes, type PrefixCount } from '../secret-presence';
import { noteEvidence, type HealthContext } from './health-context';

export async function secretsPresentCheck(ctx: HealthContext): Promise<HealthItem> {
  const base = { id: 'secrets-present' as const, title: 'Secrets under the prefixes', problems: [], fix: null };
  const { aws } = ctx;
  if (aws.secrets === null || aws.profile === null) {
    return {
      ...base,
      status: 'unknown',
      summary: 'No AWS profile to check with.',
      explanation: aws.unavailable ?? 'Choose an AWS profile in the header to count the secrets under the prefixes.',
      evidence: [],
      action: 'choose-profile',
    };
  }
  const state = effectivePrefixes(ctx.effectiveKwargs);
  if (!state.ok) {
    return { ...base, status: 'error', summary: 'The backend cannot start with these kwargs.', explanation: state.reason, evidence: [], action: 'edit-kwargs' };
  }
  const fallback = ctx.backend.kwargsState === 'invalid' ? ' The kwargs are not valid JSON, so these are the defaults Airflow falls back to.' : '';
  const evidence: HealthEvidence[] = [];
  const empty: string[] = [];
  let error: string | null = null;
  const heads = new Map<LookupKind, string>();
  for (const { kind } of secretKindList) {
    const prefix = state.prefixes[kind];
    if (prefix !== null && prefix !== '') heads.set(kind, `${prefix}${state.joiner}`);
  }
  let counts = new Map<string, PrefixCount>();
  try {
    counts = (await countUnderPrefixes(aws.secrets, [...heads.values()])).counts;
  } catch (caught) {
    error = caught instanceof AppError ? caught.message : 'Listing the secrets failed.';
  }
  for (const { kind, plural: noun, expectedUnderPrefix } of secretKindList) {
    const prefix = state.prefixes[kind];
    const head = heads.get(kind);
    if (prefix === null) {
      evidence.push(noteEvidence(`${prefixKwarg[kind]} is null: ${noun} are never looked up`));
      continue;
    }
    if (head === undefined) {
      evidence.push(noteEvidence(`${prefixKwarg[kind]} is "": every secret name is read as a ${kind} id`));
      continue;
    }
    if (error !== null) continue;
    const count = counts.get(head) ?? { active: 0, scheduledForDeletion: 0 };
    const scheduled = count.scheduledForDeletion > 0 ? ` (+${count.scheduledForDeletion} scheduled for deletion, which Airflow cannot read)` : '';
    evidence.push(noteEvidence(`${head}… ${plural(count.active, 'secret')}${scheduled}`));
    if (count.active === 0 && expectedUnderPrefix) empty.push(`\`${head}\``);
  }
  const where = `in ${aws.profile.region} for the profile "${aws.profile.name}"`;
  if (error !== null) {
    return { ...base, status: 'unknown', summary: 'The secrets could not be listed.', explanation: error, evidence, action: null };
  }
  const region = ctx.effectiveKwargs.region_name;
  const regionNote = typeof region === 'string' && region !== aws.profile.region ? ` The kwargs read secrets in ${region}, but the profile is set to ${aws.profile.region}: switch the profile's region to count the right ones.` : '';
  if (empty.length > 0) {
    return {
      ...base,
      status: 'warning',
      summary: `Nothing under ${empty.join(' or ')}.`,
      explanation: `No secret ${where} starts with ${empty.join(' or ')}, so Airflow would find nothing there. Check the prefixes (a leading \`/\` or different case makes a different name), or create the secrets.${fallback}${regionNote}`,
      evidence,
      action: 'edit-kwargs',
    };
  }
  return {
    ...base,
    status: regionNote === '' ? 'ok' : 'warning',
    summary: `Secrets found under the prefixes ${where}.`,
    explanation: `Counted with ListSecrets (names only). A secret created in the last few minutes may not be counted yet.${fallback}${regionNote}`,
    evidence,
    action: null,
  };
}
