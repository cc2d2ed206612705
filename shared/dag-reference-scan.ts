/**
 * Finds the Airflow connection ids and variable keys a Python DAG file refers to, so the app can
 * check that each one resolves in Secrets Manager.
 *
 * Recognised: `Variable.get("k")` / `Variable.get(key="k")`, `X.get_connection("c")` (BaseHook,
 * any hook class or instance) / `get_connection(conn_id="c")`, `Connection.get("c")` (Airflow 3
 * Task SDK), keyword arguments and dict keys named `conn_id` or `*_conn_id` (`postgres_conn_id=`,
 * `aws_conn_id=`, `"snowflake_conn_id": ...`), and Jinja in string literals: `{{ var.value.x }}`,
 * `{{ var.json.x.field }}`, `{{ var.value.get('x') }}`, `{{ var.value['x'] }}`, `{{ conn.x }}`,
 * `{{ conn.x.host }}`, `{{ conn.get('x') }}`.
 *
 * A tokenizer skips comments and reads Python string literals properly (prefixes, triple quotes,
 * escapes), so ids in comments are ignored and a `#` inside a string is not a comment. Arguments
 * that are not plain string literals (f-strings, variables, calls) are reported as dynamic with
 * their line, not guessed. Docstrings are not searched for Jinja. Templates in separate files
 * (`.sql` loaded through `template_searchpath`) are out of reach of a single-file scan.
 */

export type DagReferenceKind = 'connection' | 'variable';

export type DagReferenceSource = 'Variable.get' | 'get_connection' | 'Connection.get' | 'conn_id argument' | 'conn_id dict key' | 'jinja';

export interface DagReference {
  readonly kind: DagReferenceKind;
  readonly id: string;
  /** First occurrence: 1-based line and column (column counts UTF-16 code units). */
  readonly line: number;
  readonly column: number;
  /** The source line of the first occurrence, trimmed (at most 200 characters). */
  readonly snippet: string;
  readonly source: DagReferenceSource;
  /** Every line where this id is referenced, in order (repeats removed). */
  readonly lines: readonly number[];
}

export interface DynamicDagReference {
  readonly kind: DagReferenceKind;
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
  readonly source: DagReferenceSource;
  /** The expression that could not be resolved, as written (at most 200 characters). */
  readonly expression: string;
  readonly reason: 'f-string' | 'not a string literal';
}

export interface DagReferenceScan {
  readonly filePath: string;
  /** One entry per (kind, id), in order of first appearance. */
  readonly references: readonly DagReference[];
  /** Arguments that are computed at run time: "dynamic, not resolvable". */
  readonly dynamic: readonly DynamicDagReference[];
}

type Token =
  | { readonly kind: 'name' | 'op' | 'number' | 'newline'; readonly value: string; readonly start: number; readonly end: number; readonly depth: number }
  | {
      readonly kind: 'string';
      readonly value: string;
      readonly start: number;
      readonly end: number;
      readonly depth: number;
      readonly fString: boolean;
      /** Offset of the first character inside the quotes, and the raw text inside them. */
      readonly contentStart: number;
      readonly content: string;
    };

type StringToken = Extract<Token, { kind: 'string' }>;

const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '!=', '==', '<=', '>=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>'];

