import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dotenvLineForAstroLoad,
  planDockerfileEnv,
  planDotenv,
  readDockerfileEnv,
  readDotenv,
  setDockerfileEnv,
  setDotenv,
  type DockerfileEnvRead,
} from '../../../../shared/project-files';
import { astroLoadRead, hasLoneSurrogate, lineChanges, linesWithBreaks, loadFixtures } from './fixtures';

/** Characters and sequences that break naive quoting. */
const trickyPiece = fc.constantFrom(
  "'", '"', '$', '\\', '`', ' ', '#', '{', '}', '=', ':', ',', '/', '\t', 'a', 'Z', '0', 'é', '😀', '\u2028', '\u00a0', '\uFEFF',
  '\n', '\r', '${HOME}', '$$', '\\n', '\\\\', '\\"', "\\'", ' #', '\0',
);
const anyString = fc.oneof(
  fc.string({ unit: trickyPiece, maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const jsonText = fc.oneof(
  fc
    .record({ connections_prefix: anyString, variables_prefix: anyString, region_name: fc.constantFrom('us-east-1', 'eu-west-1'), role_arn: anyString })
    .map((kwargs) => JSON.stringify(kwargs)),
  fc.dictionary(anyString, fc.oneof(anyString, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }).map((object) => JSON.stringify(object)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
);
const value = fc.oneof(jsonText, anyString, fc.constantFrom('\uD800', 'a\uDC00b', ''));

const dockerfiles = loadFixtures('dockerfile').filter((fixture) => !readDockerfileEnv(fixture.text).problems.some((problem) => problem.severity === 'error'));
const editableDockerfiles = dockerfiles.filter((fixture) => fixture.name !== 'empty-continuation-eof.Dockerfile');
const dotenvs = loadFixtures('dotenv');
const keys = fc.constantFrom('AIRFLOW__SECRETS__BACKEND_KWARGS', 'AWS_DEFAULT_REGION', 'AIRLOCK_NEW_KEY');

function stageSnapshot(read: DockerfileEnvRead, except: string): unknown {
  return read.stages.map((stage, index) =>
    stage.definitions.filter((entry) => index !== read.finalStage || entry.key !== except).map((entry) => [entry.key, entry.raw, entry.expands ? null : entry.value]),
  );
}

describe('Dockerfile round trip (property)', () => {
  it('reads back exactly what was set, or refuses clearly; nothing else moves', () => {
    fc.assert(
      fc.property(fc.constantFrom(...editableDockerfiles), keys, value, (fixture, key, wanted) => {
        const plan = planDockerfileEnv(fixture.text, { [key]: wanted });
        if (/[\r\n\0]/.test(wanted) || hasLoneSurrogate(wanted)) {
          expect(plan.ok ? [] : plan.problems.map((problem) => [problem.code, problem.key])).toEqual([['unrepresentable-value', key]]);
          return;
        }
        if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.message).join('; '));
        const before = readDockerfileEnv(fixture.text);
        const after = readDockerfileEnv(plan.text);
        expect(after.env[key]).toBe(wanted);
        expect(after.entries[key]?.expands).toBe(false);
        expect(stageSnapshot(after, key)).toEqual(stageSnapshot(before, key));
        const owned = before.entries[key];
        const lastLine = linesWithBreaks(fixture.text).length;
        for (const line of lineChanges(fixture.text, plan.text).removed) {
          // Only the key's own instruction changes, and a last line without a break may gain one.
          const gainedBreak = !fixture.text.endsWith('\n') && line.line === lastLine && plan.text.includes(`${line.text}\n`);
          expect(gainedBreak || (owned !== undefined && line.line >= owned.instructionLine && line.line <= owned.instructionEndLine)).toBe(true);
        }
        // Setting the same value again changes nothing.
        expect(setDockerfileEnv(plan.text, { [key]: wanted })).toBe(plan.text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('several edits at once (property)', () => {
  const pool = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'AIRFLOW__SECRETS__BACKEND', 'AIRFLOW__SECRETS__BACKEND_KWARGS', 'AWS_DEFAULT_REGION', 'DUP', 'AIRLOCK_NEW'];
  const simpleValue = fc.oneof(fc.string({ unit: trickyPiece, maxLength: 12 }), jsonText).filter((text) => !/[\r\n\0]/.test(text) && !hasLoneSurrogate(text));
  const edits = fc.dictionary(fc.constantFrom(...pool), fc.option(simpleValue, { nil: null }), { minKeys: 1, maxKeys: 6 });

  it('applies every set and removal in a Dockerfile and nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...editableDockerfiles), edits, (fixture, vars) => {
        const plan = planDockerfileEnv(fixture.text, vars);
        if (!plan.ok) {
          // Only a removal that changes a value expanding it may be refused.
          expect(plan.problems.map((problem) => problem.code)).toEqual(['verification-failed']);
          expect(Object.values(vars)).toContain(null);
          return;
        }
        const before = readDockerfileEnv(fixture.text);
        const after = readDockerfileEnv(plan.text);
        for (const [key, wanted] of Object.entries(vars)) {
          if (wanted === null) expect(Object.hasOwn(after.env, key)).toBe(false);
          else expect(after.env[key]).toBe(wanted);
        }
        const untouched = (read: DockerfileEnvRead): unknown =>
          read.stages.map((stage, index) =>
            stage.definitions.filter((entry) => index !== read.finalStage || !Object.hasOwn(vars, entry.key)).map((entry) => [entry.key, entry.raw, entry.expands ? null : entry.value]),
          );
        expect(untouched(after)).toEqual(untouched(before));
      }),
      { numRuns: 600 },
    );
  });

  it('applies every set and removal in a .env and nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dotenvs), edits, fc.boolean(), (fixture, vars, removeDuplicates) => {
        const plan = planDotenv(fixture.text, vars, { removeDuplicates });
        if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.message).join('; '));
        const before = readDotenv(fixture.text);
        const after = readDotenv(plan.text);
        for (const [key, wanted] of Object.entries(vars)) {
          if (wanted === null) expect(after.entries.some((entry) => entry.key === key)).toBe(false);
          else expect(after.values[key]).toBe(wanted);
        }
        const untouched = (read: typeof before): unknown =>
          read.entries.filter((entry) => !Object.hasOwn(vars, entry.key)).map((entry) => [entry.key, entry.raw, entry.interpolated ? null : entry.value]);
        expect(untouched(after)).toEqual(untouched(before));
      }),
      { numRuns: 600 },
    );
  });
});

