import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** One `npm start` process of the cluster (or the `npm run worker` one). */
export interface ClusterProcess {
  name: string;
  /** The port it listens on (kept across restarts: nginx names it); 0 for the worker. */
  port: number;
  /** `127.0.0.1:port`, as nginx's log names it. */
  address: string;
  running(): boolean;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and waits until it serves. */
  restart(): Promise<void>;
  /** Its last output lines (warnings and errors, an unexpected exit), for a failing test's message. */
  output(): string;
}

const entry = new URL('./cluster-entry.ts', import.meta.url).pathname;

/** A child process running cluster-entry.ts as `role`; started by `restart()`. */
export function processOf(
  name: string,
  role: 'web' | 'worker',
  port: number,
  env: Record<string, string>,
): ClusterProcess {
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  const stopping = new WeakMap<ChildProcess, () => void>();
  const ready = role === 'web' ? /gardeline is up on/ : /workers started/;
  return {
    name,
    port,
    address: `127.0.0.1:${port}`,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async kill(signal = 'SIGTERM') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const running = child;
      const timer = signal === 'SIGKILL' ? null : setTimeout(() => running.kill('SIGKILL'), 12_000);
      stopping.get(running)?.();
      running.kill(signal);
      await exited;
      if (timer) clearTimeout(timer);
    },
    async restart() {
      await this.kill('SIGKILL');
      const started = spawn(process.execPath, ['--import', 'tsx', entry, role], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let asked = false;
      exited = new Promise((resolve) =>
        started.once('exit', (code, signal) => {
          // A process that dies on its own (a crash) says so in the output a test shows.
          if (!asked) keep(`${name} exited unexpectedly (${code ?? signal})`);
          resolve();
        }),
      );
      stopping.set(started, () => (asked = true));
      const out = createInterface({ input: started.stdout! });
      const err = createInterface({ input: started.stderr! });
      err.on('line', keep);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name} did not start within 30 s:\n${lines.join('\n')}`)),
          30_000,
        );
        out.on('line', (line) => {
          keep(line);
          if (ready.test(line)) {
            clearTimeout(timer);
            resolve();
          }
        });
        started.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(
            new Error(`${name} exited (${code ?? signal}) while starting:\n${lines.join('\n')}`),
          );
        });
      });
    },
    output: () => lines.join('\n'),
  };
}

/** A port nothing listens on now (the OS picks it; closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