function decodeEscapes(content: string): string {
  return content.replace(/\\(\r?\n|[\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})/g, (match, body: string) => {
    const simple: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    const mapped = simple[body];
    if (mapped !== undefined) return mapped;
    if (body === '\n' || body === '\r\n') return '';
    if (/^[0-7]+$/.test(body)) return String.fromCharCode(parseInt(body, 8));
    if (/^[xuU]/.test(body)) return String.fromCodePoint(parseInt(body.slice(1), 16));
    return match;
  });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let depth = 0;
  while (pos < source.length) {
    const char = source[pos] ?? '';
    if (char === '#') {
      while (pos < source.length && source[pos] !== '\n') pos += 1;
      continue;
    }
    if (char === '\\' && (source[pos + 1] === '\n' || (source[pos + 1] === '\r' && source[pos + 2] === '\n'))) {
      pos += source[pos + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (char === '\n') {
      if (depth === 0) tokens.push({ kind: 'newline', value: '\n', start: pos, end: pos + 1, depth });
      pos += 1;
      continue;
    }
    if (/\s/.test(char)) {
      pos += 1;
      continue;
    }
    const stringStart = /^([rRbBuUfF]{0,2})(['"])/.exec(source.slice(pos, pos + 3));
    if (stringStart !== null && (stringStart[1] === '' || /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/.test(stringStart[1] ?? ''))) {
      const prefix = (stringStart[1] ?? '').toLowerCase();
      const quote = stringStart[2] ?? '"';
      const open = pos + prefix.length;
      const triple = source.startsWith(quote.repeat(3), open);
      const delimiter = triple ? quote.repeat(3) : quote;
      const contentStart = open + delimiter.length;
      let i = contentStart;
      let end = source.length;
      let contentEnd = source.length;
      while (i < source.length) {
        if (source[i] === '\\') {
          i += 2;
          continue;
        }
        if (!triple && source[i] === '\n') {
          contentEnd = i;
          end = i;
          break;
        }
        if (source.startsWith(delimiter, i)) {
          contentEnd = i;
          end = i + delimiter.length;
          break;
        }
        i += 1;
      }
      const content = source.slice(contentStart, Math.min(contentEnd, source.length));
      tokens.push({
        kind: 'string',
        value: prefix.includes('r') ? content : decodeEscapes(content),
        start: pos,
        end,
        depth,
        fString: prefix.includes('f'),
        contentStart,
        content,
      });
      pos = end;
      continue;
    }
    const name = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u.exec(source.slice(pos, pos + 256));
    if (name !== null) {
      tokens.push({ kind: 'name', value: name[0], start: pos, end: pos + name[0].length, depth });
      pos += name[0].length;
      continue;
    }
    const number = /^\d[\w.]*/.exec(source.slice(pos, pos + 64));
    if (number !== null) {
      tokens.push({ kind: 'number', value: number[0], start: pos, end: pos + number[0].length, depth });
      pos += number[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => source.startsWith(candidate, pos)) ?? char;
    if (operator === '(' || operator === '[' || operator === '{') depth += 1;
    tokens.push({ kind: 'op', value: operator, start: pos, end: pos + operator.length, depth });
    if (operator === ')' || operator === ']' || operator === '}') depth = Math.max(0, depth - 1);
    pos += operator.length;
  }
  return tokens;
}

interface Position {
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
}

function positionFinder(source: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < source.length; i += 1) if (source[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = starts[low] ?? 0;
    const next = starts[low + 1];
    const lineText = source.slice(lineStart, next === undefined ? source.length : next - 1).replace(/\r$/, '');
    return { line: low + 1, column: offset - lineStart + 1, snippet: lineText.trim().slice(0, 200) };
  };
}

/** The tokens of each top-level argument of the call whose `(` is at `open`. */
function callArguments(tokens: readonly Token[], open: number): Token[][] {
  const openToken = tokens[open];
  if (openToken === undefined) return [];
  const args: Token[][] = [];
  let current: Token[] = [];
  for (let i = open + 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'op' && token.value === ')' && token.depth === openToken.depth) {
      if (current.length > 0) args.push(current);
      return args;
    }
    if (token.kind === 'op' && token.value === ',' && token.depth === openToken.depth) {
      args.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length > 0) args.push(current);
  return args;
}

type Resolved = { readonly kind: 'literal'; readonly id: string } | { readonly kind: 'dynamic'; readonly reason: DynamicDagReference['reason'] } | { readonly kind: 'none' };

/** A literal when the expression is only (implicitly concatenated) plain string literals. */
function resolveExpression(tokens: readonly Token[]): Resolved {
  if (tokens.length === 0) return { kind: 'none' };
  const first = tokens[0];
  if (tokens.length === 1 && first?.kind === 'name' && first.value === 'None') return { kind: 'none' };
  const strings = tokens.filter((token): token is StringToken => token.kind === 'string');
  if (strings.length === tokens.length) {
    if (strings.some((token) => token.fString)) return { kind: 'dynamic', reason: 'f-string' };
    return { kind: 'literal', id: strings.map((token) => token.value).join('') };
  }
  return { kind: 'dynamic', reason: 'not a string literal' };
}

/** The argument passed by keyword `keyword`, else the first positional one. */
function pickArgument(args: readonly Token[][], keyword: string): Token[] | null {
  for (const arg of args) {
    const [name, equals] = arg;
    if (name?.kind === 'name' && name.value === keyword && equals?.kind === 'op' && equals.value === '=') return arg.slice(2);
  }
  const first = args[0];
  if (first === undefined) return null;
  const [name, equals] = first;
  if (name?.kind === 'name' && equals?.kind === 'op' && equals.value === '=') return null;
  return first;
}

/** Strings that are whole statements (docstrings): not searched for Jinja. */
function docstringIndices(tokens: readonly Token[]): Set<number> {
  const result = new Set<number>();
  let i = 0;
  while (i < tokens.length) {
    const previous = tokens[i - 1];
    const startsStatement = previous === undefined || previous.kind === 'newline' || (previous.kind === 'op' && previous.value === ':');
    if (tokens[i]?.kind === 'string' && startsStatement) {
      let j = i;
      while (tokens[j]?.kind === 'string') j += 1;
      const after = tokens[j];
      if (after === undefined || after.kind === 'newline') for (let k = i; k < j; k += 1) result.add(k);
      i = j;
      continue;
    }
    i += 1;
  }
  return result;
}

const JINJA_PATTERNS: readonly { readonly kind: DagReferenceKind; readonly pattern: RegExp }[] = [
  { kind: 'variable', pattern: /(?<![\w.])var\.(?:value|json)\.get\(\s*(?:(['"])([^'"]*)\1|([^'"\s)][^,)]*))/g },
  { kind: 'variable', pattern: /(?<![\w.])var\.(?:value|json)\[\s*(?:(['"])([^'"]*)\1|([^'"\s\]][^\]]*))/g },
  { kind: 'variable', pattern: /(?<![\w.])var\.(?:value|json)\.(?!get\s*\()()([A-Za-z_]\w*)/g },
  { kind: 'connection', pattern: /(?<![\w.])conn\.get\(\s*(?:(['"])([^'"]*)\1|([^'"\s)][^,)]*))/g },
  { kind: 'connection', pattern: /(?<![\w.])conn\[\s*(?:(['"])([^'"]*)\1|([^'"\s\]][^\]]*))/g },
  { kind: 'connection', pattern: /(?<![\w.])conn\.(?!get\s*\()()([A-Za-z_]\w*)/g },
];

/** Scans one Python file for the connections and variables it uses. Never throws. */
export function scanDagReferences(fileText: string, filePath: string): DagReferenceScan {
  const tokens = tokenize(fileText);
  const at = positionFinder(fileText);
  const found = new Map<string, { reference: DagReference; lines: number[] }>();
  const dynamic: DynamicDagReference[] = [];

  const addLiteral = (kind: DagReferenceKind, id: string, offset: number, source: DagReferenceSource): void => {
    const position = at(offset);
    const key = `${kind}\u0000${id}`;
    const existing = found.get(key);
    if (existing !== undefined) {
      if (!existing.lines.includes(position.line)) existing.lines.push(position.line);
      return;
    }
    found.set(key, { reference: { kind, id, line: position.line, column: position.column, snippet: position.snippet, source, lines: [] }, lines: [position.line] });
  };
  const addResolved = (kind: DagReferenceKind, resolved: Resolved, expression: readonly Token[], offset: number, source: DagReferenceSource): void => {
    if (resolved.kind === 'none') return;
    if (resolved.kind === 'literal') {
      addLiteral(kind, resolved.id, offset, source);
      return;
    }
    const first = expression[0];
    const last = expression[expression.length - 1];
    const text = first === undefined || last === undefined ? '' : fileText.slice(first.start, last.end);
    const position = at(offset);
    const expressionText = text.slice(0, 200);
    // `get_connection(conn_id=x)` is seen both as a call and as a keyword argument: report it once.
    if (dynamic.some((entry) => entry.kind === kind && entry.line === position.line && entry.expression === expressionText)) return;
    dynamic.push({ kind, line: position.line, column: position.column, snippet: position.snippet, source, expression: expressionText, reason: resolved.reason });
  };
  const isOp = (token: Token | undefined, value: string): boolean => token?.kind === 'op' && token.value === value;
  const isName = (token: Token | undefined, value: string): boolean => token?.kind === 'name' && token.value === value;

  const docstrings = docstringIndices(tokens);
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (token.kind === 'name') {
      // Variable.get(...) and Connection.get(...)
      if ((token.value === 'Variable' || token.value === 'Connection') && isOp(next, '.') && isName(tokens[index + 2], 'get') && isOp(tokens[index + 3], '(')) {
        const variable = token.value === 'Variable';
        const arg = pickArgument(callArguments(tokens, index + 3), variable ? 'key' : 'conn_id');
        if (arg !== null) {
          addResolved(variable ? 'variable' : 'connection', resolveExpression(arg), arg, token.start, variable ? 'Variable.get' : 'Connection.get');
        }
        return;
      }
      // X.get_connection(...) / X.get_connection_from_secrets(...)
      if ((token.value === 'get_connection' || token.value === 'get_connection_from_secrets') && isOp(tokens[index - 1], '.') && isOp(next, '(')) {
        const arg = pickArgument(callArguments(tokens, index + 1), 'conn_id');
        if (arg !== null) addResolved('connection', resolveExpression(arg), arg, tokens[index - 2]?.start ?? token.start, 'get_connection');
        return;
      }
      // postgres_conn_id="..." as a keyword argument or parameter default.
      if (/(?:^|_)conn_id$/.test(token.value) && isOp(next, '=') && token.depth > 0 && !isOp(tokens[index - 1], '.')) {
        const value: Token[] = [];
        for (let i = index + 2; i < tokens.length; i += 1) {
          const candidate = tokens[i];
          if (candidate === undefined || candidate.depth < token.depth || (candidate.depth === token.depth && candidate.kind === 'op' && (candidate.value === ',' || candidate.value === ')'))) break;
          value.push(candidate);
        }
        addResolved('connection', resolveExpression(value), value, token.start, 'conn_id argument');
      }
      return;
    }
    if (token.kind !== 'string') return;
    // {"postgres_conn_id": "..."} in default_args and similar dicts.
    if (!token.fString && /(?:^|_)conn_id$/.test(token.value) && isOp(next, ':') && token.depth > 0) {
      const value: Token[] = [];
      for (let i = index + 2; i < tokens.length; i += 1) {
        const candidate = tokens[i];
        if (candidate === undefined || candidate.depth < token.depth || (candidate.depth === token.depth && candidate.kind === 'op' && (candidate.value === ',' || candidate.value === '}'))) break;
        value.push(candidate);
      }
      addResolved('connection', resolveExpression(value), value, token.start, 'conn_id dict key');
    }
    if (token.fString || docstrings.has(index)) return;
    for (const block of token.content.matchAll(/\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g)) {
      const inner = block[1] ?? block[2] ?? '';
      const innerStart = token.contentStart + (block.index ?? 0) + 2;
      for (const { kind, pattern } of JINJA_PATTERNS) {
        for (const match of inner.matchAll(pattern)) {
          const offset = innerStart + (match.index ?? 0);
          const literal = match[2];
          const expression = match[3];
          if (literal !== undefined && literal !== '') addLiteral(kind, literal, offset, 'jinja');
          else if (expression !== undefined) {
            const position = at(offset);
            dynamic.push({ kind, line: position.line, column: position.column, snippet: position.snippet, source: 'jinja', expression: expression.trim().slice(0, 200), reason: 'not a string literal' });
          }
        }
      }
    }
  });

  const references = [...found.values()].map(({ reference, lines }) => ({ ...reference, lines }));
  return { filePath, references, dynamic };
}
