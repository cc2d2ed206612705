/**
 * IAM's wildcards: `*` matches any run of characters (including `:` and `/`), `?` exactly one.
 * Action names compare case-insensitively, resource ARNs and condition values case-sensitively.
 */
const compiled = new Map<string, RegExp>();
const maxCached = 2_000;

function toRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const regExp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  if (compiled.size >= maxCached) compiled.clear();
  compiled.set(key, regExp);
  return regExp;
}

export function wildcardMatch(pattern: string, value: string, options: { readonly ignoreCase: boolean }): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return options.ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return toRegExp(pattern, options.ignoreCase).test(value);
}
