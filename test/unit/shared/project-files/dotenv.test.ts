import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { dotenvLineForAstroLoad, planDotenv, quoteDotenvValue, readDotenv, setDotenv } from '../../../../shared/project-files';
import { astroLoadRead, lineChanges, linesWithBreaks, loadFixture, loadFixtures } from './fixtures';

const KWARGS = '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables"}';
const fixtures = loadFixtures('dotenv');

describe('readDotenv (Docker Compose semantics)', () => {
  // Expectations from compose-go's dotenv tests (quoted.env, plain.env, exported.env, expansion cases).
  it.each([
    ["OPTION_A='1'", 'OPTION_A', '1'],
    ["OPTION_D='\\n'", 'OPTION_D', '\\n'],
    ['OPTION_H="\\n"', 'OPTION_H', '\n'],
    ['OPTION_I = "echo \'asd\'"', 'OPTION_I', "echo 'asd'"],
    ["OPTION_J = 'first line\nsecond line'", 'OPTION_J', 'first line\nsecond line'],
    ['I="something escaped\\""', 'I', 'something escaped"'],
    ['Y="\\r\\n"', 'Y', '\r\n'],
    ['OPTION_A=postgres://localhost:5432/database?sslmode=disable', 'OPTION_A', 'postgres://localhost:5432/database?sslmode=disable'],
    ['export OPTION_A=2', 'OPTION_A', '2'],
    ['OPTION_H=1 2', 'OPTION_H', '1 2'],
    ['KEY=value # comment', 'KEY', 'value'],
    ['KEY=value#not-a-comment', 'KEY', 'value#not-a-comment'],
    ['KEY="quoted # kept"', 'KEY', 'quoted # kept'],
    ['KEY: yaml-style', 'KEY', 'yaml-style'],
    ['FOO=test\nBAR=$FOO', 'BAR', 'test'],
    ['FOO=test\nBAR=${FOO}bar', 'BAR', 'testbar'],
    ["FOO=test\nBAR='$FOO'", 'BAR', '$FOO'],
    ['FOO=test\nBAR="\\$FOO"', 'BAR', '$FOO'],
    ['FOO=test\nBAR=$$FOO', 'BAR', '$FOO'],
    ['BAR=${MISSING:-fallback}', 'BAR', 'fallback'],
    ["A='x' B=\"y\"", 'B', 'y'],
    ['\uFEFFBOM=yes', 'BOM', 'yes'],
  ])('%j gives %s = %j', (text, key, value) => {
    const read = readDotenv(text);
    expect(read.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(read.values[key]).toBe(value);
  });

  it.each([
    ['KEY="never closed', 'unterminated-quote'],
    ['MY KEY=1', 'key-with-space'],
    ['KEY!=1', 'invalid-key'],
    ['KEY=price$', 'invalid-interpolation'],
    ['KEY=${', 'invalid-interpolation'],
  ])('reports %j as an error Compose rejects (%s)', (text, code) => {
    const read = readDotenv(text);
    expect(read.problems.map((problem) => [problem.code, problem.severity])).toContainEqual([code, 'error']);
  });

  it('reports duplicates with their lines, last one winning', () => {
    const read = readDotenv(loadFixture('dotenv', 'duplicates.env'));
    expect(read.values.AWS_DEFAULT_REGION).toBe('eu-central-1');
    expect(read.duplicates).toEqual([
      { key: 'AIRFLOW__SECRETS__BACKEND', lines: [1, 3] },
      { key: 'AWS_DEFAULT_REGION', lines: [2, 4] },
    ]);
    expect(read.keys.AWS_DEFAULT_REGION).toEqual({ value: 'eu-central-1', line: 4, lines: [2, 4], duplicate: true });
  });

  it('reads export, inline comments, quotes and multi-line values', () => {
    expect(readDotenv(loadFixture('dotenv', 'export.env')).entries.map((entry) => [entry.key, entry.exported])).toEqual([
      ['AWS_PROFILE', true],
      ['AWS_REGION', true],
      ['AIRFLOW__CORE__LOAD_EXAMPLES', false],
    ]);
    expect(readDotenv(loadFixture('dotenv', 'inline-comments.env')).values).toEqual({
      AWS_DEFAULT_REGION: 'us-east-1',
      AIRFLOW_VAR_URL: 'https://example.com/page#anchor',
      AIRFLOW_VAR_TABBED: 'value\t# tab does not start a comment',
      QUOTED_WITH_COMMENT: 'kept',
    });
    const quotes = readDotenv(loadFixture('dotenv', 'quotes.env'));
    expect(quotes.values).toMatchObject({ SINGLE: 'it is $literal and \\n stays', DOUBLE: 'line1\nline2 with "quotes" and \\ backslash', JSON_KWARGS: KWARGS, SPACED: '  padded  ' });
    const multiline = readDotenv(loadFixture('dotenv', 'multiline.env'));
    expect(multiline.values.CERT?.split('\n')).toHaveLength(3);
    expect(multiline.entries.map((entry) => [entry.key, entry.line, entry.endLine])).toEqual([
      ['CERT', 1, 3],
      ['AFTER', 4, 4],
      ['PRIVATE', 5, 6],
    ]);
  });

  it('marks interpolated values and bare keys as depending on the shell', () => {
    const read = readDotenv(loadFixture('dotenv', 'interpolation.env'));
    expect(read.values).toMatchObject({ DAGS: '/usr/local/airflow/dags', FALLBACK: 'default-value', LITERAL_DOLLAR: '$NOT_A_VAR' });
    const fromShell = read.entries.find((entry) => entry.key === 'FROM_SHELL');
    expect(fromShell).toMatchObject({ interpolated: true, valueKnown: false, unresolvedVariables: ['HOME'] });
    const bare = readDotenv(loadFixture('dotenv', 'yaml-style-and-bare.env'));
    expect(bare.values).toEqual({ AIRFLOW_VAR_COLOR: 'blue', AFTER_BARE: 'ok' });
    expect(bare.entries[1]).toMatchObject({ key: 'INHERITED_FROM_SHELL', value: null });
    expect(bare.problems.map((problem) => problem.code)).toEqual(['value-from-shell']);
  });

  it('reports line endings and the final newline', () => {
    expect(readDotenv(loadFixture('dotenv', 'crlf.env'))).toMatchObject({ lineEnding: 'crlf', trailingNewline: true });
    expect(readDotenv(loadFixture('dotenv', 'no-trailing-newline.env'))).toMatchObject({ lineEnding: 'lf', trailingNewline: false });
  });
});

describe('setDotenv over the fixture corpus', () => {
  it.each(fixtures)('$name: an empty edit and re-setting current values keep every byte', ({ text }) => {
    expect(setDotenv(text, {})).toBe(text);
    const read = readDotenv(text);
    const current = Object.fromEntries(read.entries.filter((entry) => entry.valueKnown && read.keys[entry.key]?.line === entry.line).map((entry) => [entry.key, entry.value]));
    expect(setDotenv(text, current)).toBe(text);
  });

  it.each(fixtures)('$name: setting keys changes only their lines and reads back exactly', ({ text }) => {
    const before = readDotenv(text);
    const vars = { AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS, AWS_DEFAULT_REGION: 'eu-west-3', AIRFLOW_VAR_NOTE: `it's "$5"\nand more` };
    const plan = planDotenv(text, vars);
    if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.message).join('; '));
    const after = readDotenv(plan.text);
    for (const [key, value] of Object.entries(vars)) expect(after.values[key]).toBe(value);
    const others = (entries: typeof before.entries) => entries.filter((entry) => !Object.hasOwn(vars, entry.key)).map((entry) => [entry.key, entry.raw, entry.value]);
    expect(others(after.entries)).toEqual(others(before.entries));
    const ownedLines = new Set(before.entries.filter((entry) => Object.hasOwn(vars, entry.key)).flatMap((entry) => Array.from({ length: entry.endLine - entry.line + 1 }, (_, i) => entry.line + i)));
    const { removed, added } = lineChanges(text, plan.text);
    const lastLine = linesWithBreaks(text).length;
    const withoutBreak = (line: string): string => line.replace(/\r?\n$/, '');
    for (const line of removed) {
      // Besides the owned lines, only a last line without a line break may change: it gains one.
      const gainedBreak = !text.endsWith('\n') && line.line === lastLine;
      expect(ownedLines.has(line.line) || gainedBreak).toBe(true);
    }
    for (const line of added) {
      const sameLineWithBreak = removed.some((old) => withoutBreak(old.text) === withoutBreak(line.text));
      expect(Object.keys(vars).some((key) => line.text.startsWith(`${key}=`) || line.text.includes(` ${key}=`)) || sameLineWithBreak).toBe(true);
    }
    expect(plan.text.endsWith('\n')).toBe(text === '' || text.endsWith('\n'));
    if (before.lineEnding === 'crlf') expect(/(?<!\r)\n/.test(plan.text.replace('\\n', ''))).toBe(false);
  });

  it.each(fixtures)('$name: adding then removing a new key restores the file', ({ text }) => {
    const added = setDotenv(text, { AIRLOCK_PROBE: `{"a": "it's"}` });
    expect(readDotenv(added).values.AIRLOCK_PROBE).toBe(`{"a": "it's"}`);
    expect(setDotenv(added, { AIRLOCK_PROBE: null })).toBe(text);
  });
});

