import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../db/embedded.js';

/**
 * `kill -9` of a run on the embedded default leaves its PostgreSQL running, orphaned, holding the
 * data folder: the next start must stop it and come up, not fail with no reason. A PostgreSQL
 * still run by a live process is not taken from it: the start says who holds it.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'gardeline-stale-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  // A failed run must not leave its PostgreSQL behind either.
  try {
    process.kill(postmasterPid(), 'SIGINT');
  } catch {
    // stopped already
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** A node process that starts the embedded PostgreSQL on `dataDir` and stays up. */
async function runHolding(): Promise<ChildProcess> {
  const script = `
    const { startEmbeddedPostgres } = await import('./db/embedded.ts');
    await startEmbeddedPostgres(${JSON.stringify(dataDir)});
    console.log('up');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('up') && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`holder exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

const postmasterPid = () =>
  Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
/** A running process (an exited one its parent has not collected yet does not count). */
const alive = (pid: number) => {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    return !state.trim().startsWith('Z');
  } catch {
    return false;
  }
};

describe('the embedded default after a killed run', () => {
  it('refuses a PostgreSQL still in use, then stops the one a kill -9 left behind and starts', async () => {
    const holder = await runHolding();
    const orphan = postmasterPid();

    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(
      new RegExp(`in use by process ${holder.pid}`),
    );
    expect(alive(orphan)).toBe(true);

    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    // What the issue saw: the server outlives the node process that started it.
    expect(alive(orphan)).toBe(true);

    const messages: string[] = [];
    const db = await startEmbeddedPostgres(dataDir, undefined, (m) => messages.push(m));
    try {
      expect(messages.join('\n')).toMatch(/left running by a killed run/);
      expect(alive(orphan)).toBe(false);
      const sql = postgres(db.url, { max: 1, onnotice: () => {} });
      expect((await sql`select 1 as one`)[0]!.one).toBe(1);
      await sql.end();
    } finally {
      await db.stop();
    }
  }, 150_000);
});
