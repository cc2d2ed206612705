/**
 * The Deployment part of a deploy plan, as a pure function: what Airlock wants the Deployment's
 * variables to be, what `astro deployment inspect` says they are, and Airlock's own record of the
 * secret values it deployed, give one row per variable Airlock owns, the variables it leaves
 * alone, and the fewest `astro deployment variable update` calls that get there.
 *
 * Facts this rests on (reference/astro-cli.md §1.2, §7):
 * - `update` is an upsert of the listed keys; every other variable is re-sent as it was, so a
 *   variable Airlock does not list is never removed or blanked.
 * - `--secret` is one flag for the whole call, can make a plain variable secret, and never makes
 *   a secret plain; without it an existing variable keeps its flag. So a variable that is already
 *   secret can ride in either call, and only plain-to-stay-plain and must-become-secret variables
 *   force a call of their own kind: 0, 1 or 2 calls, each of which restarts the Deployment.
 * - Secret values are never readable. Whether one is still what Airlock deployed can only be told
 *   from Airlock's record: a keyed digest of the value and the `updated_at` Astro reported right
 *   after deploying it. A different `updated_at` means someone changed it outside Airlock.
 */

/** Shown instead of a secret value. Its length never depends on the value. */
export const VALUE_MASK = '••••••••';

export interface DesiredVariable {
  readonly key: string;
  readonly value: string;
  /** Deploy it as a secret (`--secret`). */
  readonly secret: boolean;
}

/** A desired variable with the keyed digest of its value (computed in the main process). */
export interface DesiredWithDigest extends DesiredVariable {
  readonly digest: string;
}

/** A variable as `astro deployment inspect -o json` reports it. */
export interface CurrentVariable {
  readonly key: string;
  /** Null for secrets: Astro never returns their values. */
  readonly value: string | null;
  readonly isSecret: boolean;
  readonly updatedAt: string | null;
}

/** What Airlock remembers about a value it deployed. Never the value itself. */
export interface SecretRecord {
  /** Keyed digest (HMAC-SHA256 with a per-install key) of the deployed value. */
  readonly digest: string;
  /** The variable's `updated_at` as Astro reported it right after Airlock deployed it. */
  readonly updatedAt: string | null;
  /** When Airlock deployed it (ISO time). */
  readonly deployedAt: string;
}

export type SecretRecords = Readonly<Record<string, SecretRecord>>;

export type VariableStatus =
  /** Not on the Deployment yet. */
  | 'added'
  /** On the Deployment with another value (or plain where it must be secret). */
  | 'changed'
  /** Already as desired: plain and equal, or secret and unchanged since Airlock deployed it. */
  | 'unchanged'
  /** Secret, and Airlock has no record that tells what it holds: it is set again. */
  | 'not-readable'
  /** Secret, deployed by Airlock, but changed since (its `updated_at` moved): it is set again. */
  | 'changed-outside';

export interface ShownValue {
  /** The value, or VALUE_MASK when it is a secret (revealed on request only). */
  readonly text: string;
  readonly masked: boolean;
}

export interface VariableRow {
  readonly key: string;
  readonly status: VariableStatus;
  /** Whether this key goes into an update call. */
  readonly action: 'set' | 'none';
  /** Whether the variable is secret after the deploy. */
  readonly secretAfter: boolean;
  /** The variable on the Deployment now, or null when it does not exist yet. */
  readonly current: { readonly shown: ShownValue | null; readonly isSecret: boolean; readonly updatedAt: string | null } | null;
  /** The value after the deploy. */
  readonly desired: ShownValue;
  /** One sentence on why the row has its status. */
  readonly note: string;
}

export interface UntouchedVariable {
  readonly key: string;
  readonly isSecret: boolean;
}

export interface PlannedCall {
  /** `--secret` on this call. */
  readonly secret: boolean;
  readonly keys: readonly string[];
  /** The private `--load` file as it will be written, secret values masked. */
  readonly fileLines: readonly string[];
}

