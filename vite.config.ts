import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files that both the Electron window (app:// protocol) and
// browser mode (the local HTTP server) serve. `base: './'` keeps every URL relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Inline scripts and styles are forbidden by the CSP; never turn assets into data: URLs for JS.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
