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
  const running = Number.isInteger(pid) && pid > 0 ? processOf(pid) : null;
  if (!running || !isPostmasterOf(running.args, databaseDir)) {
    log(`removing a stale ${pidFile} (process ${pid} is gone)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = running.ppid > 1 ? processOf(running.ppid) : null;
  if (parent && /\bnode\b/.test(parent.args))
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

function processOf(pid: number): RunningProcess | null {
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(out);
    return match ? { ppid: Number(match[1]), args: match[2]! } : null;
  } catch {
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
    if (!processOf(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
