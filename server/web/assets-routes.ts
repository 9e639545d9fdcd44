import { join } from 'node:path';
import { Router } from 'express';
import { fullCalendarDir, fullCalendarVersion, ownDir, ownFiles, vendorFiles } from './assets.js';

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

/** The stylesheet, served before the login wall: the login page itself needs it. */
export function publicStylesheetRouter(): Router {
  const router = Router();
  router.get('/assets/gardeline.css', (_req, res) => {
    res.sendFile(join(ownDir, 'gardeline.css'), {
      cacheControl: false,
      headers: { 'cache-control': 'no-cache' },
    });
  });
  return router;
}
