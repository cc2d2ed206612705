/**
 * Starts Airlock's browser mode as a real child process (`node dist-electron/serve.js`), with a
 * temporary HOME and AIRLOCK_HOME, and hands the spec the printed URL.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface AirlockProcess {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly home: string;
  readonly airlockHome: string;
  readonly output: () => string;
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  /** Prepare files in the temporary HOME before the app starts. */
  readonly prepareHome?: (home: string) => Promise<void>;
  /** Browser mode's options; by default a random port and no browser opened. */
  readonly args?: readonly string[];
}

/** `exit` ends the process and keeps its folders (to inspect what it wrote); `stop` also removes them. */
export async function startAirlock(options: StartOptions = {}): Promise<{ app: AirlockProcess; exit: () => Promise<void>; stop: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'airlock-e2e-'));
  const home = path.join(root, 'home');
  const airlockHome = path.join(root, 'airlock-home');
  await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(home), fs.mkdir(airlockHome)]));
  await options.prepareHome?.(home);
  const child: ChildProcess = spawn(process.execPath, ['dist-electron/serve.js', ...(options.args ?? ['--port', '0', '--no-open'])], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AIRLOCK_HOME: airlockHome,
      AWS_EC2_METADATA_DISABLED: 'true',
      CI: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Airlock did not print its URL:\n${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`Airlock exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  const app: AirlockProcess = {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    home,
    airlockHome,
    output: () => output,
  };
  const exit = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    app,
    exit,
    stop: async () => {
      await exit();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Fails the test on any CSP violation or uncaught page error. */
export function watchPageProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return () => problems;
}

export const test = base.extend<{ airlock: AirlockProcess }>({
  // Playwright requires the fixtures argument to be an object pattern, even when empty.
  // eslint-disable-next-line no-empty-pattern
  airlock: async ({}, use) => {
    const { app, stop } = await startAirlock();
    await use(app);
    await stop();
  },
});

export { expect };
