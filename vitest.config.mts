import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

const alias = {
  '@': root,
  // `server-only` throws outside a React Server environment; the verbs under test are server code.
  'server-only': path.join(root, 'test/server-only.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', 'e2e/**', '.next/**', '.data/**'],
          // Fast unit tests first, then the database-backed ones.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-db.ts'],
          testTimeout: 20_000,
          // Fixed test keys: personal data is encrypted in tests exactly as in production.
          env: {
            DATA_ENCRYPTION_KEY: 'YWZ0ZXJkZXNrLWludGVncmF0aW9uLXRlc3Qta2V5ISE=',
            AUTH_SECRET: 'test-secret-for-afterdesk-integration-tests',
          },
          hookTimeout: 60_000,
          // Two cores: more workers than that only adds PGlite start-up cost.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
