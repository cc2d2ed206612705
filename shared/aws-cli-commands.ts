/**
 * The `aws secretsmanager ...` command equivalent to each write Airlock makes, shown next to the
 * diff before the write. Secret values are never put in the command (they would end up in shell
 * history): `--secret-string` always shows a mask. Arguments are quoted for a POSIX shell.
 */
import { assertNever } from './assert';

export const MASKED_VALUE = '****';

export interface CliTag {
  readonly key: string;
  readonly value: string;
}

/** Where the command runs: a named AWS CLI profile, a region, a custom endpoint (the sandbox). */
export interface CliContext {
  readonly profile?: string | null;
  readonly region?: string | null;
  readonly endpointUrl?: string | null;
}

export type SecretsCliCommand =
  | { readonly op: 'create-secret'; readonly name: string; readonly description?: string | null; readonly tags?: readonly CliTag[] }
  | { readonly op: 'put-secret-value'; readonly secretId: string }
  | { readonly op: 'update-secret'; readonly secretId: string; readonly description: string }
  | { readonly op: 'tag-resource'; readonly secretId: string; readonly tags: readonly CliTag[] }
  | { readonly op: 'untag-resource'; readonly secretId: string; readonly tagKeys: readonly string[] }
  | { readonly op: 'delete-secret'; readonly secretId: string; readonly recoveryWindowDays?: number; readonly force?: boolean }
  | { readonly op: 'restore-secret'; readonly secretId: string }
  | {
      readonly op: 'update-secret-version-stage';
      readonly secretId: string;
      readonly stage: string;
      readonly moveToVersionId: string;
      readonly removeFromVersionId?: string | null;
    }
  | { readonly op: 'get-secret-value'; readonly secretId: string; readonly versionId?: string | null };

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell; plain words stay bare. */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE_ARG.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

function tagsJson(tags: readonly CliTag[]): string {
  return JSON.stringify(tags.map((tag) => ({ Key: tag.key, Value: tag.value })));
}

function argumentsOf(command: SecretsCliCommand): string[] {
  switch (command.op) {
    case 'create-secret': {
      const args = ['--name', command.name];
      if (command.description !== undefined && command.description !== null && command.description !== '') args.push('--description', command.description);
      args.push('--secret-string', MASKED_VALUE);
      if (command.tags !== undefined && command.tags.length > 0) args.push('--tags', tagsJson(command.tags));
      return args;
    }
    case 'put-secret-value':
      return ['--secret-id', command.secretId, '--secret-string', MASKED_VALUE];
    case 'update-secret':
      return ['--secret-id', command.secretId, '--description', command.description];
    case 'tag-resource':
      return ['--secret-id', command.secretId, '--tags', tagsJson(command.tags)];
    case 'untag-resource':
      return ['--secret-id', command.secretId, '--tag-keys', JSON.stringify(command.tagKeys)];
    case 'delete-secret':
      return command.force === true
        ? ['--secret-id', command.secretId, '--force-delete-without-recovery']
        : ['--secret-id', command.secretId, '--recovery-window-in-days', String(command.recoveryWindowDays ?? 30)];
    case 'restore-secret':
      return ['--secret-id', command.secretId];
    case 'update-secret-version-stage': {
      const args = ['--secret-id', command.secretId, '--version-stage', command.stage, '--move-to-version-id', command.moveToVersionId];
      if (command.removeFromVersionId !== undefined && command.removeFromVersionId !== null) args.push('--remove-from-version-id', command.removeFromVersionId);
      return args;
    }
    case 'get-secret-value':
      return command.versionId === undefined || command.versionId === null
        ? ['--secret-id', command.secretId]
        : ['--secret-id', command.secretId, '--version-id', command.versionId];
    default:
      return assertNever(command, 'Unknown CLI command');
  }
}

function contextArguments(context: CliContext): string[] {
  const args: string[] = [];
  if (context.profile !== undefined && context.profile !== null && context.profile !== '') args.push('--profile', context.profile);
  if (context.region !== undefined && context.region !== null && context.region !== '') args.push('--region', context.region);
  if (context.endpointUrl !== undefined && context.endpointUrl !== null && context.endpointUrl !== '') args.push('--endpoint-url', context.endpointUrl);
  return args;
}

/**
 * One command line, e.g.
 * `aws secretsmanager put-secret-value --secret-id airflow/variables/env --secret-string '****' --region eu-west-1`.
 * The value is always masked: to run a write yourself, replace `****` (or use `file://value.txt`).
 */
export function secretsCliCommand(command: SecretsCliCommand, context: CliContext = {}): string {
  return ['aws', 'secretsmanager', command.op, ...argumentsOf(command), ...contextArguments(context)].map((arg, index) => (index < 3 ? arg : shellQuote(arg))).join(' ');
}

/** Whether the command writes a secret value (shown as `****`, which a user running it must replace). */
export function carriesSecretValue(command: SecretsCliCommand): boolean {
  return command.op === 'create-secret' || command.op === 'put-secret-value';
}

/**
 * What to tell a user who wants to run the commands themselves about the masked value, or null
 * when no command carries one (a delete, a restore, a rollback needs nothing replaced).
 */
export function maskedValueNote(commands: readonly SecretsCliCommand[]): string | null {
  if (!commands.some(carriesSecretValue)) return null;
  return commands.some((command) => command.op === 'get-secret-value')
    ? `the value is never shown: replace ${MASKED_VALUE} with the SecretString that get-secret-value prints`
    : `the value is never shown: replace ${MASKED_VALUE} to run it yourself`;
}

/** Several commands, one per line, in the order Airlock runs them. */
export function secretsCliScript(commands: readonly SecretsCliCommand[], context: CliContext = {}): string {
  return commands.map((command) => secretsCliCommand(command, context)).join('\n');
}
