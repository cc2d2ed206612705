// Retakes the README's pictures: builds, then runs test/e2e/readme-screenshots.spec.ts with
// AIRLOCK_SCREENSHOTS_DIR set, which is the only way that spec writes anything. The pictures go
// to docs/screenshots/, or to the folder given with --out (to look at them before replacing).
//   npm run screenshots
//   npm run screenshots -- --out /tmp/airlock-shots
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex === -1 ? 'docs/screenshots' : (process.argv[outIndex + 1] ?? ''));
if (outIndex !== -1 && process.argv[outIndex + 1] === undefined) {
  console.error('--out needs a folder');
  process.exit(2);
}

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, ['scripts/build.mjs', '--quiet']);
run('npx', ['playwright', 'test', 'test/e2e/readme-screenshots.spec.ts'], { AIRLOCK_SCREENSHOTS_DIR: out });
console.log(`README screenshots written to ${out}`);
