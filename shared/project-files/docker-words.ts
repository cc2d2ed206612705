/**
 * Docker's word processing for ENV values (buildkit `frontend/dockerfile/shell/lex.go`,
 * `ProcessWord`): quote removal, escapes and `$name` / `${name...}` expansion.
 *
 * Two results come out at once: `literal` is the value with quotes and escapes removed but every
 * `$` construct left as written, and `value` is what Docker stores once it expands them. They
 * differ exactly when expansion changes the value, which is what callers need to warn about.
 */

export type DockerEscapeToken = '\\' | '`';

/** Looks up a variable visible to the expansion; undefined when the name is not known here. */
export type DockerVariableLookup = (name: string) => string | undefined;

export interface DockerWordResult {
  /** Quotes and escapes removed; `$` constructs kept as written. */
  readonly literal: string;
  /** Docker's value after expansion; names this file does not set expand to '' (as when unset). */
  readonly value: string;
  /** True when the word holds a `$` construct that Docker expands. */
  readonly expands: boolean;
  /** Names referenced by `$` constructs, in order of first use. */
  readonly references: readonly string[];
  /** Referenced names the lookup did not know (set by the base image, a build arg, or nothing). */
  readonly unresolved: readonly string[];
  /** False when `value` may differ from what Docker stores (unknown names, pattern modifiers). */
  readonly exact: boolean;
  /** Docker rejects the word with this error (the build fails). */
  readonly error: string | null;
}

class WordSyntaxError extends Error {}

const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

function isLetter(char: string): boolean {
  return /^\p{L}$/u.test(char);
}