describe('.env round trip (property)', () => {
  it('reads back exactly what was set, or refuses clearly; nothing else moves', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dotenvs), keys, value, fc.boolean(), (fixture, key, wanted, removeDuplicates) => {
        const plan = planDotenv(fixture.text, { [key]: wanted }, { removeDuplicates });
        if (wanted.includes('\0') || hasLoneSurrogate(wanted)) {
          expect(plan.ok ? [] : plan.problems.map((problem) => [problem.code, problem.key])).toEqual([['unrepresentable-value', key]]);
          return;
        }
        if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.message).join('; '));
        const before = readDotenv(fixture.text);
        const after = readDotenv(plan.text);
        expect(after.values[key]).toBe(wanted);
        const others = (read: typeof before): unknown => read.entries.filter((entry) => entry.key !== key).map((entry) => [entry.key, entry.raw, entry.interpolated ? null : entry.value]);
        expect(others(after)).toEqual(others(before));
        expect(setDotenv(plan.text, { [key]: wanted })).toBe(plan.text);
        expect(after.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('writes several keys at once into an empty .env and reads them all back', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/), value, { maxKeys: 6 }), (vars) => {
        const clean = Object.fromEntries(Object.entries(vars).filter(([, wanted]) => !wanted.includes('\0') && !hasLoneSurrogate(wanted)));
        const text = setDotenv('', clean);
        expect(readDotenv(text).values).toEqual(clean);
      }),
    );
  });
});

describe('astro --load lines (property)', () => {
  it('either produce a line the Astro CLI reads back exactly, or say why not', () => {
    fc.assert(
      fc.property(value, (wanted) => {
        const result = dotenvLineForAstroLoad('AIRFLOW__SECRETS__BACKEND_KWARGS', wanted);
        if (result.ok) {
          expect(result.line.includes('\n')).toBe(false);
          expect(astroLoadRead(result.line)).toEqual({ key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: wanted });
        } else {
          const readBack = astroLoadRead(`K=${wanted}`).value;
          const explained = wanted === '' || /[\r\n\0]/.test(wanted) || hasLoneSurrogate(wanted) || readBack !== wanted;
          expect(explained).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
