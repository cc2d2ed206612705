/**
 * Browser mode entry point: `npm run serve -- [--port N] [--no-open]`.
 *
 * Serves the built renderer and the API on 127.0.0.1 and prints exactly one line with the URL
 * (including the per-launch token in the fragment). Nothing else here logs the token.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAirlock } from './airlock';
import { startBrowserServer } from './server';
import { defaultDataDir } from './services/app-paths';
import { browserOpenCommand, openInBrowser } from './services/browser-launch';
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
  });
  // The one line a user (or a test) reads to reach the app. stdout, not the logger.
  process.stdout.write(`Airlock is running in browser mode at ${server.url}#token=${server.token}\n`);

  if (args.open) {
    const opener = browserOpenCommand(`${server.url}#launch=${server.issueLaunchCode()}`, process.platform, process.env);
    if (opener !== null) openInBrowser(opener);
  }

  const shutdown = () => {
    void Promise.allSettled([server.close(), airlock.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((error: unknown) => {
  process.stderr.write(`airlock serve: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
