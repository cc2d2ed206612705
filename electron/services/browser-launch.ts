/**
 * Opening the user's browser on the browser-mode page, only where a browser can be opened.
 *
 * The real token never goes on a command line (argv is visible to every local user, and a
 * browser started this way keeps the URL in its own argv). The browser gets a one-time launch
 * code instead, which the page exchanges once for the token.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface OpenCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** The command that opens a URL on this platform, or null when no browser can be opened. */
export function browserOpenCommand(url: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): OpenCommand | null {
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') return null;
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [url] };
    case 'win32':
      return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
    default: {
      const hasDisplay = (env.DISPLAY ?? '') !== '' || (env.WAYLAND_DISPLAY ?? '') !== '';
      const xdgOpen = findOnPath('xdg-open', env.PATH ?? '');
      return hasDisplay && xdgOpen !== null ? { command: xdgOpen, args: [url] } : null;
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
