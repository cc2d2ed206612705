// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'events', 'util'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.electron.json', './tsconfig.renderer.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': 'off',
      '@typescript-eslint/prefer-nullish-coalescing': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // shared/ is pure: the domain rules and the API contract run in both processes.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...nodeBuiltins, 'electron', 'react', 'react-dom', '@aws-sdk/*', 'conf', 'electron-store'], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or SDK imports.' }],
      }],
    },
  },
  {
    // Services are plain Node so that tests run without the Electron binary.
    files: ['electron/services/**/*.ts', 'electron/server.ts', 'electron/serve.ts', 'electron/dispatch.ts', 'electron/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'Only the Electron glue (electron/main.ts, ipc.ts, electron-settings-file.ts, security/*) and the preload may import electron.' },
          { name: 'electron-store', message: 'electron-store loads electron: services take the settings file as an interface (services/settings-store.ts); electron/electron-settings-file.ts opens it.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...nodeBuiltins, 'electron', '@aws-sdk/*', 'conf', 'electron-store'], message: 'The renderer talks only to the typed API client; it never touches Node, Electron or AWS.' }],
        // Blueprint deprecated <Popover>: under React 19 it mis-positions its content and warns in the console.
        paths: [{ name: '@blueprintjs/core', importNames: ['Popover'], message: 'Use <PopoverNext>, which Blueprint recommends under React 19.' }],
      }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
