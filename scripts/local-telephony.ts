import { startTwilioEmulator } from '@gardeline/twilio-emulator';
import { territoryNumbers } from '../db/schema/index.js';
import type { Config } from '../server/platform/config.js';
import type { AppDeps } from '../server/platform/deps.js';

export type TwilioEmulator = Awaited<ReturnType<typeof startTwilioEmulator>>;

export interface LocalTelephony {
  url: string;
  emulator: TwilioEmulator;
  /** Points every territory number's webhooks at this service, as the Twilio console would. */
  connect(deps: AppDeps): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded default's phone network: the project's Twilio emulator, with the territory
 * numbers wired to our webhooks. `npm run call` and the demo page talk to it.
 */
export async function startLocalTelephony(config: Config): Promise<LocalTelephony> {
  const emulator = await startTwilioEmulator({
    port: config.EMULATOR_PORT,
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
  });
  return {
    url: emulator.url,
    emulator,
    async connect(deps) {
      const numbers = await deps.db.db
        .select({ number: territoryNumbers.number })
        .from(territoryNumbers);
      for (const { number } of numbers) wireNumber(emulator, deps.publicUrl, number);
    },
    close: () => emulator.close(),
  };
}

/** The four webhook URLs of a public number. */
export function wireNumber(emulator: TwilioEmulator, publicUrl: string, number: string): void {
  emulator.incomingNumber(number, {
    voiceUrl: `${publicUrl}/twilio/voice`,
    voiceFallbackUrl: `${publicUrl}/twilio/fallback`,
    smsUrl: `${publicUrl}/twilio/sms`,
    statusCallback: `${publicUrl}/twilio/status`,
  });
}
