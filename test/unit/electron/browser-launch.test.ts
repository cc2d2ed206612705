/**
 * Opening the browser in browser mode, with a stand-in `xdg-open` (a real child process that
 * records its command line, which is what other local users could read in /proc/<pid>/cmdline).
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchPageHtml, openBrowserWithLaunchCode, type LaunchCodeTicket } from '../../../electron/services/browser-launch';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'airlock-open-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fake xdg-open that writes its arguments, one per line, to `argv.txt` (then renames, so a reader never sees half a file). */
async function fakeOpener(): Promise<{ binDir: string; argvFile: string }> {
  const binDir = path.join(root, 'bin');
  await mkdir(binDir);
  const argvFile = path.join(root, 'argv.txt');
  const script = `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}.tmp' && mv '${argvFile}.tmp' '${argvFile}'\n`;
  await writeFile(path.join(binDir, 'xdg-open'), script);
  await chmod(path.join(binDir, 'xdg-open'), 0o755);
  return { binDir, argvFile };
}

/** Polls until `probe` answers a value, failing with `what` after the deadline. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, deadlineMs = 5_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const contentsOf = (file: string) => () => readFile(file, 'utf8').catch(() => undefined);
const goneFolder = (dir: string) => () => stat(dir).then(() => undefined, () => true);

function ticket(code: string): LaunchCodeTicket & { claim(): void } {
  const listeners: (() => void)[] = [];
  return {
    code,
    lifetimeMs: 120_000,
    onClaimed: (listener) => listeners.push(listener),
    claim: () => listeners.splice(0).forEach((listener) => listener()),
  };
}

describe('opening the browser on a private launch page', () => {
  it('issue 9 item 8: the opener\'s command line holds only a private file URL, never the launch code', async () => {
    const { binDir, argvFile } = await fakeOpener();
    const code = 'launch-code-that-must-not-be-on-argv-0123456789';
    const launch = ticket(code);
    const page = await openBrowserWithLaunchCode({
      appUrl: 'http://127.0.0.1:41877/',
      launch,
      platform: 'linux',
      env: { DISPLAY: ':0', PATH: binDir },
      parentDir: root,
    });
    expect(page).not.toBeNull();
    const argv = (await eventually(contentsOf(argvFile), 'xdg-open writing its command line')).trim().split('\n');
    expect(argv).toEqual([page?.fileUrl]);
    expect(argv.join(' ')).not.toContain(code);
    expect(argv.join(' ')).not.toContain('launch=');

    // Only this user can read the page: the file 0600, its own folder 0700.
    const file = fileURLToPath(argv[0] ?? '');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    const html = await readFile(file, 'utf8');
    expect(html).toContain(`http://127.0.0.1:41877/#launch=${code}`);
    expect(html).not.toContain('<script');

    // Claimed: the page is deleted with its folder.
    launch.claim();
    await eventually(goneFolder(path.dirname(file)), 'deleting the launch page after the claim');
  });

  it('writes nothing where no browser can be opened', async () => {
    const page = await openBrowserWithLaunchCode({ appUrl: 'http://127.0.0.1:1/', launch: ticket('c'), platform: 'linux', env: { CI: 'true', DISPLAY: ':0' }, parentDir: root });
    expect(page).toBeNull();
    expect(await readdir(root)).toEqual([]);
  });

  it('escapes the target in the page', () => {
    expect(launchPageHtml('http://127.0.0.1:1/#launch="><script>')).not.toContain('"><script>');
  });
});
