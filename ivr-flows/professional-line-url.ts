import { z } from 'zod';

/**
 * The webhook URLs of a call on the professionals' line, built and parsed in one place: the URL
 * carries the call's state (which keys were spoken, which specialty, which ring), so that any
 * instance answers the next webhook. Mounted at /twilio/advice.
 */
export type AdviceNode = 'menu' | 'dial-result' | 'screen' | 'screen-result';

/** What an advice webhook URL carries. */
export interface AdviceUrl {
  /** 'now': the menu of specialties taking calls; 'avis': the menu for an avis request. */
  mode: 'now' | 'avis';
  /** The specialty codes of the menu the caller heard, key 1 first. */
  keys: string[];
  retries: number;
  /** The specialty chosen. */
  specialty: string;
  /** Which specialist of that specialty is (or was) rung. */
  attempt: number;
  /** The directory entry rung (Dial action and screening leg). */
  entry: string;
  /** On the specialist's screening leg: the GP's call and the line it came in on. */
  call: string;
  line: string;
}

const query = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();

export const adviceMenuPath = (mode: AdviceUrl['mode'], keys: string[], retries: number) =>
  `/twilio/advice/menu?${query({ mode, keys: keys.join(','), retries })}`;

export const adviceDialResultPath = (specialty: string, attempt: number, entry: string) =>
  `/twilio/advice/dial-result?${query({ specialty, attempt, entry })}`;

/** The specialist's screening leg and where its keypress goes. */
export const adviceScreenPath = (
  node: 'screen' | 'screen-result',
  leg: Pick<AdviceUrl, 'call' | 'line' | 'specialty' | 'attempt' | 'entry'>,
) => `/twilio/advice/${node}?${query({ ...leg })}`;

const code = z.string().regex(/^[A-Z0-9]{1,8}$/);
const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/)
    .transform((s) => Math.min(Number(s), max))
    .catch(0);
const text = (pattern: RegExp) => z.string().regex(pattern).catch('');

const adviceQuery = z.object({
  mode: z.enum(['now', 'avis']).catch('now'),
  keys: z
    .string()
    .max(100)
    .transform((s) => s.split(',').filter((k) => code.safeParse(k).success))
    .catch([]),
  retries: count(10),
  specialty: text(/^[A-Z0-9]{1,8}$/),
  attempt: count(50),
  entry: text(/^[0-9a-f-]{36}$/),
  call: text(/^[A-Za-z0-9]{1,64}$/),
  line: text(/^\+\d{6,15}$/),
});

/** Parses an advice webhook's query string. Never throws: odd fields fall back to defaults. */
export function parseAdviceUrl(raw: unknown): AdviceUrl {
  return adviceQuery.parse(typeof raw === 'object' && raw !== null ? raw : {});
}
