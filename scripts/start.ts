/**
 * `npm start`: the whole service on its embedded default (no env needed), or on the
 * servers named by DATABASE_URL / REDIS_URL / TWILIO_API_URL.
 */
import { loadConfigOrExit } from './config-or-exit.js';

const config = loadConfigOrExit();

// Loaded after the configuration is known to be good, so a bad setting fails in milliseconds.
const { createLogger } = await import('../server/platform/logger.js');
const { startService } = await import('../server/main.js');
const { seedDemoIfEmpty } = await import('../db/seed/seed-if-empty.js');
const { startLocalTelephony } = await import('./local-telephony.js');
const { announceRunningService } = await import('./running-service.js');
const { demoUsers } = await import('../db/seed/demo-territory.js');

const logger = createLogger(config.LOG_LEVEL);
// No Twilio account named: the project's emulator (devtools/) plays the phone network.
const telephony = config.TWILIO_API_URL ? null : await startLocalTelephony(config);
const service = await startService(config, logger, {
  ...(telephony ? { localTwilioUrl: telephony.url } : {}),
}).catch((err: unknown) => {
  logger.fatal({ err }, 'gardeline could not start');
  process.exit(1);
});

const demo = service.embedded ? await seedDemoIfEmpty(service.deps.db.db, new Date()) : null;
// Wire the (possibly just seeded) public numbers to the emulator, as one would in Twilio's console.
if (telephony) await telephony.connect(service.deps);
const forget = telephony
  ? announceRunningService(config.DATA_DIR, {
      pid: process.pid,
      url: service.url,
      emulatorUrl: telephony.url,
    })
  : () => {};
console.log(`\ngardeline is up on ${service.url}`);
if (demo) {
  console.log(`  demo territory: ${demo.territoryName}, public number ${demo.publicNumber}`);
  console.log(`  web app: ${service.url}/  (password ${demo.password} for every demo login)`);
  for (const user of demoUsers) console.log(`    ${user.email.padEnd(31)} ${user.can}`);
  console.log(
    `  place a call:  npm run call   (a doctor who answers: npm run call -- --doctor auto)`,
  );
  console.log(
    `  professionals' line ${demo.professionalsLine}: a GP (${demo.demoGpMobile}) asks a rheumatologist (open every day, all day, in the demo):`,
  );
  console.log(
    `    npm run call -- --from ${demo.demoGpMobile} --to ${demo.professionalsLine} --doctor auto   (press 1: rhumatologie)`,
  );
}
if (telephony) console.log(`  Twilio emulator: ${telephony.url}`);
if (service.hl7)
  console.log(
    `  hospital feed (HL7 MLLP${service.hl7.tls ? ' over TLS' : ''}): ${service.hl7.host}:${service.hl7.port}`,
  );
console.log('  Ctrl-C to stop.\n');

let stopping = false;
// While stopping, queue connections may still report a lost server: expected then.
process.on('uncaughtException', (err) => {
  if (stopping) return logger.debug({ err }, 'error while stopping (ignored)');
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
// SIGTERM (a deploy, systemd) or Ctrl-C: drain (see main.ts), then exit 0; 9 s at most, so a
// supervisor's 10 s grace never ends in a SIGKILL. The embedded PostgreSQL stops last.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      logger.error('drain did not finish within 9 s: exiting anyway');
      process.exit(1);
    }, 9000);
    force.unref();
    forget();
    void Promise.all([service.stop(), telephony?.close()]).then(() => process.exit(0));
  });
}
