/** Immutable set edits for state held in React (a new set each time, so a render sees the change). */

/** `set` with `key` added when `on`, removed otherwise. */
export function withMember<T>(set: ReadonlySet<T>, key: T, on: boolean): ReadonlySet<T> {
  if (set.has(key) === on) return set;
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

/** `set` with `key` removed if it was there, added if it was not. */
export function toggled<T>(set: ReadonlySet<T>, key: T): ReadonlySet<T> {
  return withMember(set, key, !set.has(key));
}
