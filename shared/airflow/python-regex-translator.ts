/**
 * The tokenizer behind `python-regex.ts`: walks a pattern the way CPython's `sre_parse` does
 * (3.11+), raising where it raises, and emits an equivalent JavaScript source (flag `u`) plus
 * the Python-only constructs it met.
 */

export interface RegexFinding {
  /** The construct as written, e.g. `(?P<name>`. */
  readonly construct: string;
  readonly index: number;
  readonly note: string;
  /** What to write instead so the pattern means the same in Python and JavaScript, or null. */
  readonly portable: string | null;
  /** False when Airlock cannot evaluate the pattern because of this construct. */
  readonly translatable: boolean;
}

/** A construct Python accepts but the translator cannot follow at all. */
export class Untranslatable extends Error {}

export class PythonReError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

interface Width {
  min: number;
  max: number;
}

interface Frame {
  readonly kind: 'root' | 'capture' | 'noncapture' | 'lookahead' | 'lookbehind' | 'atomic';
  readonly number: number | null;
  readonly start: number;
  alternatives: Width[];
  current: Width;
  last: Width | null;
}

const JS_SPECIAL = new Set(['\\', '^', '$', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const CLASS_SPECIAL = new Set(['\\', ']', '[', '^', '-']);
const VERBOSE_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const OCT = /^[0-7]$/;
const HEX2 = /^[0-9a-fA-F]{2}/;
const HEX4 = /^[0-9a-fA-F]{4}/;
const HEX8 = /^[0-9a-fA-F]{8}/;
/** Python's `\w` for str patterns (letters, numbers and `_` in any script), or ASCII under `(?a)`. */
const WORD = { unicode: '\\p{L}\\p{N}_', ascii: 'A-Za-z0-9_' };
/** Python's `\s`: what `str.isspace()` accepts (not U+FEFF, unlike JavaScript), or ASCII under `(?a)`. */
const SPACE = {
  unicode: '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000',
  ascii: '\\t\\n\\v\\f\\r ',
};
const DIGIT = { unicode: '\\p{Nd}', ascii: '0-9' };
type Charset = 'unicode' | 'ascii';

function categoryOutside(letter: string, set: Charset): string | undefined {
  const table: Record<string, string> = {
    d: `[${DIGIT[set]}]`,
    D: `[^${DIGIT[set]}]`,
    w: `[${WORD[set]}]`,
    W: `[^${WORD[set]}]`,
    s: `[${SPACE[set]}]`,
    S: `[^${SPACE[set]}]`,
  };
  return table[letter];
}

/** Inside a class only the positive categories can be spelled out; null = not previewable. */
function categoryInClass(letter: string, set: Charset): string | null | undefined {
  const table: Record<string, string | null> = { d: DIGIT[set], D: set === 'unicode' ? '\\P{Nd}' : null, w: WORD[set], W: null, s: SPACE[set], S: null };
  return table[letter];
}

function boundary(negated: boolean, set: Charset): string {
  const w = `[${WORD[set]}]`;
  return negated ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

function hex4(code: number): string {
  return code.toString(16).padStart(4, '0');
}

/** A JavaScript fragment matching exactly the code point `code`, outside a class. */
function literalOutside(code: number): string {
  const char = String.fromCodePoint(code);
  if (code > 0xffff) return `\\u{${code.toString(16)}}`;
  if (JS_SPECIAL.has(char)) return `\\${char}`;
  if (code < 0x20 || code === 0x7f) return `\\u${hex4(code)}`;
  return char;
}

function isIdentifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name);
}

export class Translator {
  private pos = 0;
  private out = '';
  private multiline = false;
  private dotall = false;
  private verbose = false;
  private charset: Charset = 'unicode';
  private globalFlags = '';
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly closed = new Set<number>();
  private readonly frames: Frame[] = [];
  /** 'none': a quantifier here is "nothing to repeat"; 'quantified': "multiple repeat". */
  private repeatable: 'none' | 'atom' | 'quantified' = 'none';
  private atStart = true;
  readonly findings: RegexFinding[] = [];
  readonly replacements: { start: number; end: number; text: string }[] = [];
  readonly recoverable: PythonReError[] = [];
  untranslatable: string | null = null;

  constructor(private readonly pattern: string) {
    this.frames.push(this.frame('root', null, 0));
  }

  private frame(kind: Frame['kind'], number: number | null, start: number): Frame {
    return { kind, number, start, alternatives: [], current: { min: 0, max: 0 }, last: null };
  }

  private get top(): Frame {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) throw new Error('regex translator lost its root frame');
    return frame;
  }

  private atom(js: string, width: Width | null): void {
    this.out += js;
    const frame = this.top;
    if (width === null) {
      frame.last = null;
      this.repeatable = 'none';
    } else {
      frame.current = { min: frame.current.min + width.min, max: frame.current.max + width.max };
      frame.last = width;
      this.repeatable = 'atom';
    }
    this.atStart = false;
  }

  private find(construct: string, index: number, note: string, portable: string | null, translatable: boolean, replaceLength = construct.length): void {
    this.findings.push({ construct, index, note, portable, translatable });
    if (portable !== null) this.replacements.push({ start: index, end: index + replaceLength, text: portable });
    if (!translatable && this.untranslatable === null) this.untranslatable = note;
  }

  run(): string {
    const p = this.pattern;
    while (this.pos < p.length) {
      const char = p[this.pos] ?? '';
      if (this.verbose && VERBOSE_SPACE.has(char)) {
        this.pos += 1;
        continue;
      }
      if (this.verbose && char === '#') {
        const newline = p.indexOf('\n', this.pos);
        this.pos = newline < 0 ? p.length : newline + 1;
        continue;
      }
      switch (char) {
        case '\\':
          this.escape();
          break;
        case '[':
          this.characterClass();
          break;
        case '(':
          this.openGroup();
          break;
        case ')':
          this.closeGroup();
          break;
        case '|':
          this.alternation();
          break;
        case '*':
        case '+':
        case '?':
          this.quantifier(char === '+' ? 1 : 0, char === '?' ? 1 : Number.POSITIVE_INFINITY, char, 1);
          break;
        case '{':
          this.brace();
          break;
        case '.':
          this.pos += 1;
          this.atom(this.dotall ? '[\\s\\S]' : '[^\\n]', { min: 1, max: 1 });
          break;
        case '^':
          this.pos += 1;
          this.atom(this.multiline ? '(?<![^\\n])' : '^', null);
          break;
        case '$':
          this.pos += 1;
          // Python's `$` also matches before a final newline; JavaScript's does not.
          this.atom(this.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))', null);
          break;
        default: {
          const code = p.codePointAt(this.pos) ?? 0;
          this.pos += code > 0xffff ? 2 : 1;
          this.atom(literalOutside(code), { min: 1, max: 1 });
        }
      }
    }
    if (this.frames.length > 1) throw new PythonReError('missing ), unterminated subpattern', this.top.start);
    return this.out;
  }

  private readHexEscape(regex: RegExp, length: number, letter: string, start: number): number {
    const digits = regex.exec(this.pattern.slice(this.pos + 2))?.[0];
    if (digits === undefined) throw new PythonReError(`incomplete escape \\${letter}`, start);
    this.pos += 2 + length;
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) throw new PythonReError(`bad escape \\${letter}${digits}`, start);
    return code;
  }

  private namedCharacter(start: number): void {
    const close = this.pattern.indexOf('}', this.pos);
    const end = this.pattern[this.pos + 2] === '{' && close > 0 ? close + 1 : this.pos + 2;
    this.find(this.pattern.slice(start, end), start, 'Named Unicode characters (`\\N{...}`) cannot be previewed by Airlock; write the character itself.', null, false);
    this.pos = end;
  }

  /** Escapes outside a character class (`sre_parse._escape`). */
  private escape(): void {
    const p = this.pattern;
    const start = this.pos;
    const c = p[this.pos + 1];
    if (c === undefined) throw new PythonReError('bad escape (end of pattern)', start);
    if (c === 'A') {
      this.pos += 2;
      this.find('\\A', start, '`\\A` (start of the id) is Python-only; `^` means the same here.', '^', true);
      this.atom('(?<![\\s\\S])', null);
      return;
    }
    if (c === 'Z') {
      this.pos += 2;
      this.find('\\Z', start, '`\\Z` (end of the id) is Python-only; `$` means the same for ids, which never end in a newline.', '$', true);
      this.atom('(?![\\s\\S])', null);
      return;
    }
    if (c === 'b' || c === 'B') {
      this.pos += 2;
      this.atom(boundary(c === 'B', this.charset), null);
      return;
    }
    const category = categoryOutside(c, this.charset);
    if (category !== undefined) {
      this.pos += 2;
      this.atom(category, { min: 1, max: 1 });
      return;
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      this.atom(literalOutside(simple), { min: 1, max: 1 });
      return;
    }
    if (c === 'x' || c === 'u' || c === 'U') {
      const [regex, length] = c === 'x' ? [HEX2, 2] : c === 'u' ? [HEX4, 4] : [HEX8, 8];
      this.atom(literalOutside(this.readHexEscape(regex, length, c, start)), { min: 1, max: 1 });
      return;
    }
    if (c === 'N') {
      this.namedCharacter(start);
      this.atom('', { min: 1, max: 1 });
      return;
    }
    if (c === 'k' && p[this.pos + 2] === '<') {
      const close = p.indexOf('>', this.pos);
      const name = close > 0 ? p.slice(this.pos + 3, close) : '';
      const number = this.groupNames.get(name);
      if (close > 0 && number !== undefined) {
        const construct = p.slice(start, close + 1);
        this.recoverable.push(new PythonReError(`bad escape \\k: \`${construct}\` is JavaScript syntax; Python writes a named backreference as \`(?P=${name})\``, start));
        this.replacements.push({ start, end: close + 1, text: `(?P=${name})` });
        this.pos = close + 1;
        this.atom(`\\k<${name}>`, { min: 0, max: Number.POSITIVE_INFINITY });
        return;
      }
    }
    if (c === '0') {
      let digits = '0';
      let i = this.pos + 2;
      while (digits.length < 3 && OCT.test(p[i] ?? '')) digits += p[i++] ?? '';
      this.pos = i;
      this.atom(literalOutside(parseInt(digits, 8)), { min: 1, max: 1 });
      return;
    }
    if (/[1-9]/.test(c)) {
      const next = p[this.pos + 2] ?? '';
      if (/[0-9]/.test(next)) {
        const third = p[this.pos + 3] ?? '';
        if (OCT.test(c) && OCT.test(next) && OCT.test(third)) {
          const code = parseInt(c + next + third, 8);
          if (code > 0o377) throw new PythonReError(`octal escape value \\${c}${next}${third} outside of range 0-0o377`, start);
          this.pos += 4;
          this.atom(literalOutside(code), { min: 1, max: 1 });
          return;
        }
        this.backreference(Number(c + next), start, 3);
        return;
      }
      this.backreference(Number(c), start, 2);
      return;
    }
    if (/[A-Za-z]/.test(c)) throw new PythonReError(`bad escape \\${c}`, start);
    const code = p.codePointAt(this.pos + 1) ?? 0;
    this.pos += code > 0xffff ? 3 : 2;
    this.atom(literalOutside(code), { min: 1, max: 1 });
  }

  private backreference(group: number, start: number, length: number): void {
    if (group > this.groupCount) throw new PythonReError(`invalid group reference ${group}`, start + 1);
    if (!this.closed.has(group)) throw new PythonReError('cannot refer to an open group', start);
    this.pos += length;
    this.atom(`(?:\\${group})`, { min: 0, max: Number.POSITIVE_INFINITY });
  }

  /** One class item (`sre_parse._class_escape` or a literal): a code point, or a category. */
  private classItem(): { code: number } | { category: string } {
    const p = this.pattern;
    const start = this.pos;
    if (p[this.pos] !== '\\') {
      const code = p.codePointAt(this.pos) ?? 0;
      this.pos += code > 0xffff ? 2 : 1;
      return { code };
    }
    const c = p[this.pos + 1];
    if (c === undefined) throw new PythonReError('unterminated character set', start);
    const category = categoryInClass(c, this.charset);
    if (category !== undefined) {
      this.pos += 2;
      if (category === null) {
        this.untranslatable ??= `\\${c} inside a character set cannot be previewed by Airlock.`;
        return { category: '' };
      }
      return { category };
    }
    if (c === 'b') {
      this.pos += 2;
      return { code: 8 };
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      return { code: simple };
    }
    if (c === 'x' || c === 'u' || c === 'U') {
      const [regex, length] = c === 'x' ? [HEX2, 2] : c === 'u' ? [HEX4, 4] : [HEX8, 8];
      return { code: this.readHexEscape(regex, length, c, start) };
    }
    if (c === 'N') {
      this.namedCharacter(start);
      return { code: 0xfffd };
    }
    if (OCT.test(c)) {
      let digits = c;
      let i = this.pos + 2;
      while (digits.length < 3 && OCT.test(p[i] ?? '')) digits += p[i++] ?? '';
      const code = parseInt(digits, 8);
      if (code > 0o377) throw new PythonReError(`octal escape value \\${digits} outside of range 0-0o377`, start);
      this.pos = i;
      return { code };
    }
    if (/[0-9A-Za-z]/.test(c)) throw new PythonReError(`bad escape \\${c}`, start);
    const code = p.codePointAt(this.pos + 1) ?? 0;
    this.pos += code > 0xffff ? 3 : 2;
    return { code };
  }

  private classLiteral(code: number): string {
    if (code > 0xffff) return `\\u{${code.toString(16)}}`;
    const char = String.fromCharCode(code);
    if (CLASS_SPECIAL.has(char)) return `\\${char}`;
    if (code < 0x20 || code === 0x7f) return `\\u${hex4(code)}`;
    return char;
  }

  private characterClass(): void {
    const p = this.pattern;
    const start = this.pos;
    this.pos += 1;
    let negate = false;
    if (p[this.pos] === '^') {
      negate = true;
      this.pos += 1;
    }
    const items: string[] = [];
    for (;;) {
      if (this.pos >= p.length) throw new PythonReError('unterminated character set', start);
      if (p[this.pos] === ']' && items.length > 0) {
        this.pos += 1;
        break;
      }
      const first = this.classItem();
      if (p[this.pos] === '-') {
        this.pos += 1;
        if (this.pos >= p.length) throw new PythonReError('unterminated character set', start);
        if (p[this.pos] === ']') {
          this.pos += 1;
          items.push('code' in first ? this.classLiteral(first.code) : first.category, '\\-');
          break;
        }
        const second = this.classItem();
        if (!('code' in first) || !('code' in second) || second.code < first.code) {
          throw new PythonReError('bad character range', start);
        }
        items.push(`${this.classLiteral(first.code)}-${this.classLiteral(second.code)}`);
      } else {
        items.push('code' in first ? this.classLiteral(first.code) : first.category);
      }
    }
    this.atom(`[${negate ? '^' : ''}${items.join('')}]`, { min: 1, max: 1 });
  }

  private openGroup(): void {
    const p = this.pattern;
    const start = this.pos;
    if (p[this.pos + 1] !== '?') {
      this.pos += 1;
      this.groupCount += 1;
      this.pushGroup('capture', this.groupCount, start, '(');
      return;
    }
    const c = p[this.pos + 2] ?? '';
    if (c === ':') {
      this.pos += 3;
      this.pushGroup('noncapture', null, start, '(?:');
      return;
    }
    if (c === 'P') {
      this.pythonNamedGroup(start);
      return;
    }
    if (c === '=' || c === '!') {
      this.pos += 3;
      this.pushGroup('lookahead', null, start, `(?${c}`);
      return;
    }
    if (c === '<') {
      const d = p[this.pos + 3] ?? '';
      if (d === '=' || d === '!') {
        this.pos += 4;
        this.pushGroup('lookbehind', null, start, `(?<${d}`);
        return;
      }
      const close = p.indexOf('>', this.pos);
      const name = close > 0 ? p.slice(this.pos + 3, close) : '';
      if (close > 0 && isIdentifier(name)) {
        this.recoverable.push(new PythonReError(`unknown extension ?<${d}: \`(?<${name}>...)\` is JavaScript syntax; Python writes a named group as \`(?P<${name}>...)\``, start + 1));
        this.replacements.push({ start, end: close + 1, text: `(?P<${name}>` });
        this.pos = close + 1;
        this.groupCount += 1;
        this.groupNames.set(name, this.groupCount);
        this.pushGroup('capture', this.groupCount, start, `(?<${name}>`);
        return;
      }
      throw new PythonReError(`unknown extension ?<${d}`, start + 1);
    }
    if (c === '#') {
      const close = p.indexOf(')', this.pos);
      if (close < 0) throw new PythonReError('missing ), unterminated comment', start);
      this.find(p.slice(start, close + 1), start, 'Comments `(?#...)` are Python-only; remove them.', '', true);
      this.pos = close + 1;
      return;
    }
    if (c === '>') {
      this.find('(?>', start, 'Atomic groups `(?>...)` need Python 3.11+ and cannot be previewed by Airlock.', null, false);
      this.pos += 3;
      this.pushGroup('atomic', null, start, '(?:');
      return;
    }
    if (c === '(') {
      // Python validates the condition before anything else; Airlock cannot evaluate the rest.
      const close = p.indexOf(')', this.pos + 3);
      if (close < 0) throw new PythonReError('missing ), unterminated name', start + 3);
      const condition = p.slice(this.pos + 3, close);
      if (/^\d+$/.test(condition)) {
        if (Number(condition) > this.groupCount && !p.slice(close).includes('(')) throw new PythonReError(`invalid group reference ${condition}`, start + 3);
      } else if (!isIdentifier(condition)) {
        throw new PythonReError(`bad character in group name '${condition}'`, start + 3);
      } else if (!this.groupNames.has(condition)) {
        throw new PythonReError(`unknown group name '${condition}'`, start + 3);
      }
      this.find('(?(', start, 'Conditional groups `(?(id)yes|no)` cannot be previewed by Airlock.', null, false);
      throw new Untranslatable();
    }
    if ('aiLmsux-'.includes(c) && c !== '') {
      this.inlineFlags(start);
      return;
    }
    throw new PythonReError(`unknown extension ?${c}`, start + 1);
  }

  private pythonNamedGroup(start: number): void {
    const p = this.pattern;
    const kind = p[this.pos + 3];
    if (kind === '<') {
      const close = p.indexOf('>', this.pos);
      if (close < 0) throw new PythonReError('missing >, unterminated name', start + 4);
      const name = p.slice(this.pos + 4, close);
      if (name === '') throw new PythonReError('missing group name', start + 4);
      if (!isIdentifier(name)) throw new PythonReError(`bad character in group name '${name}'`, start + 4);
      if (this.groupNames.has(name)) throw new PythonReError(`redefinition of group name '${name}'`, start + 4);
      this.groupCount += 1;
      this.groupNames.set(name, this.groupCount);
      this.find(`(?P<${name}>`, start, 'Named groups `(?P<name>...)` are Python-only; a lookup pattern never uses the name, so a plain group `(...)` is the same.', '(', true);
      this.pos = close + 1;
      this.pushGroup('capture', this.groupCount, start, `(?<${name}>`);
      return;
    }
    if (kind === '=') {
      const close = p.indexOf(')', this.pos);
      if (close < 0) throw new PythonReError('missing ), unterminated name', start + 4);
      const name = p.slice(this.pos + 4, close);
      const number = this.groupNames.get(name);
      if (number === undefined) throw new PythonReError(`unknown group name '${name}'`, start + 4);
      if (!this.closed.has(number)) throw new PythonReError('cannot refer to an open group', start);
      this.find(`(?P=${name})`, start, 'Named backreferences `(?P=name)` are Python-only; the numbered form means the same.', `(?:\\${number})`, true);
      this.pos = close + 1;
      this.atom(`\\k<${name}>`, { min: 0, max: Number.POSITIVE_INFINITY });
      return;
    }
    throw new PythonReError(`unknown extension ?P${kind ?? ''}`, start + 1);
  }

  private inlineFlags(start: number): void {
    const p = this.pattern;
    let i = this.pos + 2;
    let on = '';
    while ('aiLmsux'.includes(p[i] ?? '-') && p[i] !== undefined) on += p[i++] ?? '';
    if (on.includes('L')) throw new PythonReError("bad inline flags: cannot use 'L' flag with a str pattern", i);
    if (on.includes('a') && on.includes('u')) throw new PythonReError("bad inline flags: flags 'a', 'u' and 'L' are incompatible", i);
    let off = '';
    if (p[i] === '-') {
      i += 1;
      while ('imsx'.includes(p[i] ?? '-') && p[i] !== undefined) off += p[i++] ?? '';
      if (off === '') throw new PythonReError('missing flag', i);
      if (p[i] !== ':') throw new PythonReError('missing :', i);
      if ([...off].some((f) => on.includes(f))) throw new PythonReError('bad inline flags: flag turned on and off', i);
    }
    const end = p[i];
    if (end === ')' && off === '') {
      const construct = p.slice(start, i + 1);
      const onlyCase = [...on].every((f) => f === 'i' || f === 'u');
      if (!this.atStart || this.frames.length > 1) {
        const error = new PythonReError('global flags not at the start of the expression', start);
        if (!onlyCase) throw error;
        // Airflow already matches case-insensitively, so a stray `(?i)` can simply go.
        this.recoverable.push(error);
        this.replacements.push({ start, end: i + 1, text: '' });
        this.pos = i + 1;
        return;
      }
      this.globalFlags += on;
      if (this.globalFlags.includes('a') && this.globalFlags.includes('u')) throw new PythonReError('ASCII and UNICODE flags are incompatible', start);
      if (on.includes('m')) this.multiline = true;
      if (on.includes('s')) this.dotall = true;
      if (on.includes('x')) this.verbose = true;
      if (on.includes('a')) this.charset = 'ascii';
      this.find(
        construct,
        start,
        onlyCase
          ? 'Inline flags are Python-only, and `(?i)` is redundant: Airflow always matches case-insensitively.'
          : 'Inline flags like `(?m)`, `(?s)`, `(?x)` are Python-only; Airlock applies them when previewing.',
        onlyCase ? '' : null,
        true,
      );
      this.pos = i + 1;
      return;
    }
    if (end === ':') {
      this.pos = i + 1;
      if (off === '' && [...on].every((f) => f === 'i' || f === 'u')) {
        this.find(p.slice(start, i + 1), start, 'Scoped flags are Python-only, and `i` is redundant: Airflow always matches case-insensitively.', '(?:', true);
      } else {
        this.find(p.slice(start, i + 1), start, 'Scoped flags other than `i` cannot be previewed by Airlock.', null, false);
      }
      this.pushGroup('noncapture', null, start, '(?:');
      return;
    }
    throw new PythonReError(end === undefined ? 'missing -, : or )' : `unknown flag`, i);
  }

  private pushGroup(kind: Frame['kind'], number: number | null, start: number, js: string): void {
    this.out += js;
    this.frames.push(this.frame(kind, number, start));
    this.repeatable = 'none';
    this.atStart = false;
  }

  private closeGroup(): void {
    if (this.frames.length === 1) throw new PythonReError('unbalanced parenthesis', this.pos);
    const frame = this.frames.pop();
    if (frame === undefined) return;
    const widths = [...frame.alternatives, frame.current];
    const width = { min: Math.min(...widths.map((w) => w.min)), max: Math.max(...widths.map((w) => w.max)) };
    if (frame.kind === 'lookbehind' && width.min !== width.max) throw new PythonReError('look-behind requires fixed-width pattern', frame.start);
    if (frame.number !== null) this.closed.add(frame.number);
    this.pos += 1;
    const lookaround = frame.kind === 'lookahead' || frame.kind === 'lookbehind';
    this.atom(')', lookaround ? { min: 0, max: 0 } : width);
  }

  private alternation(): void {
    const frame = this.top;
    frame.alternatives.push(frame.current);
    frame.current = { min: 0, max: 0 };
    frame.last = null;
    this.pos += 1;
    this.out += '|';
    this.repeatable = 'none';
    this.atStart = false;
  }

  private brace(): void {
    const p = this.pattern;
    const match = /^\{(\d*)(,(\d*))?\}/.exec(p.slice(this.pos));
    if (p[this.pos + 1] === '}' || match === null) {
      this.pos += 1;
      this.atom('\\{', { min: 1, max: 1 });
      return;
    }
    const lo = match[1] === '' || match[1] === undefined ? 0 : Number(match[1]);
    const hi = match[2] === undefined ? lo : match[3] === '' || match[3] === undefined ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (hi < lo) throw new PythonReError('min repeat greater than max repeat', this.pos + 1);
    const js = hi === Number.POSITIVE_INFINITY ? `{${lo},}` : hi === lo && match[2] === undefined ? `{${lo}}` : `{${lo},${hi}}`;
    if (match[1] === '') {
      this.find(match[0], this.pos, `\`${match[0]}\` (no minimum) is Python-only; JavaScript reads it as literal text. Write \`${js}\`.`, js, true);
    }
    this.quantifier(lo, hi, js, match[0].length);
  }

  private quantifier(lo: number, hi: number, js: string, length: number): void {
    const start = this.pos;
    if (this.repeatable === 'none') throw new PythonReError('nothing to repeat', start);
    if (this.repeatable === 'quantified') throw new PythonReError('multiple repeat', start);
    this.pos += length;
    let suffix = '';
    if (this.pattern[this.pos] === '?') {
      suffix = '?';
      this.pos += 1;
    } else if (this.pattern[this.pos] === '+') {
      this.find(this.pattern.slice(start, this.pos + 1), start, 'Possessive quantifiers (`*+`, `++`, `?+`) need Python 3.11+ and cannot be previewed by Airlock.', null, false);
      this.pos += 1;
    }
    this.out += js + suffix;
    const frame = this.top;
    const last = frame.last ?? { min: 0, max: 0 };
    const times = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a * b);
    frame.current = {
      min: frame.current.min - last.min + times(last.min, lo),
      max: frame.current.max - last.max + times(last.max, hi),
    };
    frame.last = null;
    this.repeatable = 'quantified';
    this.atStart = false;
  }
}

