/**
 * The only `astro` invocations Airlock can make, as data, and their argv.
 *
 * Why a closed union: the runner accepts nothing but these, so no caller can smuggle a flag, a
 * `KEY=VALUE` positional (which would put a value in the process list) or an interactive command
 * onto the command line. Ids are always passed explicitly because the CLI otherwise falls back to
 * interactive selection prompts that read stdin.
 */
import { AppError } from '../../../shared/errors';
import { assertNever } from '../../../shared/assert';

export type AstroCommand =
  | { readonly kind: 'version' }
  | { readonly kind: 'organization-list' }
  | { readonly kind: 'workspace-list' }
  /** Without a workspace id the CLI uses the context's current workspace. */
  | { readonly kind: 'deployment-list'; readonly workspaceId?: string }
  | { readonly kind: 'deployment-inspect'; readonly deploymentId: string; readonly workspaceId: string }
  | { readonly kind: 'variable-list'; readonly deploymentId: string; readonly workspaceId: string }
  | {
      readonly kind: 'variable-update' | 'variable-create';
      readonly deploymentId: string;
      readonly workspaceId: string;
      /** Absolute path of the private `--load` file; the values live only in that file. */
      readonly envFile: string;
      readonly secret: boolean;
    };

export type AstroCommandKind = AstroCommand['kind'];

export const astroCommandKinds: readonly AstroCommandKind[] = [
  'version',
  'organization-list',
  'workspace-list',
  'deployment-list',
  'deployment-inspect',
  'variable-list',
  'variable-update',
  'variable-create',
];

export function isAstroCommandKind(value: unknown): value is AstroCommandKind {
  return typeof value === 'string' && (astroCommandKinds as readonly string[]).includes(value);
}

/** Commands that change a deployment (and restart it). */
export function isWriteCommand(command: AstroCommand): boolean {
  return command.kind === 'variable-update' || command.kind === 'variable-create';
}

// Astro ids are cuids; this is looser than that but never lets an id start with `-` (a flag) or
// carry whitespace, `=` or path characters.
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isValidAstroId(value: string): boolean {
  return idPattern.test(value);
}

/** Throws INVALID_INPUT unless `value` is a well-formed Astro id; `label` names it in the message. */
export function assertAstroId(label: string, value: string): string {
  if (!isValidAstroId(value)) {
    throw new AppError('INVALID_INPUT', `The ${label} is not a valid Astro id. Copy it from the Astro UI or pick it from the list again.`);
  }
  return value;
}

function checkEnvFile(path: string): string {
  // Only the runner's own temp file is passed here; an absolute path also cannot be read as a flag.
  if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) {
    throw new AppError('INTERNAL', 'The variables file for the Astro CLI must be an absolute path. This is a bug in Airlock.');
  }
  return path;
}

/** Turns a command into argv (without the binary). Throws INVALID_INPUT for malformed ids. */
export function toArgv(command: AstroCommand): string[] {
  switch (command.kind) {
    case 'version':
      return ['version'];
    case 'organization-list':
      return ['organization', 'list', '--output', 'json'];
    case 'workspace-list':
      return ['workspace', 'list', '--output', 'json'];
    case 'deployment-list':
      return command.workspaceId === undefined
        ? ['deployment', 'list', '--output', 'json']
        : ['deployment', 'list', '--workspace-id', assertAstroId('workspace id', command.workspaceId), '--output', 'json'];
    case 'deployment-inspect':
      // inspect takes the id positionally (it has no --deployment-id flag); checkId keeps it from
      // ever looking like a flag.
      return [
        'deployment',
        'inspect',
        assertAstroId('deployment id', command.deploymentId),
        '--workspace-id',
        assertAstroId('workspace id', command.workspaceId),
        '--output',
        'json',
        // Without it the CLI leaves workload_identity out; the access check needs it (issue 14 item 1).
        '--show-workload-identity',
      ];
    case 'variable-list':
      return [
        'deployment',
        'variable',
        'list',
        '--deployment-id',
        assertAstroId('deployment id', command.deploymentId),
        '--workspace-id',
        assertAstroId('workspace id', command.workspaceId),
      ];
    case 'variable-update':
    case 'variable-create': {
      const argv = [
        'deployment',
        'variable',
        command.kind === 'variable-update' ? 'update' : 'create',
        '--deployment-id',
        assertAstroId('deployment id', command.deploymentId),
        '--workspace-id',
        assertAstroId('workspace id', command.workspaceId),
        '--load',
        '--env',
        checkEnvFile(command.envFile),
      ];
      if (command.secret) argv.push('--secret');
      return argv;
    }
    default:
      return assertNever(command, 'Unknown astro command');
  }
}

/** The command as a user would type it, for "equivalent command" previews. Never holds values. */
export function describeCommand(command: AstroCommand): string {
  return ['astro', ...toArgv(command)].join(' ');
}
