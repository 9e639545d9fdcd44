import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A run killed with SIGKILL (or a crash of node) leaves its embedded PostgreSQL running, orphaned,
 * holding `postmaster.pid`: the next start's server refuses the data folder. Before starting, this
 * looks at that file: a postmaster of this folder whose parent is gone is stopped (fast shutdown);
 * a file naming a dead process, or a process that is no postgres of this folder, is removed; a
 * postmaster still run by a live node process (another `npm start` on the same DATA_DIR) is left
 * alone and the start fails saying so.
 */
export async function clearStalePostmaster(
  databaseDir: string,
  log: (message: string) => void,
): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const valid = Number.isInteger(pid) && pid > 0;
  const running = valid && isAlive(pid) ? processOf(pid) : null;
  // Alive but unidentifiable (no `ps`): removing the file could start a second server on the
  // same data, the one thing PostgreSQL's lock file exists to prevent.
  if (running === 'unknown')
    throw new Error(
      `${pidFile} names process ${pid}, still running: if it is PostgreSQL, stop it (kill -INT ${pid}); if not, remove the file; then start again`,
    );
  if (!running || !isPostmasterOf(running.args, databaseDir)) {
    log(`removing a stale ${pidFile} (process ${pid} is gone)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = running.ppid > 1 ? processOf(running.ppid) : null;
  if (parent && parent !== 'unknown' && /\bnode\b/.test(parent.args))
    throw new Error(
      `the embedded PostgreSQL of ${databaseDir} (pid ${pid}) is in use by process ${running.ppid} ` +
        `(another npm start?): stop that one first, or give this one another DATA_DIR`,
    );
  log(`stopping the embedded PostgreSQL left running by a killed run (pid ${pid})`);
  // SIGINT is PostgreSQL's fast shutdown: clients disconnected, data flushed, no recovery needed.
  if (await signalAndWait(pid, 'SIGINT', 15_000)) return;
  if (await signalAndWait(pid, 'SIGQUIT', 5_000)) return;
  throw new Error(
    `the embedded PostgreSQL left running (pid ${pid}) does not stop: kill -9 ${pid}, then start again`,
  );
}

interface RunningProcess {
  ppid: number;
  args: string;
}

/** Signal 0: is there such a process (EPERM: yes, someone else's)? */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parent and command line of a process; null when there is none; 'unknown' without `ps`. */
function processOf(pid: number): RunningProcess | null | 'unknown' {
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(out);
    return match ? { ppid: Number(match[1]), args: match[2]! } : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'unknown';
    return null; // ps exits 1 when there is no such process
  }
}

const isPostmasterOf = (args: string, databaseDir: string) =>
  /postgres/.test(args) && args.includes(`-D ${databaseDir}`);

async function signalAndWait(pid: number, signal: NodeJS.Signals, ms: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true; // already gone
  }
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (isGone(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Exited: no such process, or a zombie its (non-reaping) new parent never collected. */
function isGone(pid: number): boolean {
  const running = processOf(pid);
  if (running === 'unknown') return !isAlive(pid);
  return running === null || /<defunct>/.test(running.args);
}
