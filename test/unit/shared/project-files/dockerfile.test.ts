import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { planDockerfileEnv, readDockerfileEnv, setDockerfileEnv, type DockerfileEnvRead } from '../../../../shared/project-files';
import { lineChanges, loadFixture, loadFixtures } from './fixtures';

const BACKEND = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
const KWARGS = '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables"}';
const fixtures = loadFixtures('dockerfile');

/** Other definitions keep their bytes; a value that expands `$` may follow a key it refers to. */
function finalEntries(read: DockerfileEnvRead, except: readonly string[]): unknown {
  const stage = read.stages[read.finalStage ?? -1];
  return stage?.definitions.filter((entry) => !except.includes(entry.key)).map((entry) => [entry.key, entry.raw, entry.expands ? null : entry.value]);
}

function earlierStages(read: DockerfileEnvRead): unknown {
  return read.stages.slice(0, -1).map((stage) => stage.definitions.map((entry) => [entry.key, entry.raw, entry.value, entry.line]));
}

describe('readDockerfileEnv', () => {
  it('reports the final stage environment and keeps every stage apart', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'multi-stage.Dockerfile'));
    expect(read.env).toEqual({ AIRFLOW__CORE__TEST_CONNECTION: 'Enabled', AIRFLOW__SECRETS__BACKEND: BACKEND });
    expect(read.stages.map((stage) => [stage.name, stage.fromLine, stage.endLine])).toEqual([
      ['builder', 2, 7],
      ['runtime', 8, 13],
    ]);
    expect(read.stages[0]?.env).toEqual({ PIP_NO_CACHE_DIR: '1', AIRFLOW__SECRETS__BACKEND: 'wrong.stage.Backend' });
    expect(read.entries.AIRFLOW__SECRETS__BACKEND?.line).toBe(12);
    expect(read.entries.AIRFLOW__SECRETS__BACKEND?.stageIndex).toBe(1);
  });

  it('does not pull values from a stage the final stage is built FROM', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'stage-inherits.Dockerfile'));
    expect(read.env).toEqual({ ONLY_FINAL: 'yes' });
    expect(read.stages[1]?.inheritsFromStage).toBe('base');
    expect(read.stages[0]?.env.SHARED).toBe('from-base');
  });

  it('joins continuation lines and skips comment and blank lines inside them', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'continuation-comments.Dockerfile'));
    expect(Object.keys(read.env)).toEqual(['AIRFLOW__CORE__DEFAULT_TIMEZONE', 'AIRFLOW__SECRETS__BACKEND', 'AIRFLOW__SECRETS__BACKEND_KWARGS', 'AIRFLOW__LOGGING__LOGGING_LEVEL']);
    expect(JSON.parse(read.env.AIRFLOW__SECRETS__BACKEND_KWARGS ?? '')).toEqual(JSON.parse(KWARGS));
    const kwargs = read.entries.AIRFLOW__SECRETS__BACKEND_KWARGS;
    expect([kwargs?.line, kwargs?.instructionLine, kwargs?.instructionEndLine]).toEqual([6, 2, 8]);
    expect(read.entries.AIRFLOW__LOGGING__LOGGING_LEVEL?.line).toBe(8);
  });

  it('follows the escape directive', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'escape-backtick.Dockerfile'));
    expect(read.escapeToken).toBe('`');
    expect(read.env.WINDOWS_PATH).toBe('C:\\Program Files\\Tool');
    expect(read.env.QUOTED).toBe('a "quoted" word and a \\ backslash');
    expect(read.env.AIRFLOW__SECRETS__BACKEND).toBe(BACKEND);
  });

  it('reads the legacy "ENV key value" form, where Docker strips the quotes of unquoted JSON', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'legacy-form.Dockerfile'));
    expect(read.env.AIRFLOW_HOME).toBe('/usr/local/airflow');
    expect(read.env.PYTHONWARNINGS).toBe('ignore::DeprecationWarning:airflow');
    expect(read.env.GREETING).toBe('hello   world');
    expect(read.env.AIRFLOW__SECRETS__BACKEND_KWARGS).toBe('{connections_prefix: airflow/connections, variables_prefix: airflow/variables}');
    expect(read.entries.GREETING?.form).toBe('legacy');
    expect(read.problems.filter((problem) => problem.code === 'legacy-env-form').map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
  });

  it('reads several pairs per instruction with Docker quoting and escapes', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'several-keys.Dockerfile'));
    expect(read.env).toMatchObject({ A: '1', B: 'two words', C: 'single $NOT_EXPANDED', D: 'plain escaped spaces', E: '', F: '', G: 'last' });
    expect(JSON.parse(read.env.AIRFLOW__SECRETS__BACKEND_KWARGS ?? '')).toEqual({ connections_prefix: 'airflow/connections' });
    expect(read.entries.C?.expands).toBe(false);
  });

  it('reads JSON written in single quotes and in escaped double quotes identically', () => {
    const single = readDockerfileEnv(loadFixture('dockerfile', 'astro-secrets-backend.Dockerfile'));
    const double = readDockerfileEnv(loadFixture('dockerfile', 'quoted-json-double.Dockerfile'));
    expect(JSON.parse(single.env.AIRFLOW__SECRETS__BACKEND_KWARGS ?? '')).toMatchObject({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables' });
    expect(JSON.parse(double.env.AIRFLOW__SECRETS__BACKEND_KWARGS ?? '')).toMatchObject({ connections_prefix: 'airflow/connections', role_arn: 'arn:aws:iam::123456789012:role/airflow' });
    expect(double.entries.AIRFLOW__SECRETS__BACKEND_KWARGS?.raw.startsWith('"{\\"')).toBe(true);
  });

  it('does not read instructions inside heredoc bodies', () => {
    expect(readDockerfileEnv(loadFixture('dockerfile', 'heredoc.Dockerfile')).env).toEqual({ REAL_KEY: 'real' });
  });

  it('reports raw, unquoted and expanded values and whether expansion changes them', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'expansion.Dockerfile'));
    expect(read.entries.DAGS).toMatchObject({ raw: '$BASE_DIR/dags', literal: '$BASE_DIR/dags', value: '/opt/airflow/dags', expands: true, valueKnown: true });
    expect(read.entries.PLUGINS?.value).toBe('/opt/airflow/plugins');
    expect(read.entries.CONN_PREFIX).toMatchObject({ raw: '"${PREFIX}/connections"', value: 'airflow/connections', expands: true });
    expect(read.entries.LITERAL).toMatchObject({ value: '${PREFIX}/variables', expands: false, valueKnown: true });
    expect(read.entries.ESCAPED).toMatchObject({ raw: '\\$PREFIX', value: '$PREFIX', expands: false });
    // Names set by the base image or by build args are not known from the file.
    expect(read.entries.FROM_IMAGE).toMatchObject({ value: '/include', valueKnown: false, unresolvedVariables: ['AIRFLOW_HOME'] });
    expect(read.entries.STAGE).toMatchObject({ valueKnown: false, unresolvedVariables: ['BUILD_ENV'] });
    expect(read.entries.FALLBACK).toMatchObject({ value: 'fallback', valueKnown: false });
  });

  it('expands each instruction against the environment from before it, like Docker', () => {
    const read = readDockerfileEnv('FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n');
    expect(read.env).toEqual({ abc: 'bye', def: 'hello', ghi: 'bye' });
  });

  it('handles a BOM, parser directives and FROM flags', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'bom-syntax-platform.Dockerfile'));
    expect(read.env).toEqual({ TZ: 'Europe/Berlin' });
    expect(read.stages[0]).toMatchObject({ baseImage: 'quay.io/astronomer/astro-runtime:12.1.0', fromLine: 3 });
    const spaced = readDockerfileEnv('FROM --platform $BUILDPLATFORM python:3.11 AS build\n');
    expect(spaced.stages[0]).toMatchObject({ baseImage: 'python:3.11', name: 'build' });
  });

  it('reads CRLF files and reports their line endings', () => {
    const read = readDockerfileEnv(loadFixture('dockerfile', 'crlf.Dockerfile'));
    expect(read.lineEnding).toBe('crlf');
    expect(read.env).toEqual({
      AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
      AIRFLOW__WEBSERVER__EXPOSE_CONFIG: 'True',
      AIRFLOW__SECRETS__BACKEND_KWARGS: '{"connections_prefix": "airflow/connections"}',
    });
  });

  it('returns problems as data for broken files', () => {
    expect(readDockerfileEnv('ENV A=1\nFROM x\n').problems.map((problem) => problem.code)).toContain('env-before-from');
    expect(readDockerfileEnv('# only a comment\n').problems.map((problem) => problem.code)).toEqual(['no-from']);
    expect(readDockerfileEnv('FROM x\nENV A="open\n').problems.map((problem) => [problem.code, problem.severity, problem.line])).toEqual([['env-value', 'error', 2]]);
    expect(readDockerfileEnv('FROM x\nENV A=1 B\n').problems.map((problem) => problem.code)).toEqual(['env-syntax']);
    expect(readDockerfileEnv('# escape=x\nFROM x\n').problems.map((problem) => problem.code)).toEqual(['invalid-directive']);
  });
});

