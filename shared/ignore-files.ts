/**
 * `.gitignore` and `.dockerignore` matching, enough to answer "is `.env` ignored?" reliably and to
 * say which line decides.
 *
 * The two differ in ways that matter:
 * - git: a pattern without a slash (other than a trailing one) matches at any depth; one with a
 *   slash is relative to the ignore file. A trailing `/` matches directories only. Nothing inside
 *   an excluded directory can be re-included. Comments are lines starting with `#`; trailing
 *   spaces are dropped unless escaped.
 * - docker (moby/patternmatcher): every pattern is relative to the build context root, so `.env`
 *   only matches the top-level file and `**\/.env` matches at any depth. Lines are trimmed and
 *   cleaned like paths (a trailing `/` means nothing), a pattern that matches a directory matches
 *   everything in it, and `!` can re-include files inside an excluded directory.
 * In both, the last matching pattern wins.
 */

export type IgnoreFlavour = 'git' | 'docker';

export interface IgnoreProblem {
  readonly line: number;
  /** `error`: Docker refuses the ignore file (the build fails); `warning`: the line never matches. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface IgnoreDecision {
  readonly ignored: boolean;
  /** 1-based line of the pattern that decided; null when no pattern matched. */
  readonly line: number | null;
  /** That line's pattern as written (trimmed). */
  readonly pattern: string | null;
  /** The deciding pattern is a `!` re-include. */
  readonly negated: boolean;
  /** git only: the parent directory whose exclusion decided (files inside cannot be re-included). */
  readonly excludedParent: string | null;
  readonly problems: readonly IgnoreProblem[];
}

export interface IgnoreOptions {
  /** The path is a directory (also implied by a trailing `/` on the path). */
  readonly isDirectory?: boolean;
}

interface CompiledPattern {
  readonly line: number;
  readonly source: string;
  readonly negated: boolean;
  readonly matches: (path: string, isDirectory: boolean) => boolean;
}

function normalizePath(path: string): { path: string; isDirectory: boolean } {
  let normalized = path.replace(/\\/g, '/');
  const isDirectory = normalized.endsWith('/');
  normalized = normalized.replace(/\/+/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return { path: normalized, isDirectory };
}

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** A `[...]` bracket expression at `start`; null when it is not closed (then `[` is literal). */
function gitBracket(pattern: string, start: number): { regex: string; end: number } | null {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negated = true;
    i += 1;
  }
  let body = '';
  let first = true;
  while (i < pattern.length) {
    const char = pattern[i] ?? '';
    if (char === ']' && !first) {
      // Bracket expressions never match a slash in pathname matching.
      return { regex: negated ? `[^${body}/]` : `[${body}]`, end: i + 1 };
    }
    first = false;
    if (char === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const name = close < 0 ? undefined : pattern.slice(i + 2, close);
      const mapped = name === undefined ? undefined : POSIX_CLASSES[name];
      if (mapped !== undefined && close >= 0) {
        body += mapped;
        i = close + 2;
        continue;
      }
    }
    if (char === '\\' && i + 1 < pattern.length) {
      body += escapeRegExp(pattern[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (char === '-' && body !== '' && pattern[i + 1] !== ']') {
      body += '-';
      i += 1;
      continue;
    }
    body += escapeRegExp(char);
    i += 1;
  }
  return null;
}

/** git's wildmatch with WM_PATHNAME, as a regular expression. */
function gitPatternRegex(pattern: string): RegExp | null {
  let regex = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      let stars = 1;
      while (pattern[i + stars] === '*') stars += 1;
      const before = i === 0 || pattern[i - 1] === '/';
      const after = i + stars;
      const atEnd = after === pattern.length;
      if (stars === 2 && before && (atEnd || pattern[after] === '/')) {
        if (atEnd) {
          regex += '.*';
          i = after;
        } else {
          regex += '(?:.*/)?';
          i = after + 1;
        }
        continue;
      }
      regex += '[^/]*';
      i = after;
      continue;
    }
    if (char === '?') {
      regex += '[^/]';
      i += 1;
      continue;
    }
    if (char === '[') {
      const bracket = gitBracket(pattern, i);
      if (bracket !== null) {
        regex += bracket.regex;
        i = bracket.end;
        continue;
      }
    }
    if (char === '\\') {
      // A trailing backslash makes the pattern invalid: git never matches it.
      if (i + 1 >= pattern.length) return null;
      regex += escapeRegExp(pattern[i + 1] ?? '');
      i += 2;
      continue;
    }
    regex += escapeRegExp(char);
    i += 1;
  }
  try {
    return new RegExp(`^${regex}$`);
  } catch {
    return null;
  }
}

function compileGit(text: string): { patterns: CompiledPattern[]; problems: IgnoreProblem[] } {
  const patterns: CompiledPattern[] = [];
  const problems: IgnoreProblem[] = [];
  text.split('\n').forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line === '' || line.startsWith('#')) return;
    // Trailing spaces are dropped unless escaped with a backslash.
    let end = line.length;
    while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end -= 1;
    let pattern = line.slice(0, end);
    if (pattern === '') return;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
    if (directoryOnly) pattern = pattern.replace(/\/+$/, '');
    const anchored = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    if (pattern === '') return;
    const regex = gitPatternRegex(pattern);
    if (regex === null) {
      problems.push({ line: index + 1, severity: 'warning', message: 'This pattern is malformed and never matches.' });
      return;
    }
    patterns.push({
      line: index + 1,
      source: line.slice(0, end).trim(),
      negated,
      matches: (path, isDirectory) => {
        if (directoryOnly && !isDirectory) return false;
        return regex.test(anchored ? path : path.slice(path.lastIndexOf('/') + 1));
      },
    });
  });
  return { patterns, problems };
}

