/**
 * What each process of the test cluster runs: the shifted clock first (imports run in order),
 * then the service's own entry, `npm start` (scripts/start.ts) or `npm run worker`
 * (scripts/worker.ts), unchanged. `tsx test/support/cluster-entry.ts web|worker`.
 */
import './shifted-clock.js';

await (process.argv[2] === 'worker'
  ? import('../../scripts/worker.js')
  : import('../../scripts/start.js'));
