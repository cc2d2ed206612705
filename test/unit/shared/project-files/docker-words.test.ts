import { describe, expect, it } from 'vitest';
import { processDockerWord, type DockerEscapeToken } from '../../../../shared/project-files';

function run(raw: string, envs: Record<string, string> = {}, escapeToken: DockerEscapeToken = '\\') {
  return processDockerWord(raw, escapeToken, (name) => (Object.hasOwn(envs, name) ? envs[name] : undefined));
}

describe('processDockerWord (buildkit ProcessWord semantics)', () => {
  // Cases from buildkit's shell/lex_test.go (TestProcessWithMatches) and POSIX quoting rules.
  it.each([
    ['x', {}, 'x'],
    ['x ${FOO}', { FOO: 'y' }, 'x y'],
    ['${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx  ccc'],
    ['${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx bbb ccc'],
    ['${FOO:-}', { FOO: 'xxx' }, 'xxx'],
    ['${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa bbb '],
    ['${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa  '],
    ['${FOO?aaa}', { FOO: 'xxx' }, 'xxx'],
    ['${BAR?bbb}', { BAR: '' }, ''],
    ["'hello'", {}, 'hello'],
    ['"hello"', {}, 'hello'],
    ["'hello \\'", {}, 'hello \\'],
    ['"he\\"llo"', {}, 'he"llo'],
    ['"a\\b\\\\c\\$d"', {}, 'a\\b\\c$d'],
    ['he\\ llo', {}, 'he llo'],
    ["he'l'lo", {}, 'hello'],
    ["'$FOO' \"$FOO\" $FOO", { FOO: 'v' }, '$FOO v v'],
    ['\\$FOO', { FOO: 'v' }, '$FOO'],
    ['$', {}, '$'],
    ['a$', {}, 'a$'],
    ['$1x', { 1: 'one' }, 'onex'],
  ])('%s', (raw, envs, expected) => {
    const result = run(raw, envs);
    expect(result.error).toBeNull();
    expect(result.value).toBe(expected);
  });

  it.each(['${BAR:?bbb}', '${FOO=aaa}', '${}', '${:x}', "'open", '"open', '${FOO'])('rejects %s like Docker', (raw) => {
    expect(run(raw, { FOO: 'xxx', BAR: '' }).error).not.toBeNull();
  });

  it('keeps $ constructs in the literal and lists what they refer to', () => {
    const result = run('"${A}/x" $B $C', { A: '1' });
    expect(result).toMatchObject({ literal: '${A}/x $B $C', value: '1/x  ', expands: true, references: ['A', 'B', 'C'], unresolved: ['B', 'C'], exact: false });
    expect(run("'${A}'", { A: '1' })).toMatchObject({ literal: '${A}', value: '${A}', expands: false, exact: true });
  });

  it('does not claim to know pattern substitutions', () => {
    expect(run('${FOO#x}', { FOO: 'xxyy' }).exact).toBe(false);
    expect(run('${FOO/x/y}', { FOO: 'xxyy' }).exact).toBe(false);
  });

  it('uses the backtick as escape token when told to', () => {
    expect(run('"a`"b` \\c"', {}, '`').value).toBe('a"b` \\c');
    expect(run('C:\\dir` x', {}, '`').value).toBe('C:\\dir x');
  });
});
