import type { Twilio } from 'twilio';
import type { DbHandle } from '../../db/client.js';
import type { Config } from './config.js';
import type { Jobs } from './queues.js';
import type { LiveCalls } from '../line/call-state.js';
import type { Logger } from './logger.js';

/** Everything the express app and the workers need, built once by main.ts (or a test). */
export interface AppDeps {
  config: Config;
  /** Base URL Twilio uses to reach this service (signatures are checked against it). */
  publicUrl: string;
  db: DbHandle;
  jobs: Jobs;
  twilio: Twilio;
  logger: Logger;
  /**
   * Live-call facts on shared storage (line/call-state-store.ts chooses from the config); unset,
   * the webhooks open one on the config themselves.
   */
  live?: LiveCalls;
  /** The clock, injected so tests and benchmarks can pin time. */
  now: () => Date;
  /** The local Twilio emulator's URL on the embedded default (the demo page reads it). */
  emulatorUrl?: string;
  /** Called after shifts are created, moved, reassigned or cancelled (reminders follow them). */
  onShiftChanged?: (shiftIds: string[]) => Promise<void>;
}
