import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Node by default; component tests opt into jsdom with a `@vitest-environment jsdom` docblock.
    environment: 'node',
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    // Never load the real electron module: it would try to download its binary.
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // So that the stand-in electron module (vi.mock('electron')) reaches electron-store too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
