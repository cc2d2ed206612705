/**
 * Turns a failed `astro` run into one AppError with a sentence that says what to do.
 *
 * The CLI exits 1 for every error (2 for a Go panic) and prints `Error: <message>` on stderr, so
 * the message text is the only discriminator. Exit 1 from `variable update` can follow a write
 * that did happen (reference/astro-cli.md §1.2); that case becomes PARTIAL_FAILURE with the keys
 * the CLI reported as applied.
 */
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';
import type { AstroCommand } from './commands';
import { isWriteCommand } from './commands';
import { errorMessages, parseVariableCommandOutput, showsLoginPrompt } from './parse';
import { createRedactor, type Redactor } from './redact';

export const astroInstallHint = 'Install it from https://www.astronomer.io/docs/astro/cli/install-cli';

export interface AstroFailure {
  readonly command: AstroCommand;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Keys a write was asked to set, to report which were and were not applied. */
  readonly requestedKeys?: readonly string[];
  /** Masks secrets in any CLI text that ends up in the error. */
  readonly redact?: Redactor;
}

const sessionExpired = 'Your Astro CLI login has expired. Run `astro login` in a terminal (or set an Astro API token in Settings), then try again.';
const notLoggedIn = 'The Astro CLI is not logged in. Run `astro login` in a terminal (or set an Astro API token in Settings), then try again.';

interface Rule {
  readonly pattern: RegExp;
  readonly build: (failure: AstroFailure, cliMessage: string) => AppError;
}

const rules: readonly Rule[] = [
  {
    pattern: /API Token is expired/i,
    build: () => new AppError('NOT_LOGGED_IN', 'The Astro API token has expired. Create a new API token in Astro and enter it in Settings.', { details: { reason: 'token-expired' } }),
  },
  {
    pattern: /API Token is invalid or malformed|not a valid API token/i,
    build: () => new AppError('NOT_LOGGED_IN', 'The Astro API token is not valid. Copy the whole token from Astro again and enter it in Settings.', { details: { reason: 'token-invalid' } }),
  },
  {
    pattern: /no context set|have you authenticated|no token found|please run 'astro login'|status 401|unauthori[sz]ed/i,
    build: () => new AppError('NOT_LOGGED_IN', notLoggedIn, { details: { reason: 'not-logged-in' } }),
  },
  {
    pattern: /there was an error while creating or updating one or more of the environment variables/i,
    build: (failure) => partialFailure(failure),
  },
  {
    pattern: /status 403|forbidden|do(?:es)? not have (?:the )?(?:required )?permission/i,
    build: () => new AppError('ACCESS_DENIED', 'Your Astro user or API token is not allowed to do this. Ask a workspace admin for access, or use a token with more permissions.'),
  },
  {
    pattern: /Deployment specified was not found|invalid Deployment selected|No Deployment with the name/i,
    build: () =>
      new AppError('NOT_FOUND', 'Astro could not find this deployment in the selected workspace. It may have been deleted or moved, or your account cannot see it; refresh the deployment list and pick it again.'),
  },
  {
    pattern: /current workspace context not set|failed to find a valid workspace|workspace.*not found|invalid workspace/i,
    build: () => new AppError('NOT_FOUND', 'Astro could not find the workspace. Refresh the workspace list and pick the workspace again.'),
  },
  {
    pattern: /not yet supported on Airflow 3/i,
    build: () => new AppError('TOOL_MISSING', 'This Astro CLI version cannot change variables on Airflow 3 deployments. Update the Astro CLI (for example `brew upgrade astro`) and try again.'),
  },
  {
    pattern: /unknown (?:command|flag|shorthand flag)/i,
    build: () => new AppError('TOOL_MISSING', 'The installed Astro CLI does not support a command Airlock needs. Update the Astro CLI (for example `brew upgrade astro`) and try again.'),
  },
  {
    pattern: /status 429|too many requests|rate limit/i,
    build: () => new AppError('THROTTLED', 'Astro is rate-limiting requests. Wait a minute and try again.'),
  },
  {
    pattern: /dial tcp|no such host|connection refused|connection reset|i\/o timeout|TLS handshake|network is unreachable|context deadline exceeded/i,
    build: () => new AppError('ENDPOINT_UNREACHABLE', 'The Astro CLI could not reach Astro. Check your internet connection or proxy and try again.'),
  },
];

function partialFailure(failure: AstroFailure): AppError {
  return partialFailureError(failure.stdout, failure.requestedKeys ?? []);
}

/**
 * A write that applied some variables and not others. `stdout` is the CLI's output, whose
 * per-variable messages say which keys went in; `requestedKeys` are the keys that were sent.
 */
