import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What must never be in a log line, whichever test wrote it: a phone number (French or any
 * E.164), an API token, an invitation link's token. SMS bodies are checked by
 * test/privacy/logs.test.ts on the bodies it sends; here the shapes any test may leak.
 */
const forbidden: { name: string; pattern: RegExp }[] = [
  { name: 'E.164 number', pattern: /\+[1-9]\d{9,13}(?!\d)/ },
  { name: 'French number', pattern: /(?<![\w.:-])0[1-9](?:[ .]?\d{2}){4}(?![\w])/ },
  { name: 'API token', pattern: /glt_[A-Za-z0-9_-]{16,}/ },
  { name: 'invitation token', pattern: /[?&]token=[A-Za-z0-9_-]{20,}/ },
];

/** Every line of the run's logs that holds one of the forbidden shapes (file, line, what). */
export async function leaksIn(directory: string): Promise<string[]> {
  const leaks: string[] = [];
  for (const file of await readdir(directory)) {
    const lines = (await readFile(join(directory, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const { name, pattern } of forbidden)
        if (pattern.test(line)) leaks.push(`${file}:${i + 1}: ${name}`);
    });
  }
  return leaks;
}
