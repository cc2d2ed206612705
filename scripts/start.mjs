// `npm start`: build, then launch the Electron app. When the Electron binary is missing or
// cannot start (no display, not downloadable), say why in one line and start browser mode.
// `npm run serve -- [--port N] [--no-open]` (this script with --browser) starts browser mode directly.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const READY_MARKER = 'AIRLOCK_WINDOW_READY';
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const serveArgs = args.filter((arg) => arg !== '--browser');

await run(process.execPath, ['scripts/build.mjs', '--quiet']);

if (browserOnly) {
  await serve();
} else {
  const failure = await tryElectron();
  if (failure !== null) {
    console.log(`Electron could not start (${failure}); starting Airlock in browser mode instead.`);
    await serve();
  }
}

function run(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${commandArgs.join(' ')} exited with ${code}`))));
  });
}

function serve() {
  const child = spawn(process.execPath, ['dist-electron/serve.js', ...serveArgs], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => {
    process.exitCode = code ?? 0;
    resolve();
  }));
}

/** Resolves null once the Electron window has opened and later closed, or a reason it could not open. */
async function tryElectron() {
  let cli;
  try {
    cli = createRequire(import.meta.url).resolve('electron/cli.js');
  } catch {
    return 'the electron package is not installed';
  }
  return new Promise((resolve) => {
    // electron/cli.js downloads the binary on first use where the network allows it.
    const child = spawn(process.execPath, [cli, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ready = false;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      if (text.includes(READY_MARKER)) ready = true;
      process.stdout.write(text.replace(`${READY_MARKER}\n`, ''));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
      if (ready) process.stderr.write(chunk);
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code) => {
      if (ready) {
        process.exitCode = code ?? 0;
        resolve(null);
      } else {
        resolve(explain(stderr, code));
      }
    });
  });
}

function explain(stderr, code) {
  if (/failed to install correctly|fetch failed|ENOTFOUND|getaddrinfo|Downloading Electron/i.test(stderr)) {
    return 'the Electron binary is not installed and could not be downloaded';
  }
  if (/Missing X server|\$DISPLAY|cannot open display/i.test(stderr)) return 'no display is available';
  if (/running as root without --no-sandbox/i.test(stderr)) return 'Electron refuses to run as root with its sandbox on';
  const last = stderr.trim().split('\n').filter(Boolean).pop();
  return last !== undefined ? last.slice(0, 160) : `electron exited with code ${code}`;
}
