import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Polls `probe` until it gives a value (or throws), for at most `ms`. */
export async function until<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ProductionService {
  /** The port it listens on (PORT=0: the one the system gave, read from the start banner). */
  port: number;
  /** Its stdout, line by line: pino JSON (the access log included) and the start banner. */
  log: string[];
  /** SIGTERM, as a deploy sends it; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * The service as `npm start` runs it (tsx scripts/start.ts, the script behind it, so that SIGTERM
 * reaches the service and not npm), in a child process with only `env`; resolves once it listens.
 */
export async function startProductionService(
  env: Record<string, string>,
): Promise<ProductionService> {
  const child = spawn(`${root}node_modules/.bin/tsx`, ['scripts/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    log.push(...lines);
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const banner = await until(
      'the service to start',
      () => {
        if (child.exitCode !== null) throw new Error(`the service exited: ${stderr}${partial}`);
        return log.find((l) => l.includes('gardeline is up'));
      },
      25_000,
    );
    return { port: Number(/:(\d+)\s*$/.exec(banner)![1]), log, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `npm run <script>` in the project, with only `env`; never throws. */
export function npmRun(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      'npm',
      ['run', '--silent', script],
      { cwd: root, env, timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