/** Go's `path.Clean` (slash-separated). */
function goClean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** moby/patternmatcher's pattern compiler: exact, prefix (`dir/**`), suffix (`**\/x`) or regexp. */
function dockerMatcher(pattern: string): ((path: string) => boolean) | null {
  let regex = '^';
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  let pos = 0;
  for (let i = 0; pos < pattern.length; i += 1) {
    const char = pattern[pos] ?? '';
    pos += 1;
    if (char === '*') {
      if (pattern[pos] === '*') {
        pos += 1;
        if (pattern[pos] === '/') pos += 1;
        if (pos >= pattern.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            regex += '.*';
            kind = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          kind = 'regexp';
        }
        if (i === 0) kind = 'suffix';
      } else {
        regex += '[^/]*';
        kind = 'regexp';
      }
    } else if (char === '?') {
      regex += '[^/]';
      kind = 'regexp';
    } else if ('.+()|{}$'.includes(char)) {
      regex += `\\${char}`;
    } else if (char === '\\') {
      if (pos < pattern.length) {
        regex += `\\${pattern[pos] ?? ''}`;
        pos += 1;
        kind = 'regexp';
      } else {
        regex += '\\\\';
      }
    } else if (char === '[' || char === ']') {
      regex += char;
      kind = 'regexp';
    } else {
      regex += char;
    }
  }
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'regexp': {
      let compiled: RegExp;
      try {
        compiled = new RegExp(`${regex}$`);
      } catch {
        return null;
      }
      return (path) => compiled.test(path);
    }
  }
}

function compileDocker(text: string): { patterns: CompiledPattern[]; problems: IgnoreProblem[] } {
  const patterns: CompiledPattern[] = [];
  const problems: IgnoreProblem[] = [];
  text.split('\n').forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    // Only a `#` in the very first column starts a comment.
    if (line.startsWith('#')) return;
    let pattern = line.trim();
    if (pattern === '') return;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1).trim();
    if (pattern === '') {
      problems.push({ line: index + 1, severity: 'error', message: 'A "!" without a pattern makes Docker reject the .dockerignore file.' });
      return;
    }
    pattern = goClean(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    const matcher = dockerMatcher(pattern);
    if (matcher === null) {
      problems.push({ line: index + 1, severity: 'error', message: 'This pattern is malformed; Docker rejects the .dockerignore file.' });
      return;
    }
    patterns.push({ line: index + 1, source: line.trim(), negated, matches: (path) => matcher(path) });
  });
  return { patterns, problems };
}

function decisionFrom(pattern: CompiledPattern | null, problems: readonly IgnoreProblem[], excludedParent: string | null = null): IgnoreDecision {
  return {
    ignored: pattern !== null && !pattern.negated,
    line: pattern?.line ?? null,
    pattern: pattern?.source ?? null,
    negated: pattern?.negated ?? false,
    excludedParent,
    problems,
  };
}

function lastGitMatch(patterns: readonly CompiledPattern[], path: string, isDirectory: boolean): CompiledPattern | null {
  for (let i = patterns.length - 1; i >= 0; i -= 1) {
    const pattern = patterns[i];
    if (pattern?.matches(path, isDirectory) === true) return pattern;
  }
  return null;
}

/**
 * Is `path` (relative to the ignore file's directory, `/`-separated; `\` is read as `/`) ignored by
 * this `.gitignore` or `.dockerignore` text? Returns the deciding line. Never throws.
 */
export function isPathIgnored(ignoreFileText: string, path: string, flavour: IgnoreFlavour, options: IgnoreOptions = {}): IgnoreDecision {
  const normalized = normalizePath(path);
  const isDirectory = options.isDirectory === true || normalized.isDirectory;
  const target = normalized.path;
  if (flavour === 'git') {
    const { patterns, problems } = compileGit(ignoreFileText);
    const parts = target.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const parent = parts.slice(0, depth).join('/');
      const decided = lastGitMatch(patterns, parent, true);
      if (decided !== null && !decided.negated) return decisionFrom(decided, problems, parent);
    }
    return decisionFrom(lastGitMatch(patterns, target, isDirectory), problems);
  }
  const { patterns, problems } = compileDocker(ignoreFileText);
  const file = goClean(target);
  const slash = file.lastIndexOf('/');
  const parentDirs = slash < 0 ? [] : file.slice(0, slash).split('/');
  let matched = false;
  let decided: CompiledPattern | null = null;
  for (const pattern of patterns) {
    // Like patternmatcher: only exclusions can undo a match, only inclusions can make one.
    if (pattern.negated !== matched) continue;
    let match = pattern.matches(file, isDirectory);
    for (let i = 0; !match && i < parentDirs.length; i += 1) match = pattern.matches(parentDirs.slice(0, i + 1).join('/'), true);
    if (match) {
      matched = !pattern.negated;
      decided = pattern;
    }
  }
  return decisionFrom(decided, problems);
}