function isDigit(char: string): boolean {
  return /^\p{Nd}$/u.test(char);
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

class DockerWordScanner {
  private pos = 0;
  private expands = false;
  private exact = true;
  private readonly references: string[] = [];
  private readonly unresolved: string[] = [];

  constructor(
    private readonly text: string,
    private readonly escapeToken: DockerEscapeToken,
    private readonly lookup: DockerVariableLookup,
  ) {}

  run(): DockerWordResult {
    try {
      const { literal, value } = this.processStopOn(null);
      return this.result(literal, value, null);
    } catch (error) {
      if (error instanceof WordSyntaxError) return this.result('', '', error.message);
      throw error;
    }
  }

  private result(literal: string, value: string, error: string | null): DockerWordResult {
    return {
      literal,
      value,
      expands: this.expands,
      references: [...this.references],
      unresolved: [...this.unresolved],
      exact: this.exact && error === null,
      error,
    };
  }

  private peek(): string | undefined {
    return this.pos < this.text.length ? codePointAt(this.text, this.pos) : undefined;
  }

  private next(): string | undefined {
    const char = this.peek();
    if (char !== undefined) this.pos += char.length;
    return char;
  }

  private processStopOn(stop: string | null): { literal: string; value: string } {
    let literal = '';
    let value = '';
    for (let char = this.peek(); char !== undefined; char = this.peek()) {
      if (stop !== null && char === stop) {
        this.next();
        return { literal, value };
      }
      if (char === '$') {
        const part = this.processDollar();
        literal += part.literal;
        value += part.value;
      } else if (char === "'") {
        const part = this.processSingleQuote();
        literal += part;
        value += part;
      } else if (char === '"') {
        const part = this.processDoubleQuote();
        literal += part.literal;
        value += part.value;
      } else {
        this.next();
        let taken = char;
        if (char === this.escapeToken) {
          // An escape token escapes the next character, except at the very end where it is dropped.
          const escaped = this.next();
          if (escaped === undefined) break;
          taken = escaped;
        }
        literal += taken;
        value += taken;
      }
    }
    if (stop !== null) throw new WordSyntaxError(`unexpected end of statement while looking for matching ${stop}`);
    return { literal, value };
  }

  private processSingleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const char = this.next();
      if (char === undefined) throw new WordSyntaxError('unexpected end of statement while looking for matching single-quote');
      if (char === "'") return result;
      result += char;
    }
  }

  private processDoubleQuote(): { literal: string; value: string } {
    this.next();
    let literal = '';
    let value = '';
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw new WordSyntaxError('unexpected end of statement while looking for matching double-quote');
      if (char === '"') {
        this.next();
        return { literal, value };
      }
      if (char === '$') {
        const part = this.processDollar();
        literal += part.literal;
        value += part.value;
        continue;
      }
      this.next();
      let taken = char;
      if (char === this.escapeToken) {
        const following = this.peek();
        // Inside double quotes only `"`, `$` and the escape token itself can be escaped.
        if (following === undefined) continue;
        if (following === '"' || following === '$' || following === this.escapeToken) {
          this.next();
          taken = following;
        }
      }
      literal += taken;
      value += taken;
    }
  }

  private processName(): string {
    let name = '';
    for (let char = this.peek(); char !== undefined; char = this.peek()) {
      if (name === '' && isDigit(char)) {
        while (this.peek() !== undefined && isDigit(this.peek() ?? '')) name += this.next() ?? '';
        return name;
      }
      if (name === '' && SPECIAL_PARAMETERS.has(char)) {
        this.next();
        return char;
      }
      if (!isLetter(char) && !isDigit(char) && char !== '_') break;
      name += this.next() ?? '';
    }
    return name;
  }

  private resolve(name: string): string | undefined {
    if (!this.references.includes(name)) this.references.push(name);
    const found = this.lookup(name);
    if (found === undefined) {
      if (!this.unresolved.includes(name)) this.unresolved.push(name);
      this.exact = false;
    }
    return found;
  }

  private processDollar(): { literal: string; value: string } {
    const start = this.pos;
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return { literal: '$', value: '$' };
      this.expands = true;
      const value = this.resolve(name) ?? '';
      return { literal: this.text.slice(start, this.pos), value };
    }
    this.next();
    this.expands = true;
    const first = this.peek();
    if (first === undefined) throw new WordSyntaxError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new WordSyntaxError('syntax error: bad substitution');
    const name = this.processName();
    let modifier = this.next();
    if (modifier === '}') {
      const value = this.resolve(name) ?? '';
      return { literal: this.text.slice(start, this.pos), value };
    }
    let nullIsUnset = false;
    if (modifier === ':') {
      nullIsUnset = true;
      modifier = this.next();
    }
    if (modifier === '/') {
      // ${name/pattern/replacement}: pattern replacement is not modelled; the value stays unknown.
      this.processStopOn('/');
      this.processStopOn('}');
      this.resolve(name);
      this.exact = false;
      return { literal: this.text.slice(start, this.pos), value: '' };
    }
    if (modifier !== '+' && modifier !== '-' && modifier !== '?' && modifier !== '#' && modifier !== '%') {
      if (modifier !== undefined && nullIsUnset) this.processStopOn('}');
      throw new WordSyntaxError(`unsupported modifier (${nullIsUnset ? ':' : ''}${modifier ?? ''}) in substitution`);
    }
    const word = this.processStopOn('}');
    const current = this.resolve(name);
    const literal = this.text.slice(start, this.pos);
    const isSet = current !== undefined;
    const isEmptyOrUnset = !isSet || (nullIsUnset && current === '');
    switch (modifier) {
      case '-':
        return { literal, value: isEmptyOrUnset ? word.value : current ?? '' };
      case '+':
        return { literal, value: isEmptyOrUnset ? '' : word.value };
      case '?':
        // When the name is unknown here the base image may still set it, so this is not an error.
        if (isSet && nullIsUnset && current === '') throw new WordSyntaxError(`${name}: ${word.value || 'is not allowed to be empty'}`);
        return { literal, value: current ?? '' };
      case '#':
      case '%':
        // Prefix and suffix trimming with shell patterns is not modelled.
        this.exact = false;
        return { literal, value: current ?? '' };
    }
  }
}

/** Processes one raw ENV value (quotes and escapes still in place) the way Docker does. */
export function processDockerWord(raw: string, escapeToken: DockerEscapeToken, lookup: DockerVariableLookup): DockerWordResult {
  return new DockerWordScanner(raw, escapeToken, lookup).run();
}
