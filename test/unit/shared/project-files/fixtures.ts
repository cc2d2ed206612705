/** Loads the project-file fixture corpus and compares texts line by line. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffArrays } from 'diff';

export type FixtureKind = 'dockerfile' | 'dotenv' | 'requirements' | 'dags' | 'ignore';

export interface Fixture {
  readonly name: string;
  readonly text: string;
}

const root = fileURLToPath(new URL('../../../fixtures/project-files/', import.meta.url));

export function loadFixture(kind: FixtureKind, name: string): string {
  return readFileSync(join(root, kind, name), 'utf8');
}

export function loadFixtures(kind: FixtureKind): Fixture[] {
  return readdirSync(join(root, kind))
    .sort()
    .map((name) => ({ name, text: loadFixture(kind, name) }));
}

/** Lines with their line breaks, so a changed line ending counts as a changed line. */
export function linesWithBreaks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export interface ChangedLine {
  /** 1-based line number in the text the line belongs to (old for removed, new for added). */
  readonly line: number;
  readonly text: string;
}

export function lineChanges(before: string, after: string): { removed: ChangedLine[]; added: ChangedLine[] } {
  const removed: ChangedLine[] = [];
  const added: ChangedLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffArrays(linesWithBreaks(before), linesWithBreaks(after))) {
    for (const text of part.value) {
      if (part.removed) removed.push({ line: oldLine++, text });
      else if (part.added) added.push({ line: newLine++, text });
      else {
        oldLine += 1;
        newLine += 1;
      }
    }
  }
  return { removed, added };
}

/** Values that cannot be an environment variable's value at all, or not as one line. */
export function hasLoneSurrogate(value: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

const GO_SPACES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

function isGoSpace(char: string): boolean {
  const code = char.charCodeAt(0);
  return GO_SPACES.has(code) || (code >= 0x2000 && code <= 0x200a);
}

/**
 * How the Astro CLI's `--load` reads one line of its env file (`addVariablesFromFile`): the key is
 * everything before the first `=`, and the value is the rest with `"` trimmed from both ends, then
 * `'`, then Go's `strings.TrimSpace`.
 */
export function astroLoadRead(line: string): { key: string; value: string } {
  const equals = line.indexOf('=');
  const trimChar = (value: string, char: string): string => {
    let start = 0;
    let end = value.length;
    while (start < end && value[start] === char) start += 1;
    while (end > start && value[end - 1] === char) end -= 1;
    return value.slice(start, end);
  };
  let value = trimChar(trimChar(line.slice(equals + 1), '"'), "'");
  let start = 0;
  let end = value.length;
  while (start < end && isGoSpace(value[start] ?? '')) start += 1;
  while (end > start && isGoSpace(value[end - 1] ?? '')) end -= 1;
  value = value.slice(start, end);
  return { key: line.slice(0, equals), value };
}