export interface VariablePlan {
  readonly rows: readonly VariableRow[];
  /** Variables on the Deployment that Airlock does not own: kept exactly as they are. */
  readonly untouched: readonly UntouchedVariable[];
  /** 0, 1 or 2 calls; each one restarts the Deployment. */
  readonly calls: readonly PlannedCall[];
}

export interface VariablePlanInput {
  readonly desired: readonly DesiredWithDigest[];
  readonly current: readonly CurrentVariable[];
  readonly records: SecretRecords;
}

const masked: ShownValue = { text: VALUE_MASK, masked: true };

function shownCurrent(variable: CurrentVariable, desiredSecret: boolean): ShownValue | null {
  if (variable.isSecret || variable.value === null) return null;
  // A plain value that is about to become a secret is treated as one from now on.
  return desiredSecret ? masked : { text: variable.value, masked: false };
}

function describeRecordTime(record: SecretRecord): string {
  return record.deployedAt.replace('T', ' ').replace(/(:\d\d)(?:\.\d+)?Z$/, '$1 UTC');
}

interface Classified {
  readonly status: VariableStatus;
  readonly note: string;
}

function classifySecretOnDeployment(want: DesiredWithDigest, now: CurrentVariable, record: SecretRecord | undefined): Classified {
  if (record === undefined) {
    return { status: 'not-readable', note: 'Secret: Astro never shows its value and Airlock has no record of deploying it, so it is set again.' };
  }
  // Without a timestamp on either side, a change made elsewhere cannot be ruled out.
  if (now.updatedAt === null || record.updatedAt === null) {
    return { status: 'not-readable', note: 'Secret: Astro did not report when it last changed, so Airlock cannot tell whether it is still what it deployed; it is set again.' };
  }
  if (now.updatedAt !== record.updatedAt) {
    return { status: 'changed-outside', note: `Changed outside Airlock since Airlock deployed it (Astro reports an update at ${now.updatedAt}); it is set again.` };
  }
  if (record.digest !== want.digest) {
    return { status: 'changed', note: `Airlock deployed a different value on ${describeRecordTime(record)}.` };
  }
  return { status: 'unchanged', note: `Unchanged since Airlock deployed it on ${describeRecordTime(record)}.` };
}

function classify(want: DesiredWithDigest, now: CurrentVariable | undefined, record: SecretRecord | undefined): Classified {
  if (now === undefined) return { status: 'added', note: want.secret ? 'New secret variable.' : 'New variable.' };
  const staysSecret = !want.secret && now.isSecret ? ' It stays secret: Astro cannot make a secret variable plain again.' : '';
  if (now.isSecret || now.value === null) {
    const found = classifySecretOnDeployment(want, now, record);
    return { status: found.status, note: `${found.note}${staysSecret}` };
  }
  if (want.secret) {
    return now.value === want.value
      ? { status: 'changed', note: 'Same value, but plain on the Deployment: it becomes a secret.' }
      : { status: 'changed', note: 'New value, and it becomes a secret.' };
  }
  return now.value === want.value ? { status: 'unchanged', note: 'Same value.' } : { status: 'changed', note: 'The value changes.' };
}

/**
 * Groups the keys to set into the fewest calls. Keys that are secret on the Deployment already
 * keep their flag in either call, so they join whichever call runs (the secret one when both do,
 * so that their values are masked in the CLI's echo too).
 */
function groupCalls(toSet: readonly { want: DesiredVariable; nowSecret: boolean }[]): { secret: boolean; wants: DesiredVariable[] }[] {
  const plain = toSet.filter((item) => !item.nowSecret && !item.want.secret).map((item) => item.want);
  const mustSecret = toSet.filter((item) => !item.nowSecret && item.want.secret).map((item) => item.want);
  const either = toSet.filter((item) => item.nowSecret).map((item) => item.want);
  const calls: { secret: boolean; wants: DesiredVariable[] }[] = [];
  if (plain.length > 0 && mustSecret.length === 0 && either.length > 0) {
    // One call without --secret is enough: the already-secret keys stay secret.
    calls.push({ secret: false, wants: [...plain, ...either] });
    return calls;
  }
  if (plain.length > 0) calls.push({ secret: false, wants: plain });
  if (mustSecret.length > 0 || either.length > 0) calls.push({ secret: true, wants: [...mustSecret, ...either] });
  return calls;
}