describe('setDotenv edits', () => {
  it('writes JSON in single quotes, exactly once, at the end', () => {
    const text = loadFixture('dotenv', 'aws-credentials.env');
    expect(setDotenv(text, { AIRFLOW__SECRETS__BACKEND_KWARGS: KWARGS })).toBe(`${text}AIRFLOW__SECRETS__BACKEND_KWARGS='${KWARGS}'\n`);
    expect(setDotenv('', { A: 'plain' })).toBe('A=plain\n');
  });

  it('chooses bare, single-quoted or double-quoted forms by content', () => {
    expect(quoteDotenvValue('eu-west-1')).toBe('eu-west-1');
    expect(quoteDotenvValue('')).toBe('');
    expect(quoteDotenvValue('has space')).toBe("'has space'");
    expect(quoteDotenvValue('$HOME')).toBe("'$HOME'");
    expect(quoteDotenvValue("it's")).toBe('"it\'s"');
    expect(quoteDotenvValue('ends with \\')).toBe('"ends with \\\\"');
    expect(quoteDotenvValue('a\nb $x "q"')).toBe('"a\\nb \\$x \\"q\\""');
  });

  it('replaces the last definition in place and keeps earlier duplicates unless asked', () => {
    const text = loadFixture('dotenv', 'duplicates.env');
    const plan = planDotenv(text, { AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(plan.ok && plan.keptDuplicates).toEqual([{ key: 'AWS_DEFAULT_REGION', lines: [2] }]);
    expect(plan.ok && plan.text.split('\n')[3]).toBe('AWS_DEFAULT_REGION=ap-south-1 # the one that wins');
    const cleaned = setDotenv(text, { AWS_DEFAULT_REGION: 'ap-south-1' }, { removeDuplicates: true });
    expect(cleaned.split('\n')).toEqual([
      'AIRFLOW__SECRETS__BACKEND=first.Backend',
      'AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend',
      'AWS_DEFAULT_REGION=ap-south-1 # the one that wins',
      '',
    ]);
  });

  it('removes every definition of a key with null', () => {
    const text = loadFixture('dotenv', 'duplicates.env');
    expect(setDotenv(text, { AIRFLOW__SECRETS__BACKEND: null })).toBe('AWS_DEFAULT_REGION=us-east-1\nAWS_DEFAULT_REGION=eu-central-1 # the one that wins\n');
  });

  it('keeps export, separators, inline comments and quoting style around a replaced value', () => {
    const exported = setDotenv(loadFixture('dotenv', 'export.env'), { AWS_REGION: 'us-west-2' });
    expect(exported.split('\n')[2]).toBe('export   AWS_REGION=us-west-2');
    const commented = setDotenv(loadFixture('dotenv', 'inline-comments.env'), { AWS_DEFAULT_REGION: 'a b', QUOTED_WITH_COMMENT: 'plain' });
    expect(commented.split('\n').slice(0, 4)).toEqual([
      "AWS_DEFAULT_REGION='a b' # region for local runs",
      'AIRFLOW_VAR_URL=https://example.com/page#anchor',
      'AIRFLOW_VAR_TABBED=value\t# tab does not start a comment',
      "QUOTED_WITH_COMMENT='plain' # comment after quotes",
    ]);
    expect(setDotenv('A: x\n', { A: 'y' })).toBe('A: y\n');
  });

  it('collapses a multi-line value into one line when it is replaced', () => {
    const text = loadFixture('dotenv', 'multiline.env');
    const after = setDotenv(text, { CERT: 'short' });
    expect(after.split('\n').slice(0, 2)).toEqual(["CERT='short'", 'AFTER=still-read']);
    expect(readDotenv(after).values.PRIVATE).toBe('line one\nline two');
  });

  it('edits statements that share a line without disturbing their neighbours', () => {
    expect(setDotenv("A='x' B=\"y\" # c\n", { A: 'z' })).toBe("A='z' B=\"y\" # c\n");
    expect(setDotenv("A='x' B=\"y\" # c\n", { A: null })).toBe('B="y" # c\n');
    expect(setDotenv("A='x' B=\"y\" # c\n", { B: null })).toBe("A='x' # c\n");
  });

  it('turns a bare KEY line into a definition', () => {
    expect(setDotenv('INHERITED\nB=1\n', { INHERITED: 'now set' })).toBe("INHERITED='now set'\nB=1\n");
  });

  it('keeps CRLF and a missing final newline', () => {
    const crlf = setDotenv(loadFixture('dotenv', 'crlf.env'), { NEW_KEY: 'v' });
    expect(crlf.endsWith('AIRFLOW_VAR_ENVIRONMENT=staging\r\nNEW_KEY=v\r\n')).toBe(true);
    expect(setDotenv(loadFixture('dotenv', 'no-trailing-newline.env'), { NEW_KEY: 'v' })).toBe('AWS_PROFILE=sandbox\nAIRFLOW_VAR_TEAM=data\nNEW_KEY=v');
  });

  it('refuses what it cannot write, and files Compose would reject, without echoing values', () => {
    const secret = 'hunter2\0';
    expect(() => setDotenv('', { PASSWORD: secret })).toThrow(AppError);
    try {
      setDotenv('', { PASSWORD: secret });
    } catch (error) {
      expect((error as AppError).message).not.toContain('hunter2');
      expect((error as AppError).details).toEqual({ problems: [{ code: 'unrepresentable-value', key: 'PASSWORD' }] });
    }
    const codes = (text: string, vars: Record<string, string | null>): string[] => {
      const plan = planDotenv(text, vars);
      return plan.ok ? [] : plan.problems.map((problem) => problem.code);
    };
    expect(codes('', { 'NOT-A-NAME': 'v', B: '\uDC00' })).toEqual(['invalid-key', 'unrepresentable-value']);
    expect(codes('A="never closed\n', { B: 'v' })).toEqual(['file-has-errors']);
  });
});

describe('dotenvLineForAstroLoad', () => {
  it.each([KWARGS, 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend', 'a=b=c', 'x # not a comment', "mid'quote\"s", 'ünïcødé ✓'])('writes %j so the CLI reads it back', (value) => {
    const result = dotenvLineForAstroLoad('AIRFLOW__SECRETS__BACKEND_KWARGS', value);
    expect(result.ok).toBe(true);
    if (result.ok) expect(astroLoadRead(result.line)).toEqual({ key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value });
  });

  it.each([
    ['', 'empty-value'],
    ['two\nlines', 'line-break'],
    ['"quoted"', 'edge-quote-or-space'],
    ["'x", 'edge-quote-or-space'],
    [' padded', 'edge-quote-or-space'],
    ['tab\t', 'edge-quote-or-space'],
    ['nbsp\u00a0', 'edge-quote-or-space'],
    ['x'.repeat(70_000), 'too-long'],
  ])('refuses %j (%s)', (value, reason) => {
    const result = dotenvLineForAstroLoad('KEY', value);
    expect(result.ok ? null : result.reason).toBe(reason);
    if (!result.ok && value.length < 100 && value.length > 2) expect(result.message).not.toContain(value);
  });

  it('refuses keys the CLI would read differently', () => {
    expect(dotenvLineForAstroLoad('export KEY', 'v')).toMatchObject({ ok: false, reason: 'invalid-key' });
    expect(dotenvLineForAstroLoad('#KEY', 'v')).toMatchObject({ ok: false, reason: 'invalid-key' });
  });
});
