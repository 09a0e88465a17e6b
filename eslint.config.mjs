import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'bench/floor/.next/**',
    '.data/**',
    'node_modules/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
    'db/migrations/**',
  ]),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The layers (DESIGN.md): pages, routes and components reach the database only through a lib
    // verb, which authorises, validates and audits. Tests are harnesses and may set data up directly.
    files: ['app/**', 'components/**', 'proxy.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db', '@/db/*'],
              message: 'Pages, routes and components reach the database through a verb in lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    // lib/ is the domain: it never depends on the UI or the routes built on it.
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app', '@/app/*', '@/components', '@/components/*'],
              message: 'lib/ must not import app/ or components/; move the shared code into lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    // CLI scripts and test harnesses talk to a terminal.
    files: ['scripts/**', 'bench/**', 'e2e/**', '**/*.test.ts', 'vitest.*.mts', 'playwright.config.ts'],
    rules: { 'no-console': 'off' },
  },
]);
