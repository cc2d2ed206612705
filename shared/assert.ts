/**
 * Exhaustiveness and invariants.
 *
 * `assertNever` closes every switch over a discriminated union so that adding a member is a
 * compile error wherever it is not handled.
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
