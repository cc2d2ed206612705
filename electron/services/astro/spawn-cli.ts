/**
 * Runs one CLI process safely and reports what happened, without interpreting it.
 *
 * - No shell, so nothing in argv is ever parsed by one.
 * - stdin is 'ignore' (/dev/null): the Astro CLI's prompts read stdin without a TTY check and
 *   block forever on an open pipe; at EOF they fail fast instead.
 * - Cancellation and the timeout kill the child (SIGTERM, then SIGKILL) and resolve only once it
 *   has exited, so no write can still be in flight when the caller hears "cancelled".
 * - `stopOnStdoutLine` stops the child as soon as a stdout line matches, the unfinished last line
 *   included: an interactive prompt prints no newline before it waits.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { assertNever } from '../../../shared/assert';

export type SpawnImpl = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export type OutputStream = 'stdout' | 'stderr';

export interface RunProcessOptions {
  readonly binaryPath: string;
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Each complete output line (without the newline), as the CLI printed it. */
  readonly onLine?: (line: string, stream: OutputStream) => void;
  readonly spawnImpl?: SpawnImpl;
  readonly maxOutputBytes?: number;
  /** How long to wait after SIGTERM before SIGKILL. */
  readonly killGraceMs?: number;
  /**
   * Checked on every stdout line as it arrives (and on the unfinished last line after each chunk);
   * `true` stops the child and gives the 'stopped-on-output' outcome.
   */
  readonly stopOnStdoutLine?: (line: string) => boolean;
}

export type ProcessOutcome =
  | { readonly kind: 'exited'; readonly exitCode: number | null; readonly signal: string | null; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'spawn-error'; readonly error: unknown }
  | { readonly kind: 'timeout'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'cancelled'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'stopped-on-output'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'output-too-large' };

type StopReason = 'timeout' | 'cancelled' | 'stopped-on-output' | 'output-too-large';

const defaultMaxOutputBytes = 32 * 1024 * 1024;
/** An unfinished line longer than this is not a prompt; not re-checking it keeps each chunk cheap. */
const maxWatchedPartialLine = 4096;

class LineSplitter {
  private pending = '';
  constructor(private readonly emit: (line: string) => void) {}
  /** The text after the last newline so far. */
  get partial(): string {
    return this.pending.replace(/\r$/, '');
  }
  push(chunk: string): void {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    for (const part of parts) this.emit(part.replace(/\r$/, ''));
  }
  flush(): void {
    if (this.pending !== '') this.emit(this.pending.replace(/\r$/, ''));
    this.pending = '';
  }
}

/** Never rejects: every way a run can end is a ProcessOutcome. */
export function runProcess(options: RunProcessOptions): Promise<ProcessOutcome> {
  if (options.signal?.aborted === true) return Promise.resolve({ kind: 'cancelled', stdout: '', stderr: '' });

  return new Promise<ProcessOutcome>((resolve) => {
    const spawnImpl = options.spawnImpl ?? nodeSpawn;
    let child: ChildProcess;
    try {
      child = spawnImpl(options.binaryPath, options.argv, {
        cwd: options.cwd,
        env: options.env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      resolve({ kind: 'spawn-error', error });
      return;
    }

    let stdout = '';
    let stderr = '';
    let bytes = 0;
    let settled = false;
    let stopping: StopReason | null = null;
    const maxBytes = options.maxOutputBytes ?? defaultMaxOutputBytes;
    const timers: NodeJS.Timeout[] = [];

    const finish = (outcome: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };

    const stop = (reason: StopReason) => {
      if (stopping !== null || settled) return;
      stopping = reason;
      child.kill('SIGTERM');
      const escalate = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, options.killGraceMs ?? 2000);
      timers.push(escalate);
    };

    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));

    const attach = (stream: NodeJS.ReadableStream | null, name: OutputStream) => {
      if (stream === null) return;
      stream.setEncoding('utf8');
      const watch = name === 'stdout' ? options.stopOnStdoutLine : undefined;
      const splitter = new LineSplitter((line) => {
        options.onLine?.(line, name);
        if (watch?.(line) === true) stop('stopped-on-output');
      });
      stream.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        if (bytes > maxBytes) {
          stop('output-too-large');
          return;
        }
        if (name === 'stdout') stdout += chunk;
        else stderr += chunk;
        splitter.push(chunk);
        const partial = splitter.partial;
        if (watch !== undefined && partial !== '' && partial.length <= maxWatchedPartialLine && watch(partial)) stop('stopped-on-output');
      });
      stream.on('end', () => splitter.flush());
    };
    attach(child.stdout, 'stdout');
    attach(child.stderr, 'stderr');

    const stoppedOutcome = (): ProcessOutcome | null => {
      switch (stopping) {
        case 'timeout':
          return { kind: 'timeout', stdout, stderr };
        case 'cancelled':
          return { kind: 'cancelled', stdout, stderr };
        case 'stopped-on-output':
          return { kind: 'stopped-on-output', stdout, stderr };
        case 'output-too-large':
          return { kind: 'output-too-large' };
        case null:
          return null;
        default:
          return assertNever(stopping);
      }
    };

    child.on('error', (error) => {
      // 'error' without a pid means the process never started (ENOENT, EACCES).
      if (child.pid === undefined) finish({ kind: 'spawn-error', error });
    });
    child.on('exit', (exitCode, signal) => {
      const stopped = stoppedOutcome();
      if (stopped !== null) {
        finish(stopped);
        return;
      }
      // Normally 'close' follows once the pipes drain; a grandchild holding them open must not
      // keep the caller waiting forever.
      const drain = setTimeout(() => finish({ kind: 'exited', exitCode, signal, stdout, stderr }), 2000);
      timers.push(drain);
    });
    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      finish(stoppedOutcome() ?? { kind: 'exited', exitCode, signal, stdout, stderr });
    });
  });
}
