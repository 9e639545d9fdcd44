import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

const require = createRequire(import.meta.url);
const fullCalendarDir = dirname(require.resolve('fullcalendar/package.json'));
const fullCalendarVersion = (require('fullcalendar/package.json') as { version: string }).version;
const ownDir = join(dirname(fileURLToPath(import.meta.url)), 'assets');

// Only the files the rota page loads: the rest of node_modules is not for the web.
const vendorFiles = [
  'all/global.js',
  'locales/fr/global.js',
  'themes/classic/global.js',
  'skeleton.css',
  'themes/classic/theme.css',
  'themes/classic/palette.css',
];
const ownFiles = ['rota-calendar.js'];

/** URL of a FullCalendar file; the version is in the path, so a browser may keep it for a year. */
export const fullCalendarAsset = (file: string) =>
  `/assets/vendor/fullcalendar@${fullCalendarVersion}/${file}`;
/** URL of one of the app's own client scripts (revalidated: no build step puts a hash in its name). */
export const ownAsset = (file: string) => `/assets/${file}`;

/** Static files of the web app: the pinned FullCalendar bundle and the hand-written client scripts. */
export function assetsRouter(): Router {
  const router = Router();
  router.get(/^\/assets\/vendor\/fullcalendar@([^/]+)\/(.+)$/, (req, res, next) => {
    const [version, file] = [req.params['0'], req.params['1']];
    if (version !== fullCalendarVersion || !file || !vendorFiles.includes(file)) return next();
    res.sendFile(join(fullCalendarDir, file), { maxAge: '365d', immutable: true });
  });
  router.get('/assets/:file', (req, res, next) => {
    if (!ownFiles.includes(req.params.file)) return next();
    res.sendFile(join(ownDir, req.params.file), {
      cacheControl: false,
      headers: { 'cache-control': 'no-cache' },
    });
  });
  return router;
}
