import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** Where the pinned FullCalendar bundle sits in node_modules. */
export const fullCalendarDir = dirname(require.resolve('fullcalendar/package.json'));
export const fullCalendarVersion = (require('fullcalendar/package.json') as { version: string })
  .version;
export const ownDir = join(dirname(fileURLToPath(import.meta.url)), 'assets');

// Only the files the rota page loads: the rest of node_modules is not for the web.
export const vendorFiles = [
  'all/global.js',
  'locales/fr/global.js',
  'themes/classic/global.js',
  'skeleton.css',
  'themes/classic/theme.css',
  'themes/classic/palette.css',
];
export const ownFiles = ['rota-calendar.js', 'gardeline.css', 'tableau-print.css'];

/** URL of a FullCalendar file; the version is in the path, so a browser may keep it for a year. */
export const fullCalendarAsset = (file: string) =>
  `/assets/vendor/fullcalendar@${fullCalendarVersion}/${file}`;
/** URL of one of the app's own client scripts (revalidated: no build step puts a hash in its name). */
export const ownAsset = (file: string) => `/assets/${file}`;