describe('setDockerfileEnv over the fixture corpus', () => {
  it.each(fixtures)('$name: an empty edit and re-setting current values keep every byte', ({ text }) => {
    expect(setDockerfileEnv(text, {})).toBe(text);
    const read = readDockerfileEnv(text);
    const current = Object.fromEntries(Object.entries(read.entries).filter(([, entry]) => entry.valueKnown).map(([key, entry]) => [key, entry.value]));
    if (read.problems.some((problem) => problem.severity === 'error') || Object.keys(current).length === 0) return;
    expect(setDockerfileEnv(text, current)).toBe(text);
  });

  it.each(fixtures.filter((fixture) => fixture.name !== 'empty-continuation-eof.Dockerfile'))(
    '$name: setting the backend changes only its own lines and reads back exactly',
    ({ text }) => {
      const before = readDockerfileEnv(text);
      const keys = ['AIRFLOW__SECRETS__BACKEND', 'AIRFLOW__SECRETS__BACKEND_KWARGS'];
      const after = setDockerfileEnv(text, { AIRFLOW__SECRETS__BACKEND: BACKEND, AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS });
      const read = readDockerfileEnv(after);
      expect(read.env.AIRFLOW__SECRETS__BACKEND).toBe(BACKEND);
      expect(read.env.AIRFLOW__SECRETS__BACKEND_KWARGS).toBe(KWARGS);
      expect(finalEntries(read, keys)).toEqual(finalEntries(before, keys));
      expect(earlierStages(read)).toEqual(earlierStages(before));

      const owned = keys.flatMap((key) => {
        const entry = before.entries[key];
        return entry === undefined ? [] : [[entry.instructionLine, entry.instructionEndLine]];
      });
      const { removed, added } = lineChanges(text, after);
      for (const line of removed) expect(owned.some(([first = 0, last = 0]) => line.line >= first && line.line <= last)).toBe(true);
      for (const line of added) expect(keys.some((key) => line.text.includes(key))).toBe(true);
      expect(after.endsWith('\n')).toBe(text.endsWith('\n'));
      if (before.lineEnding === 'crlf') expect(/(?<!\r)\n/.test(after)).toBe(false);
    },
  );

  it.each(fixtures.filter((fixture) => fixture.name !== 'empty-continuation-eof.Dockerfile'))('$name: adding then removing a new key restores the file', ({ text }) => {
    const added = setDockerfileEnv(text, { AIRLOCK_PROBE: 'x y "z"' });
    expect(added).not.toBe(text);
    expect(readDockerfileEnv(added).env.AIRLOCK_PROBE).toBe('x y "z"');
    expect(setDockerfileEnv(added, { AIRLOCK_PROBE: null })).toBe(text);
  });

  it.each(fixtures.filter((fixture) => readDockerfileEnv(fixture.text).problems.every((problem) => problem.severity !== 'error')))(
    '$name: removing each final-stage key removes only that key',
    ({ text }) => {
      const before = readDockerfileEnv(text);
      for (const key of Object.keys(before.env)) {
        const plan = planDockerfileEnv(text, { [key]: null });
        // Removing a key that a later value expands may change that value: refusing is also correct.
        if (!plan.ok) {
          expect(plan.problems.map((problem) => problem.code)).toEqual(['verification-failed']);
          continue;
        }
        const read = readDockerfileEnv(plan.text);
        expect(Object.hasOwn(read.env, key)).toBe(false);
        expect(finalEntries(read, [key])).toEqual(finalEntries(before, [key]));
        expect(earlierStages(read)).toEqual(earlierStages(before));
      }
    },
  );
});

