/**
 * Browser mode entry point: `npm run serve -- [--port N] [--no-open]`.
 *
 * Serves the built renderer and the API on 127.0.0.1 and prints one line with the URL (including
 * the per-launch token in the fragment) to the user's own terminal, which other users cannot
 * read. Nothing else here prints or logs the token, and nothing puts it (or a launch code) on a
 * command line: the browser is opened on a private launch page (services/browser-launch.ts).
 * If a used launch code is claimed again, the token is replaced and the new address printed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAirlock } from './airlock';
import { startBrowserServer } from './server';
import { defaultDataDir } from './services/app-paths';
import { openBrowserWithLaunchCode, type LaunchPage } from './services/browser-launch';
import { createLogger } from './services/log';
import { parseServeArgs } from './serve-args';

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`airlock serve: ${args.error}\nusage: npm run serve -- [--port N] [--no-open]\n`);
    process.exit(2);
  }
  const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const version = (JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const log = createLogger({ level: process.env.AIRLOCK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const airlock = createAirlock({ mode: 'browser', version, dataDir: defaultDataDir(), log });
  const server = await startBrowserServer({
    handlers: airlock.handlers,
    events: airlock.events,
    log,
    staticDir: path.join(appRoot, 'dist', 'renderer'),
    port: args.port,
    onTokenReplaced: (token) => {
      // stdout, the user's own terminal: the only place the new token is shown.
      process.stdout.write(
        'Airlock: the one-time launch code was used a second time, so another program on this computer may have tried to open your Airlock session.\n' +
          'Airlock ended that session for safety. Continue at this new address (the old one no longer works):\n' +
          `Airlock is running in browser mode at ${server.url}#token=${token}\n`,
      );
    },
  });
  // The one line a user (or a test) reads to reach the app. stdout, not the logger.
  process.stdout.write(`Airlock is running in browser mode at ${server.url}#token=${server.token}\n`);

  let launchPage: LaunchPage | null = null;
  if (args.open) {
    launchPage = await openBrowserWithLaunchCode({ appUrl: server.url, launch: server.issueLaunchCode(), platform: process.platform, env: process.env }).catch((error: unknown) => {
      log.warn('Could not open a browser; open the address above yourself', { message: error instanceof Error ? error.message : String(error) });
      return null;
    });
  }

  const shutdown = () => {
    void Promise.allSettled([server.close(), airlock.close(), launchPage?.remove()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((error: unknown) => {
  process.stderr.write(`airlock serve: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
