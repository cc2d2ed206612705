/**
 * Where each statement sits in a policy's text, for SimulatePrincipalPolicy's MatchedStatements
 * (StartPosition / EndPosition: 1-based line and column of the statement's `{` and `}`), so a
 * caller can point at the statement that decided. The text has already passed JSON.parse, so
 * the scanner below only needs to skip values, not to validate them.
 */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface TextSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

const whitespace = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && whitespace.has(text.charAt(i))) i += 1;
  return i;
}

/** `index` is at an opening quote; returns the index after the closing one. */
function skipString(text: string, index: number): number {
  let i = index + 1;
  while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
  return i + 1;
}

/** Returns the index after the value that starts at `index`. */
function skipValue(text: string, index: number): number {
  const first = text.charAt(index);
  if (first === '"') return skipString(text, index);
  if (first === '{' || first === '[') {
    let depth = 0;
    let i = index;
    while (i < text.length) {
      const char = text.charAt(i);
      if (char === '"') {
        i = skipString(text, i);
        continue;
      }
      if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    return i;
  }
  let i = index;
  while (i < text.length && !whitespace.has(text.charAt(i)) && !',]}'.includes(text.charAt(i))) i += 1;
  return i;
}

function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (text.charAt(i) === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function span(text: string, start: number, endExclusive: number): TextSpan {
  return { start: positionAt(text, start), end: positionAt(text, endExclusive - 1) };
}

/** Offsets of the elements of the top-level `Statement` (one object or an array of them). */
function statementOffsets(text: string): [number, number][] {
  let i = skipWhitespace(text, 0);
  if (text.charAt(i) !== '{') return [];
  i += 1;
  let found: [number, number][] = [];
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length || text.charAt(i) !== '"') return found;
    const keyEnd = skipString(text, i);
    const key: unknown = JSON.parse(text.slice(i, keyEnd));
    i = skipWhitespace(text, keyEnd) + 1;
    const valueStart = skipWhitespace(text, i);
    const valueEnd = skipValue(text, valueStart);
    if (key === 'Statement') {
      // JSON.parse keeps the last of duplicate keys; so does this.
      found = text.charAt(valueStart) === '[' ? arrayElementOffsets(text, valueStart) : [[valueStart, valueEnd]];
    }
    i = skipWhitespace(text, valueEnd);
    if (text.charAt(i) === ',') i += 1;
  }
}

function arrayElementOffsets(text: string, arrayStart: number): [number, number][] {
  const offsets: [number, number][] = [];
  let i = arrayStart + 1;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length || text.charAt(i) === ']') return offsets;
    const end = skipValue(text, i);
    offsets.push([i, end]);
    i = skipWhitespace(text, end);
    if (text.charAt(i) === ',') i += 1;
  }
}

export function statementSpans(text: string): TextSpan[] {
  return statementOffsets(text).map(([start, end]) => span(text, start, end));
}
