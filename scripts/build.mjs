// Builds the renderer (Vite) and the main-process entry points (esbuild) into dist/ and
// dist-electron/. Type checking is separate (`npm run typecheck`), so a build takes seconds.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';

const quiet = process.argv.includes('--quiet');

await rm('dist-electron', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
};

await Promise.all([
  // Main process, browser mode and the sandbox CLI: ESM, with npm packages left as imports.
  esbuild({
    ...common,
    entryPoints: { main: 'electron/main.ts', serve: 'electron/serve.ts' },
    outdir: 'dist-electron',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.js' },
  }),
  // The sandboxed preload may only require 'electron': bundle everything else into one CJS file.
  esbuild({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist-electron',
    format: 'cjs',
    external: ['electron'],
    outExtension: { '.js': '.cjs' },
  }),
]);
if (!quiet) console.log('built dist/renderer and dist-electron');
