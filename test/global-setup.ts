import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { leaksIn } from './privacy/run-logs.js';
import { createTemplateDatabase, dropTemplateDatabase } from './support/template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    logDirectory: string;
  }
}

/**
 * Builds the run's migrated template database once; each test file clones it (support/db.ts).
 * Every test app logs (debug level) into the run's log directory; at the end the run fails if
 * any line holds a phone number or a token (a teardown error alone would not fail the run).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = await createTemplateDatabase();
  project.provide('templateDatabase', name);
  const logs = await mkdtemp(join(tmpdir(), 'gardeline-test-logs-'));
  project.provide('logDirectory', logs);
  return async () => {
    await dropTemplateDatabase(name);
    const leaks = await leaksIn(logs);
    if (leaks.length > 0) {
      console.error(`Personal data in the test run's logs (${logs}):\n${leaks.join('\n')}`);
      process.exitCode = 1;
    } else if (process.env.KEEP_TEST_LOGS) console.info(`test logs kept in ${logs}`);
    else await rm(logs, { recursive: true, force: true });
  };
}
