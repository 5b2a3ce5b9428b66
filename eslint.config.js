import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries of DESIGN.md, enforced here rather than by review: only src-main/app/ touches Electron,
 * src-shared/ runs anywhere (no Node, no DOM libraries), the renderer never sees Node or the main process.
 */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'drizzle-orm/better-sqlite3', 'ws', 'whatsapp-web.js', 'puppeteer', 'puppeteer-core'];
// Exact names, not patterns: a pattern like "events" would also match the project's own "./events" module.
const nodeOnlyPaths = (where) =>
  [...NODE_BUILTINS, ...NODE_ONLY_PACKAGES].map((name) => ({ name, message: `${where} must not use Node-only modules.` }));
const nodePrefixed = (where) => ({ group: ['node:*'], message: `${where} must not use Node built-ins.` });
const electron = (where) => ({
  group: ['electron', 'electron/*'],
  message: `Only src-main/app/ may import electron (${where} runs without it).`,
});
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'release/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': restrict([electron('this code')]),
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', exports: 'writable', require: 'readonly', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-main/app/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          electron('src-shared/'),
          nodePrefixed('src-shared/ (imported by the renderer too)'),
          {
            group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'react-i18next', '@mantine/*', '@tanstack/*', 'zustand', 'zustand/*'],
            message: 'src-shared/ must not depend on React or DOM libraries.',
          },
        ],
        nodeOnlyPaths('src-shared/ (imported by the renderer too)'),
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          electron('the renderer'),
          nodePrefixed('The renderer'),
          {
            regex: '(^|/)src-main(/|$)',
            message: 'The renderer must not import from src-main/; use the API client (src-shared contract) instead.',
          },
        ],
        nodeOnlyPaths('The renderer'),
      ),
    },
  },
);
