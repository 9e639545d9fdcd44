import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { nextTuesday, setHours, startOfHour } from 'date-fns';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The developer's first minutes: `npm start` on an empty embedded database, then `npm run call --
 * --doctor auto` in another terminal, which finds the service's emulator by itself (no
 * EMULATOR_PORT given to it) and must end with the patient talking to the on-duty doctor, the
 * doctor's phone answering from its very first ring. The service believes it is a Tuesday night
 * (the shifted clock the cluster tests use), so a doctor of the demo rota is on duty.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'gardeline-phone-'));
chmodSync(dataDir, 0o777);
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGINT');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, DATA_DIR: dataDir, ...env },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const waitFor = async (text: string, ms: number) => {
    const deadline = Date.now() + ms;
    while (!output.includes(text)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`expected «${text}»; output so far:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return { child, waitFor, output: () => output };
}

describe('npm run call -- --doctor auto on a fresh start', () => {
  it('finds the emulator, the doctor answers the first ring and is connected; so does the banner’s professionals’ line call', async () => {
    const tuesdayNight = startOfHour(
      setHours(nextTuesday(new TZDate(Date.now(), 'Europe/Paris')), 22),
    );
    const port = 4000 + Math.floor(Math.random() * 400);
    const service = run(['--import', './test/support/shifted-clock.ts', 'scripts/start.ts'], {
      PORT: String(port),
      EMULATOR_PORT: String(port + 500),
      LOG_LEVEL: 'warn',
      GARDELINE_CLOCK_OFFSET_MS: String(tuesdayNight.getTime() - Date.now()),
    });
    await service.waitFor('gardeline is up', 90_000);

    const phone = run(['scripts/call.ts', '--doctor', 'auto'], {});
    await phone.waitFor('Pour parler au médecin de garde, tapez 1', 60_000);
    phone.child.stdin.write('1');
    await phone.waitFor('🔗 patient connected to the doctor', 60_000);
    expect(phone.output()).toMatch(/📱 \+33\d+ is ringing\n📱 \+33\d+ answered/);
    phone.child.stdin.write('h');
    await phone.waitFor('📴 call ended (completed)', 20_000);

    // The banner's professionals' line command: the demo GP reaches the demo rheumatologist.
    const banner = /npm run call -- --from (\+33\d+) --to (\+33\d+)/.exec(service.output());
    expect(banner).not.toBeNull();
    const gp = run(
      ['scripts/call.ts', '--from', banner![1]!, '--to', banner![2]!, '--doctor', 'auto'],
      {},
    );
    await gp.waitFor('rhumatologie, tapez 1', 60_000);
    gp.child.stdin.write('1');
    await gp.waitFor('🔗 patient connected to the doctor', 60_000);
    gp.child.stdin.write('h');
    await gp.waitFor('📴 call ended (completed)', 20_000);
  }, 300_000);
});
