import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { leaksIn } from './run-logs.js';

// The run's log check (global-setup.ts) is only as good as its patterns: they must catch the
// shapes a leak takes, and not the numbers every log line has (times, durations, ids).
it('finds numbers and tokens in log lines, not timestamps, durations or uuids', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gardeline-leaks-'));
  const lines = [
    '{"time":1795953259023,"responseTime":33,"id":"0f9278e1-0612-3456-7890-abcdef012345"}',
    '{"msg":"call from +33612345678"}',
    '{"to":"06 12 34 56 78"}',
    '{"auth":"glt_abcdefghijklmnopqrstuv"}',
    '{"url":"/invitation?token=abcdefghijklmnopqrstuvwxyz012345"}',
    '{"to":"+33 6 •• •• •• 78"}',
  ];
  await writeFile(join(dir, 'run.log'), lines.join('\n'));
  expect(await leaksIn(dir)).toEqual([
    'run.log:2: E.164 number',
    'run.log:3: French number',
    'run.log:4: API token',
    'run.log:5: invitation token',
  ]);
  await rm(dir, { recursive: true });
});
