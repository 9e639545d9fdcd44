import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What a running `npm start` tells the terminal phone: where its emulator listens, whatever
 * EMULATOR_PORT it was given. One file in its DATA_DIR, removed when it stops.
 */
const runningService = z.object({
  pid: z.number().int(),
  url: z.string().url(),
  emulatorUrl: z.string().url(),
});
export type RunningService = z.infer<typeof runningService>;

const fileIn = (dataDir: string) => join(dataDir, 'running-service.json');

export function announceRunningService(dataDir: string, service: RunningService): () => void {
  const file = fileIn(dataDir);
  writeFileSync(file, JSON.stringify(service));
  return () => rmSync(file, { force: true });
}

/** The service started from this DATA_DIR, if its process still lives. */
export function findRunningService(dataDir: string): RunningService | null {
  try {
    const found = runningService.parse(JSON.parse(readFileSync(fileIn(dataDir), 'utf8')));
    process.kill(found.pid, 0);
    return found;
  } catch {
    return null;
  }
}
