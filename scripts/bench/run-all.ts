/** `npm run bench`: every benchmark, one after the other; paste the tables into BENCHMARKS.md. */
import { cpus, totalmem } from 'node:os';
import { benchCalls } from './calls.js';
import { benchQueue } from './queue.js';
import { benchRollingRestart } from './rolling-restart.js';
import { benchRota } from './rota.js';
import { benchRppsImport } from './rpps-import.js';
import { benchWebhook } from './webhook.js';
import { benchWebhookCluster } from './webhook-cluster.js';
import { benchWorkerKill } from './worker-kill.js';

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
console.log('rota engine');
console.table(benchRota());
console.log('webhook (signed POST /twilio/voice, new calls)');
console.table(await benchWebhook());
console.log('whole calls through the Twilio emulator');
console.table(await benchCalls());
console.log('queue (SMS jobs through the Twilio emulator)');
console.table(await benchQueue());
console.log('worker SIGKILL trials (callbacks)');
console.table(await benchWorkerKill());
console.log('webhook on the cluster (npm start processes behind nginx): closed and open loop');
console.table(await benchWebhookCluster());
console.log('rolling restart of two instances during a burst of calls');
console.table(await benchRollingRestart());
console.log('national register (Annuaire Santé) import: 200,000 activity rows');
console.table(await benchRppsImport());
process.exit(0);
