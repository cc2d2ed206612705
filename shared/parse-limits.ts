/**
 * The one bound on nested data Airlock reads from outside (kwargs typed in the window or found in
 * a Dockerfile, import files, a project's YAML). YAML is read within it by shared/yaml-input.ts,
 * kept apart so that the API contract (bundled into the preload) does not pull in the YAML parser.
 *
 * Why: a parser, and every function that later walks the parsed value, recurses once per level,
 * so a value nested thousands of levels deep overflows the stack (a RangeError that would surface
 * as an internal error); and YAML aliases can expand a small file into a huge value ("billion
 * laughs"). Real kwargs, connection extras and settings files nest a handful of levels.
 *
 * No message here quotes the input: the `yaml` package's own messages quote the offending line,
 * which may hold a password, so only positions are passed on.
 */

/** The deepest nesting of lists and objects read from outside input (CPython's json stops near 1000). */
export const MAX_NESTING_DEPTH = 100;
/** How many alias expansions a YAML file may use (the `yaml` package's own default, made explicit). */
export const MAX_YAML_ALIAS_COUNT = 100;

/** "… nests lists and objects more than 100 levels deep": completes a sentence about the input. */
export const TOO_DEEP_PHRASE = `nests lists and objects more than ${MAX_NESTING_DEPTH} levels deep, more than Airlock reads`;
export const TOO_MANY_ALIASES_PHRASE = `expands YAML aliases (*name) more than ${MAX_YAML_ALIAS_COUNT} times, more than Airlock reads`;

/** True for the RangeError a too-deep recursion throws ("Maximum call stack size exceeded"). */
export function isStackOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * True when a parsed value nests lists and objects deeper than the limit (a top-level object is
 * depth 1). Walks without recursion and stops at the limit, so it is safe on any value, even a
 * cyclic one.
 */
export function nestsTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
