/**
 * runProcess's stop-on-output against a real child process: a prompt that waits for input prints
 * no newline, so the unfinished last line must be watched too.
 */
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../electron/services/astro/spawn-cli';

/** A child that prints `text` and then waits far longer than any test (a prompt waiting for a browser). */
function promptingChild(text: string) {
  const script = `process.stdout.write(${JSON.stringify(text)}); setTimeout(() => undefined, 300000);`;
  return { binaryPath: process.execPath, argv: ['-e', script], env: { PATH: process.env.PATH }, cwd: process.cwd() };
}

describe('runProcess stopOnStdoutLine', () => {
  it('issue 9 item 14: stops the child on a prompt that has no newline yet, well before the timeout', async () => {
    const seen: string[] = [];
    const outcome = await runProcess({
      ...promptingChild('Welcome\nPress Enter to open the browser to log in or ^C to quit…'),
      // The test's own limit is 20 s: a 'timeout' outcome would mean the prompt went unnoticed.
      timeoutMs: 15_000,
      stopOnStdoutLine: (line) => {
        seen.push(line);
        return line.startsWith('Press Enter');
      },
    });
    expect(outcome).toEqual({ kind: 'stopped-on-output', stdout: 'Welcome\nPress Enter to open the browser to log in or ^C to quit…', stderr: '' });
    expect(seen).toContain('Welcome');
  });

  it('leaves a child alone whose output never matches', async () => {
    const outcome = await runProcess({
      binaryPath: process.execPath,
      argv: ['-e', 'process.stdout.write("Astro CLI Version: 1.45.0\\n")'],
      env: { PATH: process.env.PATH },
      cwd: process.cwd(),
      timeoutMs: 15_000,
      stopOnStdoutLine: (line) => line.startsWith('Press Enter'),
    });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0, stdout: 'Astro CLI Version: 1.45.0\n' });
  });
});
