/**
 * Opening the user's browser on the browser-mode page, only where a browser can be opened.
 *
 * Nothing secret goes on a command line: every local user can read `/proc/<pid>/cmdline`, of the
 * opener and of the browser it starts, which keeps the URL in its own argv. So the opener gets
 * the file:// URL of a launch page instead: a file only this user can read (0600, in a 0700
 * folder made for it), which sends the browser on to the app with a single-use launch code in
 * the URL fragment. The page exchanges the code once for the token; the file is deleted as soon
 * as the code is claimed, and when the code expires.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What browser-launch needs of a launch code (electron/services/browser-session.ts issues them). */
export interface LaunchCodeTicket {
  readonly code: string;
  readonly lifetimeMs: number;
  onClaimed(listener: () => void): void;
}

export interface LaunchPage {
  readonly file: string;
  readonly fileUrl: string;
  /** Deletes the page and its folder; safe to call more than once. */
  remove(): Promise<void>;
}

export const LAUNCH_FOLDER_PREFIX = 'airlock-launch-';
const LAUNCH_FILE_NAME = 'open-airlock.html';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The launch page: no script (a meta refresh), no referrer, and a link for browsers that ask first. */
export function launchPageHtml(target: string): string {
  const href = escapeHtml(target);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Opening Airlock</title></head>',
    `<body><p>Opening Airlock\u2026 If nothing happens, <a href="${href}">open Airlock</a>.</p></body></html>`,
    '',
  ].join('\n');
}

/**
 * Writes the launch page for `target` into a fresh private folder. mkdtemp creates the folder
 * with mode 0700 and a name nobody could prepare beforehand; the file is created 0600 and must
 * not exist yet.
 */
export async function writeLaunchPage(target: string, parentDir: string = os.tmpdir()): Promise<LaunchPage> {
  const folder = await mkdtemp(path.join(parentDir, LAUNCH_FOLDER_PREFIX));
  const file = path.join(folder, LAUNCH_FILE_NAME);
  let removed: Promise<void> | undefined;
  const remove = (): Promise<void> => (removed ??= rm(folder, { recursive: true, force: true }));
  try {
    await writeFile(file, launchPageHtml(target), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await remove();
    throw error;
  }
  return { file, fileUrl: pathToFileURL(file).href, remove };
}

/**
 * Opens the browser on a launch page for `appUrl` + the code, when a browser can be opened here.
 * Returns the page (the caller deletes it on shutdown too), or null when no browser was started.
 */
export async function openBrowserWithLaunchCode(input: {
  readonly appUrl: string;
  readonly launch: LaunchCodeTicket;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly parentDir?: string;
}): Promise<LaunchPage | null> {
  const opener = findBrowserOpener(input.platform, input.env);
  if (opener === null) return null;
  const page = await writeLaunchPage(`${input.appUrl}#launch=${input.launch.code}`, input.parentDir);
  input.launch.onClaimed(() => void page.remove());
  setTimeout(() => void page.remove(), input.launch.lifetimeMs).unref();
  openInBrowser({ command: opener.command, args: [...opener.args, page.fileUrl] });
  return page;
}

export interface OpenCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** The program that opens a URL on this platform, with the arguments before the URL; null when no browser can be opened. */
export function findBrowserOpener(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): OpenCommand | null {
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') return null;
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [] };
    case 'win32':
      return { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
    default: {
      const hasDisplay = (env.DISPLAY ?? '') !== '' || (env.WAYLAND_DISPLAY ?? '') !== '';
      const xdgOpen = findOnPath('xdg-open', env.PATH ?? '');
      return hasDisplay && xdgOpen !== null ? { command: xdgOpen, args: [] } : null;
    }
  }
}

export function findOnPath(binary: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** Starts the opener detached; any failure is ignored (the printed URL still works). */
export function openInBrowser(command: OpenCommand): void {
  try {
    const child = spawn(command.command, [...command.args], { detached: true, stdio: 'ignore', shell: false });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser: the user opens the printed URL by hand.
  }
}