describe('setDockerfileEnv edits', () => {
  it('rewrites only the one pair on a line shared with other pairs', () => {
    const text = loadFixture('dockerfile', 'several-keys.Dockerfile');
    const after = setDockerfileEnv(text, { AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS });
    expect(lineChanges(text, after)).toEqual({
      removed: [{ line: 3, text: `ENV AIRFLOW__SECRETS__BACKEND=${BACKEND} AIRFLOW__SECRETS__BACKEND_KWARGS='{"connections_prefix": "airflow/connections"}' AIRFLOW_CONN_PLAIN=postgres://u:p@h:5432/db\n` }],
      added: [{ line: 3, text: `ENV AIRFLOW__SECRETS__BACKEND=${BACKEND} AIRFLOW__SECRETS__BACKEND_KWARGS='${KWARGS}' AIRFLOW_CONN_PLAIN=postgres://u:p@h:5432/db\n` }],
    });
  });

  it('removes a pair from the middle, from the end, and a whole instruction', () => {
    const text = loadFixture('dockerfile', 'several-keys.Dockerfile');
    expect(setDockerfileEnv(text, { B: null }).split('\n')[1]).toBe("ENV A=1 C='single $NOT_EXPANDED' D=plain\\ escaped\\ spaces");
    expect(setDockerfileEnv(text, { D: null }).split('\n')[1]).toBe('ENV A=1 B="two words" C=\'single $NOT_EXPANDED\'');
    expect(setDockerfileEnv(text, { C: null, D: null }).split('\n')[1]).toBe('ENV A=1 B="two words"');
    const withoutLine = setDockerfileEnv(text, { E: null, F: null, G: null });
    expect(withoutLine.split('\n')).toHaveLength(4);
    expect(withoutLine).not.toContain('G=last');
  });

  it('keeps comments and continuations around an edited pair', () => {
    const text = loadFixture('dockerfile', 'continuation-comments.Dockerfile');
    const after = setDockerfileEnv(text, { AIRFLOW__SECRETS__BACKEND_KWARGS: '{"connections_prefix": "prod/connections"}' });
    expect(lineChanges(text, after)).toEqual({
      removed: [{ line: 6, text: `    AIRFLOW__SECRETS__BACKEND_KWARGS='${KWARGS}' \\\n` }],
      added: [{ line: 6, text: `    AIRFLOW__SECRETS__BACKEND_KWARGS='{"connections_prefix": "prod/connections"}' \\\n` }],
    });
  });

  it('removes the last pair of a continued instruction without leaving a dangling continuation', () => {
    const text = 'FROM x\nENV A=1 \\\n    B=2\nRUN true\n';
    expect(setDockerfileEnv(text, { B: null })).toBe('FROM x\nENV A=1\nRUN true\n');
    expect(setDockerfileEnv(text, { A: null })).toBe('FROM x\nENV B=2\nRUN true\n');
  });

  it('keeps the legacy form when replacing a legacy value', () => {
    const text = loadFixture('dockerfile', 'legacy-form.Dockerfile');
    const after = setDockerfileEnv(text, { AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS, GREETING: 'hi there' });
    expect(after.split('\n').slice(3, 5)).toEqual([`ENV AIRFLOW__SECRETS__BACKEND_KWARGS '${KWARGS}'`, "ENV GREETING 'hi there'"]);
    expect(readDockerfileEnv(after).env.AIRFLOW__SECRETS__BACKEND_KWARGS).toBe(KWARGS);
  });

  it('appends after the last ENV of the final stage, or right after its FROM', () => {
    const multi = loadFixture('dockerfile', 'multi-stage.Dockerfile');
    const added = lineChanges(multi, setDockerfileEnv(multi, { AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS })).added;
    expect(added).toEqual([{ line: 13, text: `ENV AIRFLOW__SECRETS__BACKEND_KWARGS='${KWARGS}'\n` }]);
    const init = loadFixture('dockerfile', 'astro-init.Dockerfile');
    expect(setDockerfileEnv(init, { AIRFLOW__SECRETS__BACKEND: BACKEND, AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS })).toBe(
      `${init}ENV AIRFLOW__SECRETS__BACKEND=${BACKEND}\nENV AIRFLOW__SECRETS__BACKEND_KWARGS='${KWARGS}'\n`,
    );
  });

  it('keeps CRLF line endings, a missing final newline, and an all-lowercase style', () => {
    const crlf = setDockerfileEnv(loadFixture('dockerfile', 'crlf.Dockerfile'), { NEW_KEY: 'v' });
    expect(crlf).toContain("ENV AIRFLOW__SECRETS__BACKEND_KWARGS='{\"connections_prefix\": \"airflow/connections\"}'\r\nENV NEW_KEY=v\r\nRUN");
    const bare = loadFixture('dockerfile', 'no-trailing-newline.Dockerfile');
    expect(setDockerfileEnv(bare, { NEW_KEY: 'v' })).toBe(`${bare}\nENV NEW_KEY=v`);
    const lower = setDockerfileEnv(loadFixture('dockerfile', 'lowercase.Dockerfile'), { NEW_KEY: 'v' });
    expect(lower.split('\n')[2]).toBe('env NEW_KEY=v');
  });

  it('quotes values so Docker reads them back without expansion', () => {
    const text = loadFixture('dockerfile', 'astro-init.Dockerfile');
    const values = { DOLLAR: 'price $5 and ${HOME}', APOSTROPHE: `it's $HOME "x"`, BACKSLASH: 'C:\\dir\\', EMPTY: '', SPACES: '  padded  ' };
    const after = setDockerfileEnv(text, values);
    expect(after.split('\n').slice(1, 6)).toEqual([
      "ENV DOLLAR='price $5 and ${HOME}'",
      'ENV APOSTROPHE="it\'s \\$HOME \\"x\\""',
      "ENV BACKSLASH='C:\\dir\\'",
      'ENV EMPTY=""',
      "ENV SPACES='  padded  '",
    ]);
    expect(readDockerfileEnv(after).env).toEqual(values);
    for (const entry of Object.values(readDockerfileEnv(after).entries)) expect(entry.expands).toBe(false);
  });

  it('escapes with the backtick in files that use "# escape=`"', () => {
    const text = loadFixture('dockerfile', 'escape-backtick.Dockerfile');
    const after = setDockerfileEnv(text, { MIXED: 'it\'s a `tick` and "quote" $X \\' });
    expect(after).toContain('ENV MIXED="it\'s a ``tick`` and `"quote`" `$X \\"');
    expect(readDockerfileEnv(after).env.MIXED).toBe('it\'s a `tick` and "quote" $X \\');
  });

  it('keeps a value that Docker expands when it already yields the wanted value', () => {
    const text = loadFixture('dockerfile', 'expansion.Dockerfile');
    expect(setDockerfileEnv(text, { DAGS: '/opt/airflow/dags' })).toBe(text);
    expect(setDockerfileEnv(text, { FROM_IMAGE: '/include' })).not.toBe(text);
  });

  it('refuses values an ENV line cannot hold, without echoing the value', () => {
    const text = loadFixture('dockerfile', 'astro-init.Dockerfile');
    const secret = 'super-secret\nsecond line';
    let thrown: unknown;
    try {
      setDockerfileEnv(text, { AWS_SECRET_ACCESS_KEY: secret });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const appError = thrown as AppError;
    expect(appError.code).toBe('INVALID_INPUT');
    expect(appError.message).not.toContain('super-secret');
    expect(appError.details).toEqual({ problems: [{ code: 'unrepresentable-value', key: 'AWS_SECRET_ACCESS_KEY' }] });
    const plans = [planDockerfileEnv(text, { A: 'x\ry' }), planDockerfileEnv(text, { A: 'nul\0' }), planDockerfileEnv(text, { A: '\uD800' }), planDockerfileEnv(text, { A: 'x'.repeat(40_000) })];
    expect(plans.map((plan) => (plan.ok ? 'ok' : plan.problems[0]?.message))).toEqual([
      'The value for A contains a line break, which a Dockerfile ENV line cannot hold.',
      'The value for A contains a NUL character, which no environment variable can hold.',
      'The value for A contains an unpaired surrogate, which cannot be saved as UTF-8.',
      'The value for A is longer than a Dockerfile ENV line accepts on one line.',
    ]);
  });

  it('refuses invalid keys, broken files, files without FROM and unfinished continuations', () => {
    const codes = (text: string, vars: Record<string, string | null>): string[] => {
      const plan = planDockerfileEnv(text, vars);
      return plan.ok ? [] : plan.problems.map((problem) => problem.code);
    };
    expect(codes('FROM x\n', { 'BAD-KEY': 'v', '1X': 'v' })).toEqual(['invalid-key', 'invalid-key']);
    expect(codes('ENV A=1\nFROM x\n', { B: 'v' })).toEqual(['file-has-errors']);
    expect(codes('# nothing\n', { B: 'v' })).toEqual(['file-has-errors']);
    expect(codes(loadFixture('dockerfile', 'empty-continuation-eof.Dockerfile'), { B: 'v' })).toEqual(['unterminated-continuation']);
    expect(setDockerfileEnv(loadFixture('dockerfile', 'empty-continuation-eof.Dockerfile'), { A: '2' })).toBe('FROM quay.io/astronomer/astro-runtime:12.1.0\nENV A=2 \\\n');
  });

  it('reports what changed and where', () => {
    const text = loadFixture('dockerfile', 'astro-secrets-backend.Dockerfile');
    const plan = planDockerfileEnv(text, { AIRFLOW__SECRETS__BACKEND: BACKEND, AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS, NEW_ONE: '1', MISSING: null });
    expect(plan.ok && plan.changes).toEqual([
      { key: 'AIRFLOW__SECRETS__BACKEND', action: 'unchanged', line: 4 },
      { key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', action: 'replaced', line: 5 },
      { key: 'NEW_ONE', action: 'added', line: 6 },
      { key: 'MISSING', action: 'unchanged', line: null },
    ]);
  });
});
