/**
 * `json.loads` / `json.dumps` as CPython does them, for the places where JavaScript's JSON differs
 * in a way users can see:
 * - Python keeps an object's keys in document order (JavaScript moves integer-like keys first),
 *   and Airflow's alias lookup depends on that order;
 * - Python accepts `NaN`, `Infinity` and `-Infinity`;
 * - duplicate keys are legal in both (last value wins, first position kept) but worth reporting;
 * - `json.dumps` defaults to `", "` / `": "` separators and `\uXXXX` for every non-ASCII character,
 *   which is what ends up inside an `__extra__=` URI query.
 *
 * Unlike CPython (which raises RecursionError near 1000 levels), nesting is bounded at
 * MAX_NESTING_DEPTH and reported as a syntax problem, so no input can overflow the stack.
 */
import { MAX_NESTING_DEPTH } from '../parse-limits';

export type PythonJsonResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** For a top-level object: its keys in document order (first occurrence). */
      readonly keyOrder: readonly string[] | null;
      /** Keys that occur more than once in any object of the document. */
      readonly duplicateKeys: readonly string[];
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly position: number;
      /** 'too-deep': the text nests deeper than MAX_NESTING_DEPTH (see shared/parse-limits.ts). */
      readonly reason: 'syntax' | 'too-deep';
    };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly reason: 'syntax' | 'too-deep' = 'syntax',
  ) {
    super(message);
  }
}

/** Reads inside the callers' "(<message> at character N)". */
const tooDeepMessage = `Lists and objects nested more than ${MAX_NESTING_DEPTH} levels deep`;

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Parser {
  private pos = 0;
  readonly duplicates = new Set<string>();
  topKeyOrder: string[] | null = null;

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos !== this.text.length) throw new JsonSyntaxError('Extra data after the JSON value', this.pos);
    return value;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos] ?? '')) this.pos += 1;
  }

  /** `depth`: how many lists and objects enclose the value (0 at the top). */
  private parseValue(depth: number): unknown {
    const char = this.text[this.pos];
    if ((char === '{' || char === '[') && depth >= MAX_NESTING_DEPTH) throw new JsonSyntaxError(tooDeepMessage, this.pos, 'too-deep');
    if (char === '{') return this.parseObject(depth);
    if (char === '[') return this.parseArray(depth);
    if (char === '"') return this.parseString();
    for (const [literal, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
    ] as const) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    const number = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    throw new JsonSyntaxError('Expecting a value', this.pos);
  }

  private parseObject(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const order: string[] = [];
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      if (depth === 0) this.topKeyOrder = order;
      return result;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError('Expecting a property name in double quotes', this.pos);
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError("Expecting ':' delimiter", this.pos);
      this.pos += 1;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      if (Object.prototype.hasOwnProperty.call(result, key)) {
        this.duplicates.add(key);
      } else {
        order.push(key);
      }
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
        this.skipWhitespace();
        continue;
      }
      if (next === '}') {
        this.pos += 1;
        break;
      }
      throw new JsonSyntaxError("Expecting ',' delimiter", this.pos);
    }
    if (depth === 0) this.topKeyOrder = order;
    return result;
  }

  private parseArray(depth: number): unknown[] {
    const result: unknown[] = [];
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
        this.skipWhitespace();
        continue;
      }
      if (next === ']') {
        this.pos += 1;
        return result;
      }
      throw new JsonSyntaxError("Expecting ',' delimiter", this.pos);
    }
  }

  private parseString(): string {
    const start = this.pos;
    this.pos += 1;
    let out = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) throw new JsonSyntaxError('Unterminated string', start);
      if (char === '"') {
        this.pos += 1;
        return out;
      }
      if (char.charCodeAt(0) < 0x20) throw new JsonSyntaxError('Invalid control character in a string', this.pos);
      if (char !== '\\') {
        out += char;
        this.pos += 1;
        continue;
      }
      const escape = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape !== undefined && escape in simple) {
        out += simple[escape] ?? '';
        this.pos += 2;
        continue;
      }
      if (escape === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Invalid \\uXXXX escape', this.pos);
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      throw new JsonSyntaxError('Invalid \\escape', this.pos);
    }
  }
}

/** `json.loads(text)` with the extra bookkeeping described above. Never throws. */
export function parsePythonJson(text: string): PythonJsonResult {
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, keyOrder: parser.topKeyOrder, duplicateKeys: [...parser.duplicates] };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, message: err.message, position: err.position, reason: err.reason };
    throw err;
  }
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    // An integer-valued number is written by JSON.stringify without a fraction or exponent below
    // 1e21, so Python decodes it as an int and prints every digit. (JavaScript cannot tell 1 from 1.0.)
    return Object.is(value, -0) ? '0' : String(value);
  }
  const [mantissa = '0', expText = '0'] = value.toExponential().split('e');
  const exponent = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fracPart = digits.slice(exponent + 1);
    return `${sign}${intPart}.${fracPart === '' ? '0' : fracPart}`;
  }
  const frac = digits.slice(1);
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0] ?? '0'}${frac === '' ? '' : `.${frac}`}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function dumpString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const char = value[i] ?? '';
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** `json.dumps(value)` with Python's defaults (ensure_ascii, `", "` and `": "` separators). */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pythonFloatRepr(value);
  if (typeof value === 'string') return dumpString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${dumpString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  return 'null';
}
