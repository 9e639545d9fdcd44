import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The README's start command on its embedded default, as a user runs it: no DATABASE_URL,
 * no REDIS_URL, no Twilio. It must come up, answer /healthz and /readyz, and stop on Ctrl-C leaving no
 * PostgreSQL behind.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'gardeline-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function postgresProcessesFor(dir: string): number {
  const out = execSync('ps -eo args', { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('postgres') && line.includes(dir)).length;
}

describe('npm start on the embedded default', () => {
  it('starts, seeds the demo, is alive and ready, and stops cleanly on SIGINT', async () => {
    const port = 3400 + Math.floor(Math.random() * 500);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        EMULATOR_PORT: String(port + 1),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );

    const deadline = Date.now() + 90_000;
    while (!output.includes('gardeline is up') && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain('gardeline is up');
    expect(output).toMatch(/demo territory: Pays d'Auray, public number \+33/);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'ok', queue: 'ok' });
    expect(postgresProcessesFor(dataDir)).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(0);
    // PostgreSQL finishes its fast shutdown right after: within the same 10 s.
    while (postgresProcessesFor(dataDir) > 0 && Date.now() - stoppedAt < 10_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(postgresProcessesFor(dataDir)).toBe(0);
  }, 120_000);
});

describe('npm start with a bad setting', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'nonsense'],
  ])('%s=%s stops with one line naming the variable and a non-zero exit', async (name, value) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, [name]: value },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^gardeline: ${name}: .*"${value}"`));
  });
});
