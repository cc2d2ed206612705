import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { AstroCommand } from '../../../../electron/services/astro/commands';
import { astroCommandKinds, describeCommand, isAstroCommandKind, toArgv } from '../../../../electron/services/astro/commands';

const ws = 'clws0000000000000000000001';
const dep = 'clx1prod0000000000000000';

const everyCommand: AstroCommand[] = [
  { kind: 'version' },
  { kind: 'organization-list' },
  { kind: 'workspace-list' },
  { kind: 'deployment-list' },
  { kind: 'deployment-list', workspaceId: ws },
  { kind: 'deployment-inspect', deploymentId: dep, workspaceId: ws },
  { kind: 'variable-list', deploymentId: dep, workspaceId: ws },
  { kind: 'variable-update', deploymentId: dep, workspaceId: ws, envFile: '/tmp/airlock-astro-x/variables.env', secret: false },
  { kind: 'variable-create', deploymentId: dep, workspaceId: ws, envFile: '/tmp/airlock-astro-x/variables.env', secret: true },
];

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index === -1 ? undefined : argv[index + 1];
}

describe('toArgv', () => {
  it('asks every list and inspect command for JSON', () => {
    for (const command of everyCommand.filter((c) => ['organization-list', 'workspace-list', 'deployment-list', 'deployment-inspect'].includes(c.kind))) {
      expect(flagValue(toArgv(command), '--output'), command.kind).toBe('json');
    }
  });

  it('always passes the deployment id and workspace id to deployment-scoped commands, so no selection prompt can appear', () => {
    for (const command of everyCommand.filter((c) => c.kind.startsWith('variable-'))) {
      const argv = toArgv(command);
      expect(flagValue(argv, '--deployment-id'), command.kind).toBe(dep);
      expect(flagValue(argv, '--workspace-id'), command.kind).toBe(ws);
    }
    const inspect = toArgv({ kind: 'deployment-inspect', deploymentId: dep, workspaceId: ws });
    expect(inspect.slice(0, 3)).toEqual(['deployment', 'inspect', dep]);
    expect(flagValue(inspect, '--workspace-id')).toBe(ws);
  });

  it('sends variables only through --load --env <file>, never as KEY=VALUE arguments', () => {
    const argv = toArgv({ kind: 'variable-update', deploymentId: dep, workspaceId: ws, envFile: '/private/vars.env', secret: false });
    expect(argv.slice(0, 3)).toEqual(['deployment', 'variable', 'update']);
    expect(argv).toContain('--load');
    expect(flagValue(argv, '--env')).toBe('/private/vars.env');
    expect(argv.some((arg) => arg.includes('='))).toBe(false);
    expect(argv).not.toContain('--key');
    expect(argv).not.toContain('--value');
  });

  it('adds --secret only for a secret batch', () => {
    const base = { kind: 'variable-update', deploymentId: dep, workspaceId: ws, envFile: '/private/vars.env' } as const;
    expect(toArgv({ ...base, secret: true })).toContain('--secret');
    expect(toArgv({ ...base, secret: false })).not.toContain('--secret');
    // `-s` means --save on `list`: the runner must never use the short form.
    expect(toArgv({ ...base, secret: true })).not.toContain('-s');
  });

  it('uses create or update as asked', () => {
    const base = { deploymentId: dep, workspaceId: ws, envFile: '/private/vars.env', secret: false } as const;
    expect(toArgv({ kind: 'variable-create', ...base })[2]).toBe('create');
    expect(toArgv({ kind: 'variable-update', ...base })[2]).toBe('update');
  });

  it('refuses ids that could be read as flags or carry other syntax', () => {
    for (const bad of ['--all', '-d', '', 'a b', 'x=y', 'id\n', '../etc']) {
      expect(() => toArgv({ kind: 'deployment-inspect', deploymentId: bad, workspaceId: ws }), JSON.stringify(bad)).toThrow(AppError);
      expect(() => toArgv({ kind: 'variable-list', deploymentId: dep, workspaceId: bad }), JSON.stringify(bad)).toThrow(AppError);
    }
    expect(thrownBy(() => toArgv({ kind: 'deployment-inspect', deploymentId: '--all', workspaceId: ws }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a relative --env path (it would depend on the cwd and could look like a flag)', () => {
    expect(() => toArgv({ kind: 'variable-update', deploymentId: dep, workspaceId: ws, envFile: '-x', secret: false })).toThrow(AppError);
    expect(() => toArgv({ kind: 'variable-update', deploymentId: dep, workspaceId: ws, envFile: 'vars.env', secret: false })).toThrow(AppError);
  });
});

describe('the command allowlist', () => {
  it('knows exactly the command kinds toArgv can build', () => {
    expect(new Set(everyCommand.map((c) => c.kind))).toEqual(new Set(astroCommandKinds));
    expect(isAstroCommandKind('variable-update')).toBe(true);
    expect(isAstroCommandKind('deployment-delete')).toBe(false);
    expect(isAstroCommandKind('login')).toBe(false);
    expect(isAstroCommandKind(undefined)).toBe(false);
  });

  it('describes commands the way a user would type them', () => {
    expect(describeCommand({ kind: 'deployment-list', workspaceId: ws })).toBe(`astro deployment list --workspace-id ${ws} --output json`);
  });
});