export function partialFailureError(stdout: string, requestedKeys: readonly string[]): AppError {
  const report = parseVariableCommandOutput(stdout);
  const applied = report.outcomes.filter((o) => o.outcome === 'added' || o.outcome === 'updated').map((o) => o.key);
  const notApplied = requestedKeys.filter((key) => !applied.includes(key));
  const rejected = report.outcomes.filter((o) => o.outcome !== 'added' && o.outcome !== 'updated');
  const total = requestedKeys.length > 0 ? requestedKeys.length : applied.length + rejected.length + report.unnamedRejections;
  const aftermath = report.writeReached
    ? 'The deployment was still updated and restarts; check its variables before trying again.'
    : 'Check the deployment\'s variables before trying again.';
  return new AppError('PARTIAL_FAILURE', `Astro applied ${applied.length} of ${plural(total, 'variable')}; the others were not changed (see the list). ${aftermath}`, {
    retryable: false,
    details: {
      appliedKeys: applied,
      notAppliedKeys: notApplied,
      outcomes: report.outcomes.map((o) => ({ key: o.key, outcome: o.outcome })),
      unnamedRejections: report.unnamedRejections,
      writeReached: report.writeReached,
    },
  });
}

function writeCaveat(command: AstroCommand): string {
  return isWriteCommand(command) ? ' Check the deployment\'s variables before trying again: the change may have been applied.' : '';
}

/** Classifies a run that exited non-zero (or printed a login prompt). */
export function classifyAstroFailure(failure: AstroFailure): AppError {
  // Without a redactor of known values, the shapes (key=value, URIs, tokens) are still masked.
  const redact = failure.redact ?? createRedactor();
  if (failure.exitCode === 2 || /^panic: /m.test(failure.stderr)) {
    return new AppError('INTERNAL', `The Astro CLI crashed.${writeCaveat(failure.command)} If it keeps happening, update the Astro CLI.`, {
      retryable: !isWriteCommand(failure.command),
      details: { exitCode: failure.exitCode },
    });
  }
  if (showsLoginPrompt(failure.stdout)) return sessionExpiredError();
  const messages = errorMessages(failure.stderr);
  const combined = messages.join('\n');
  for (const rule of rules) {
    if (rule.pattern.test(combined)) return rule.build(failure, combined);
  }
  if (failure.signal !== null) {
    return new AppError('INTERNAL', `The Astro CLI was stopped by the signal ${failure.signal}.${writeCaveat(failure.command)}`, {
      retryable: !isWriteCommand(failure.command),
    });
  }
  const first = messages[0];
  const cliText = first === undefined ? '' : redact(first).split('\n')[0]?.slice(0, 300) ?? '';
  const said = cliText === '' ? `failed (exit code ${String(failure.exitCode)}) without an error message` : `reported: "${cliText}"`;
  return new AppError('INTERNAL', `The Astro CLI ${said}.${writeCaveat(failure.command)}`, {
    retryable: !isWriteCommand(failure.command),
    details: { exitCode: failure.exitCode },
  });
}

/**
 * The CLI's session expired and could not be refreshed, so it started its interactive login flow
 * (reference/astro-cli.md §3.3). Nothing was sent to Astro: the flow runs before the command.
 */
export function sessionExpiredError(): AppError {
  return new AppError('NOT_LOGGED_IN', sessionExpired, { details: { reason: 'session-expired' } });
}

/** The errno code (ENOENT, EACCES, …) of a failed spawn, or '' when it has none. */
export function spawnErrorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** For a spawn that failed before the CLI ran (ENOENT, EACCES, …). */
export function spawnFailure(error: unknown, binaryPath: string): AppError {
  const code = spawnErrorCode(error);
  if (code === 'ENOENT') return new AppError('TOOL_MISSING', `The Astro CLI was not found at ${binaryPath}. ${astroInstallHint}, or set its location in Settings.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new AppError('TOOL_MISSING', `The Astro CLI at ${binaryPath} cannot be run (permission denied). Make it executable or reinstall it.`, { cause: error });
  return new AppError('INTERNAL', `The Astro CLI could not be started (${code || 'unknown error'}). Try again, or reinstall the Astro CLI.`, { cause: error });
}

export function timeoutError(command: AstroCommand, timeoutMs: number): AppError {
  const seconds = Math.round(timeoutMs / 1000);
  return new AppError(
    'ENDPOINT_UNREACHABLE',
    isWriteCommand(command)
      ? `The Astro CLI did not finish within ${seconds} seconds and was stopped. The change may or may not have been applied: reload the deployment before trying again.`
      : `The Astro CLI did not answer within ${seconds} seconds and was stopped. Check your connection to Astro and try again.`,
    { retryable: !isWriteCommand(command), details: { timedOut: true, timeoutMs } },
  );
}

export function cancelledError(command: AstroCommand): AppError {
  return new AppError(
    'CANCELLED',
    isWriteCommand(command)
      ? 'The deploy was cancelled. The Astro CLI may already have sent the change: reload the deployment to see its current variables.'
      : 'The Astro CLI call was cancelled.',
    { retryable: false },
  );
}

export function unexpectedOutputError(command: AstroCommand, problem: string): AppError {
  return new AppError(
    'INTERNAL',
    `Airlock could not read the Astro CLI's answer (${problem}). Your Astro CLI version may not be supported; update it and try again.`,
    { details: { command: command.kind } },
  );
}

export function toolMissingError(searched: string): AppError {
  return new AppError('TOOL_MISSING', `The Astro CLI (astro) was not found ${searched}. ${astroInstallHint}, or set its location in Settings.`);
}
