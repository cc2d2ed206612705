/**
 * Exhaustiveness and invariants.
 *
 * `assertNever` closes every switch over a discriminated union so that adding a member is a
 * compile error wherever it is not handled.
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}

/** Unwraps a value the caller knows is present; the reason says why, and is the error if not. */
export function forceUnwrap<T>(reason: string, value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error(reason);
  return value;
}