function fileLine(want: DesiredVariable, secretAfter: boolean): string {
  return `${want.key}=${secretAfter ? VALUE_MASK : want.value}`;
}

export function planDeploymentVariables(input: VariablePlanInput): VariablePlan {
  const currentByKey = new Map(input.current.map((variable) => [variable.key, variable]));
  const desiredKeys = new Set<string>();
  const rows: VariableRow[] = [];
  const toSet: { want: DesiredVariable; nowSecret: boolean }[] = [];
  const secretAfter = new Map<string, boolean>();

  for (const want of input.desired) {
    // A key listed twice would be sent twice; the last one wins, as in the CLI.
    if (desiredKeys.has(want.key)) continue;
    desiredKeys.add(want.key);
    const now = currentByKey.get(want.key);
    const found = classify(want, now, input.records[want.key]);
    const after = want.secret || now?.isSecret === true;
    secretAfter.set(want.key, after);
    const action = found.status === 'unchanged' ? 'none' : 'set';
    if (action === 'set') toSet.push({ want, nowSecret: now?.isSecret === true });
    rows.push({
      key: want.key,
      status: found.status,
      action,
      secretAfter: after,
      current: now === undefined ? null : { shown: shownCurrent(now, want.secret), isSecret: now.isSecret, updatedAt: now.updatedAt },
      desired: after ? masked : { text: want.value, masked: false },
      note: found.note,
    });
  }

  const untouched = input.current.filter((variable) => !desiredKeys.has(variable.key)).map((variable) => ({ key: variable.key, isSecret: variable.isSecret }));
  const calls = groupCalls(toSet).map((call) => ({
    secret: call.secret,
    keys: call.wants.map((want) => want.key),
    fileLines: call.wants.map((want) => fileLine(want, secretAfter.get(want.key) ?? want.secret)),
  }));
  return { rows, untouched, calls };
}

/** The Deployment as it was when the plan was made; applying checks it again. */
export interface DeploymentSnapshot {
  readonly updatedAt: string | null;
  readonly variables: readonly { readonly key: string; readonly isSecret: boolean; readonly updatedAt: string | null }[];
}

export function snapshotOf(deployment: { readonly updatedAt: string | null; readonly variables: readonly CurrentVariable[] }): DeploymentSnapshot {
  return {
    updatedAt: deployment.updatedAt,
    variables: deployment.variables.map((variable) => ({ key: variable.key, isSecret: variable.isSecret, updatedAt: variable.updatedAt })),
  };
}

/**
 * What changed on the Deployment between two reads, in short phrases (empty when nothing did).
 * Plain values are compared too: a variable edited in the Astro UI may keep its timestamp format
 * but never its value.
 */
export function deploymentDrift(
  before: { readonly updatedAt: string | null; readonly variables: readonly CurrentVariable[] },
  after: { readonly updatedAt: string | null; readonly variables: readonly CurrentVariable[] },
): string[] {
  const changes: string[] = [];
  const beforeByKey = new Map(before.variables.map((variable) => [variable.key, variable]));
  const afterByKey = new Map(after.variables.map((variable) => [variable.key, variable]));
  for (const [key, was] of beforeByKey) {
    const now = afterByKey.get(key);
    if (now === undefined) changes.push(`${key} was removed`);
    else if (now.isSecret !== was.isSecret || now.updatedAt !== was.updatedAt || now.value !== was.value) changes.push(`${key} changed`);
  }
  for (const key of afterByKey.keys()) if (!beforeByKey.has(key)) changes.push(`${key} was added`);
  if (changes.length === 0 && before.updatedAt !== after.updatedAt) changes.push("the Deployment's settings changed");
  return changes;
}
