// Layers enforced by lint, not by hope: the renderer never reaches Node, Electron or the database;
// only electron/main and electron/preload may import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'http', 'net', 'url', 'util', 'stream', 'zlib', 'module'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist-*/**', 'release/**', '.tsbuild/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'The renderer talks to the core only through the contract.' },
            { group: ['better-sqlite3*', 'kysely', 'kysely/*'], message: 'No database in the renderer: call the contract.' },
            { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'The renderer may import shared/ only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node built-ins.' },
            { group: ['electron', 'electron/*', 'better-sqlite3*', 'kysely', '**/electron/**'], message: 'shared/ is pure: contract, code tables, domain rules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron': the core runs in tests and the CLI." }] },
      ],
      // Every connection is opened by db/open.ts, which sets the key and the pragmas (temp_store …).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'better-sqlite3-multiple-ciphers', allowTypeImports: true, message: 'Open databases with openSqlite (electron/core/db/open.ts): it sets the key and temp_store = MEMORY.' }] },
      ],
    },
  },
  {
    files: ['electron/core/db/open.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
