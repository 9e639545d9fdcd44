import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` (npm run test:unit): the pure cores and the tests next to the code, which
 * need no server: they run with PostgreSQL and Redis stopped. `integration`: the cross-module
 * tests of test/, against the real PostgreSQL and Redis, with the run's template database built
 * once by the global setup. `npm test` runs both.
 */
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '.data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'rota/**/*.test.ts',
            'ivr-flows/**/*.test.ts',
            'server/**/*.test.ts',
            'devtools/**/*.test.ts',
          ],
          // A unit test that reaches for the test servers fails here even where they run (CI),
          // not only on a machine without them: the test helpers point at a closed port.
          env: {
            TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:9/test',
            TEST_REDIS_URL: 'redis://127.0.0.1:9',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
