/**
 * `.gitignore` and `.dockerignore` matching, enough to answer "is `.env` ignored?" reliably and to
 * say which line decides.
 *
 * git matching is the `ignore` package's (node-ignore: its fixtures are checked against the git
 * binary; its documented differences are bytes vs UTF-16 for non-ASCII names and `a**\/b`).
 * Docker matching stays ours: `@balena/dockerignore` copies moby 19.03, not today's
 * moby/patternmatcher (a leading `**` is a suffix match there: see the test "issue 11 item 12:
 * docker flavour agrees with the docker CLI" row `**a`), folds case by default, and needs Node's
 * `path`, which shared/ may not import.
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

import ignore from 'ignore';

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

interface DockerPattern {
  readonly line: number;
  readonly source: string;
  readonly negated: boolean;
  readonly matches: (path: string) => boolean;
}

function normalizePath(path: string): { path: string; isDirectory: boolean } {
  let normalized = path.replace(/\\/g, '/');
  const isDirectory = normalized.endsWith('/');
  normalized = normalized.replace(/\/+/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return { path: normalized, isDirectory };
}

interface GitLine {
  readonly line: number;
  /** The line as handed to `ignore` (without its CR or BOM), which reads the pattern itself. */
  readonly text: string;
  /** The pattern as reported: trailing unescaped spaces dropped, then trimmed. */
  readonly source: string;
  readonly negated: boolean;
}

function gitLines(text: string): { lines: GitLine[]; problems: IgnoreProblem[] } {
  const lines: GitLine[] = [];
  const problems: IgnoreProblem[] = [];
  text.split('\n').forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line === '' || line.startsWith('#')) return;
    // Trailing spaces are dropped unless escaped with a backslash.
    let end = line.length;
    while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end -= 1;
    const pattern = line.slice(0, end);
    if (pattern === '' || pattern === '!') return;
    // A pattern ending in an unescaped backslash is invalid: git (and `ignore`) never match it.
    if (/(?:^|[^\\])(?:\\\\)*\\$/.test(pattern)) {
      problems.push({ line: index + 1, severity: 'warning', message: 'This pattern is malformed and never matches.' });
      return;
    }
    lines.push({ line: index + 1, text: line, source: pattern.trim(), negated: pattern.startsWith('!') });
  });
  return { lines, problems };
}

/**
 * Case-sensitive, as git is with `core.ignorecase` off (its Linux default; `ignore` folds case
 * unless told not to). `allowRelativePaths` keeps `ignore` from throwing on a `..` path: paths
 * are normalized before they get here, and this module never throws.
 */
function gitMatcher(): ignore.Ignore {
  return ignore({ ignorecase: false, allowRelativePaths: true });
}

function gitDecision(line: GitLine | undefined, problems: readonly IgnoreProblem[], excludedParent: string | null = null): IgnoreDecision {
  return {
    ignored: line !== undefined && !line.negated,
    line: line?.line ?? null,
    pattern: line?.source ?? null,
    negated: line?.negated ?? false,
    excludedParent,
    problems,
  };
}

/**
 * git's answer comes from `ignore` (node-ignore, tested against the git binary): it excludes a path
 * when the last matching pattern does, or when a parent directory is excluded. This layer only
 * says which line decided: the rule `ignore` reports carries its index as its mark; an excluded
 * parent is found by testing the parents from the top down; and when a `!` pattern re-includes
 * the path (`ignore` reports that without the rule), the deciding line is the last `!` pattern
 * that matches the path on its own.
 */
function gitIgnoreDecision(text: string, target: string, isDirectory: boolean): IgnoreDecision {
  const { lines, problems } = gitLines(text);
  if (target === '') return gitDecision(undefined, problems);
  const matcher = gitMatcher().add(lines.map((line, index) => ({ pattern: line.text, mark: String(index) })));
  const lineOf = (result: ignore.TestResult): GitLine | undefined => (result.rule?.mark === undefined ? undefined : lines[Number(result.rule.mark)]);
  const parts = target.split('/');
  for (let depth = 1; depth < parts.length; depth += 1) {
    const parent = parts.slice(0, depth).join('/');
    const result = matcher.test(`${parent}/`);
    if (result.ignored) return gitDecision(lineOf(result), problems, parent);
  }
  const path = isDirectory ? `${target}/` : target;
  const result = matcher.test(path);
  if (result.ignored) return gitDecision(lineOf(result), problems);
  if (!result.unignored) return gitDecision(undefined, problems);
  const reinclude = lines.findLast((line) => line.negated && gitMatcher().add(line.text).test(path).unignored);
  return gitDecision(reinclude, problems);
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

function compileDocker(text: string): { patterns: DockerPattern[]; problems: IgnoreProblem[] } {
  const patterns: DockerPattern[] = [];
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
    patterns.push({ line: index + 1, source: line.trim(), negated, matches: matcher });
  });
  return { patterns, problems };
}

function dockerDecision(pattern: DockerPattern | null, problems: readonly IgnoreProblem[]): IgnoreDecision {
  return {
    ignored: pattern !== null && !pattern.negated,
    line: pattern?.line ?? null,
    pattern: pattern?.source ?? null,
    negated: pattern?.negated ?? false,
    excludedParent: null,
    problems,
  };
}

/** moby/patternmatcher's `MatchesOrParentMatches`, remembering the pattern that decided. */
function dockerIgnoreDecision(text: string, target: string): IgnoreDecision {
  const { patterns, problems } = compileDocker(text);
  const file = goClean(target);
  const slash = file.lastIndexOf('/');
  const parentDirs = slash < 0 ? [] : file.slice(0, slash).split('/');
  let matched = false;
  let decided: DockerPattern | null = null;
  for (const pattern of patterns) {
    // Like patternmatcher: only exclusions can undo a match, only inclusions can make one.
    if (pattern.negated !== matched) continue;
    let match = pattern.matches(file);
    for (let i = 0; !match && i < parentDirs.length; i += 1) match = pattern.matches(parentDirs.slice(0, i + 1).join('/'));
    if (match) {
      matched = !pattern.negated;
      decided = pattern;
    }
  }
  return dockerDecision(decided, problems);
}

/**
 * Is `path` (relative to the ignore file's directory, `/`-separated; `\` is read as `/`) ignored by
 * this `.gitignore` or `.dockerignore` text? Returns the deciding line. Never throws.
 */
export function isPathIgnored(ignoreFileText: string, path: string, flavour: IgnoreFlavour, options: IgnoreOptions = {}): IgnoreDecision {
  const normalized = normalizePath(path);
  if (flavour === 'git') return gitIgnoreDecision(ignoreFileText, normalized.path, options.isDirectory === true || normalized.isDirectory);
  return dockerIgnoreDecision(ignoreFileText, normalized.path);
}
