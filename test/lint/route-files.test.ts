import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The house rule of eslint.config.js, checked on text: a file's name decides whether it may hold SQL.
const eslint = new ESLint();
const source = [
  "import { eq } from 'drizzle-orm';",
  "import { territories } from '../../db/schema/index.js';",
  'export const probe = [eq, territories];',
  '',
].join('\n');
const refusals = async (filePath: string) => {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('SQL stays out of route files', () => {
  it.each([
    'server/web/routes.ts',
    'server/web/pages.ts',
    'server/web/webhooks.ts',
    'server/web/probe-routes.ts',
    'server/web/probe-pages.ts',
    'server/web/probe-page.ts',
    'server/web/probe-webhook.ts',
    'server/web/probe-webhooks.ts',
    'server/app.ts',
    'server/api.ts',
    'server/pages.ts',
    'server/webhooks.ts',
  ])('%s may not import drizzle-orm nor db/schema', async (file) => {
    const messages = await refusals(file);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toMatch(/SQL lives in the room's store\.ts/);
  });

  it('a store may, and a route file still may not import scripts', async () => {
    expect(await refusals('server/web/store.ts')).toEqual([]);
    const [result] = await eslint.lintText("export { start } from '../../scripts/start.js';\n", {
      filePath: 'server/web/routes.ts',
    });
    expect(result!.messages.map((m) => m.message).join()).toMatch(/never imports dev tools/);
  });
});
