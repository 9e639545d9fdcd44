import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const phonePattern = /\+?\d[\d .-]{7,}\d/g;

/** "+33612345678" → "+33 6 ** ** ** 78": enough to tell calls apart, not to dial. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const plus = value.trim().startsWith('+') ? '+' : '';
  if (plus && digits.startsWith('33')) return `+33 ${digits[2]} ** ** ** ${digits.slice(-2)}`;
  return `${plus}${digits.slice(0, 2)} ** ** ${digits.slice(-2)}`;
}

/** Masks every phone-number-looking run in a string. */
export function maskPhones(text: string): string {
  return text.replace(phonePattern, (match) => maskPhone(match));
}

/** Fields that may hold what callers said or typed: never logged, even masked. */
// `parameters`: postgres.js errors carry the query's bound values (an SMS body, a number…).
const secretKeys = new Set([
  'body',
  'Body',
  'SpeechResult',
  'smsBody',
  'password',
  'token',
  'authorization',
  'cookie',
  'parameters',
  'params',
  'sess',
]);

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return maskPhones(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value instanceof Error)
    return {
      type: value.name,
      message: maskPhones(value.message),
      stack: value.stack && maskPhones(value.stack),
    };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        secretKeys.has(key) ? '[redacted]' : scrub(inner, depth + 1),
      ]),
    );
  }
  return value;
}

/**
 * JSON logs in production, readable lines in a terminal. Every field is scrubbed:
 * phone numbers masked, bodies and speech never written.
 */
export function createLogger(
  level: string,
  pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) =>
          typeof arg === 'string' ? maskPhones(arg) : arg,
        ) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
    ...(pretty && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
