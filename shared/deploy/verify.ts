/**
 * Reading a Deployment back after a deploy and saying, per variable, whether it is what the plan
 * wanted. Plain values are compared exactly; a secret's value is never readable, so for a secret
 * the evidence is its flag and whether Astro moved its `updated_at` when Airlock set it.
 */
import type { CurrentVariable, DesiredVariable } from './plan';

export interface VerificationCheck {
  /** The variable (or file key) checked, or null for a summary check. */
  readonly key: string | null;
  /** true: verified; false: not as planned; null: cannot be told (said in `detail`). */
  readonly ok: boolean | null;
  readonly detail: string;
}

export interface VerificationInput {
  readonly desired: readonly DesiredVariable[];
  /** Keys Airlock sent in an update call (whether or not the call fully succeeded). */
  readonly setKeys: readonly string[];
  readonly before: readonly CurrentVariable[];
  readonly after: readonly CurrentVariable[];
}

export interface Verification {
  readonly checks: readonly VerificationCheck[];
  /** No check failed. */
  readonly verified: boolean;
}

function checkDesired(want: DesiredVariable, was: CurrentVariable | undefined, now: CurrentVariable | undefined, wasSet: boolean): VerificationCheck {
  const key = want.key;
  if (now === undefined) return { key, ok: false, detail: 'Missing on the Deployment.' };
  if (want.secret && !now.isSecret) return { key, ok: false, detail: 'On the Deployment, but not as a secret.' };
  if (!now.isSecret && now.value !== null) {
    return now.value === want.value ? { key, ok: true, detail: 'Present, value matches.' } : { key, ok: false, detail: 'Present, but the value differs from the plan.' };
  }
  if (!wasSet) return { key, ok: true, detail: 'Secret, left as it was (unchanged since Airlock deployed it).' };
  if (was?.updatedAt !== now.updatedAt || was.isSecret !== now.isSecret) {
    return { key, ok: true, detail: 'Secret, set: Astro reports the update (it never shows the value).' };
  }
  return { key, ok: null, detail: 'Secret, sent, but Astro reports no change: it probably held this value already.' };
}

function checkUntouched(input: VerificationInput): VerificationCheck | null {
  const owned = new Set(input.desired.map((want) => want.key));
  const afterByKey = new Map(input.after.map((variable) => [variable.key, variable]));
  const others = input.before.filter((variable) => !owned.has(variable.key));
  if (others.length === 0) return null;
  // Timestamps are not compared: whether Astro moves every variable's `updated_at` when the list
  // is re-sent is not known, and a value or flag that changed is what would hurt.
  const altered = others.filter((was) => {
    const now = afterByKey.get(was.key);
    return now?.isSecret !== was.isSecret || now.value !== was.value;
  });
  if (altered.length === 0) {
    return { key: null, ok: true, detail: `${others.length} other variable${others.length === 1 ? '' : 's'} kept exactly as they were.` };
  }
  return { key: null, ok: false, detail: `Changed although Airlock did not send them: ${altered.map((was) => was.key).join(', ')}.` };
}

export function verifyDeploymentVariables(input: VerificationInput): Verification {
  const beforeByKey = new Map(input.before.map((variable) => [variable.key, variable]));
  const afterByKey = new Map(input.after.map((variable) => [variable.key, variable]));
  const set = new Set(input.setKeys);
  const checks: VerificationCheck[] = input.desired.map((want) => checkDesired(want, beforeByKey.get(want.key), afterByKey.get(want.key), set.has(want.key)));
  const untouched = checkUntouched(input);
  if (untouched !== null) checks.push(untouched);
  return { checks, verified: checks.every((check) => check.ok !== false) };
}
