import type { TestProject } from 'vitest/node';
import { createTemplateDatabase, dropTemplateDatabase } from './support/template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** Builds the run's migrated template database once; each test file clones it (support/db.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = await createTemplateDatabase();
  project.provide('templateDatabase', name);
  return () => dropTemplateDatabase(name);
}
