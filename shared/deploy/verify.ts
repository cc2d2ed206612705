/**
 * Reading a Deployment back after a deploy and saying, per variable, whether it is what the plan
 * wanted. Plain values are compared exactly; a secret's value is never readable, so for a secret
 * the evidence is its flag and whether Astro moved its `updated_at` when Airlock set it.
 */
import type { CurrentVariable, DesiredVariable } from './plan';
import { plural, pluralWord } from '../plural';

export interface VerificationCheck {
  /** The variable (or file key) checked, or null for a summary check. */
  readonly key: string | null;
  /** true: verified; false: not as planned; null: cannot be told (said in `detail`). */
  readonly ok: boolean | null;
  readonly detail: string;
}

export interface VerificationInput {
  readonly desired: readonly DesiredVariable[];
  /**
   * Keys that count as sent: those of update calls that succeeded, and those Astro reported
   * applied from a call that failed part-way. Keys of a failed call count as not applied.
   */
  readonly setKeys: readonly string[];
  /** Keys the plan meant to set that were not applied (their call failed, or never ran). */
  readonly notAppliedKeys?: readonly string[];
  readonly before: readonly CurrentVariable[];
  readonly after: readonly CurrentVariable[];
}

export interface Verification {
  readonly checks: readonly VerificationCheck[];
  /** No check failed. */
  readonly verified: boolean;
}

/** What happened to a desired key: sent (and accepted), meant to be sent but not applied, or left alone as unchanged. */
type SendState = 'sent' | 'not-applied' | 'not-planned';

const CALL_FAILED = 'Not applied: the call that carried it failed';

function checkDesired(want: DesiredVariable, was: CurrentVariable | undefined, now: CurrentVariable | undefined, state: SendState): VerificationCheck {
  const key = want.key;
  if (now === undefined) return { key, ok: false, detail: state === 'not-applied' ? `${CALL_FAILED}, and it is missing on the Deployment.` : 'Missing on the Deployment.' };
  if (want.secret && !now.isSecret) return { key, ok: false, detail: state === 'not-applied' ? `${CALL_FAILED}; it is on the Deployment, but not as a secret.` : 'On the Deployment, but not as a secret.' };
  if (!now.isSecret && now.value !== null) {
    if (now.value === want.value) return { key, ok: true, detail: 'Present, value matches.' };
    return { key, ok: false, detail: state === 'not-applied' ? `${CALL_FAILED}; the Deployment still has another value.` : 'Present, but the value differs from the plan.' };
  }
  if (state === 'not-applied') {
    // A failed call may still have reached Astro; a moved timestamp is the only trace, and it cannot tell which value.
    return was?.updatedAt !== now.updatedAt || was.isSecret !== now.isSecret
      ? { key, ok: null, detail: 'Secret: the call that carried it failed, yet Astro reports an update, so Airlock cannot tell which value it holds. Deploy again.' }
      : { key, ok: false, detail: `${CALL_FAILED}, and Astro reports no change.` };
  }
  if (state === 'not-planned') return { key, ok: true, detail: 'Secret, left as it was (unchanged since Airlock deployed it).' };
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
    return { key: null, ok: true, detail: `${plural(others.length, 'other variable')} kept exactly as ${pluralWord(others.length, 'it was', 'they were')}.` };
  }
  return { key: null, ok: false, detail: `Changed although Airlock did not send them: ${altered.map((was) => was.key).join(', ')}.` };
}

export function verifyDeploymentVariables(input: VerificationInput): Verification {
  const beforeByKey = new Map(input.before.map((variable) => [variable.key, variable]));
  const afterByKey = new Map(input.after.map((variable) => [variable.key, variable]));
  const set = new Set(input.setKeys);
  const notApplied = new Set(input.notAppliedKeys ?? []);
  const stateOf = (key: string): SendState => (set.has(key) ? 'sent' : notApplied.has(key) ? 'not-applied' : 'not-planned');
  const checks: VerificationCheck[] = input.desired.map((want) => checkDesired(want, beforeByKey.get(want.key), afterByKey.get(want.key), stateOf(want.key)));
  const untouched = checkUntouched(input);
  if (untouched !== null) checks.push(untouched);
  return { checks, verified: checks.every((check) => check.ok !== false) };
}
