import { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * Drops the bound values drizzle writes into a failed query's message ("Failed query: …\nparams:
 * a,b") and so into its stack: an inbound SMS body would be logged in clear. Values may span
 * lines, so everything up to the first stack frame goes.
 */
export function dropQueryParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]');
}

const scrubText = (text: string) => maskPhones(dropQueryParams(text));

/** Fields that may hold what callers said or typed: never logged, even masked. */
// `parameters`/`params`: postgres.js and drizzle errors carry the query's bound values (an SMS
// body, a number…); `query`: its text may inline values; `detail`: PostgreSQL quotes row values.
const secretKeys = new Set([
  'query',
  'detail',
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
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  // pino-http's req and res: their serializers pick the fields (copying them here lost res's
  // headersSent getter, and every access log said statusCode null).
  if (value instanceof IncomingMessage || value instanceof ServerResponse) return value;
  if (value instanceof Error) {
    // Only the SQLSTATE beside the text: a driver error's other fields hold the query's values.
    const { code } = value as { code?: unknown };
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
      ...(typeof code === 'string' ? { code } : {}),
      ...(value.cause !== undefined ? { cause: scrub(value.cause, depth + 1) } : {}),
    };
  }
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
          typeof arg === 'string' ? scrubText(arg) : arg,
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

// A path segment that is a secret: an iCal feed's or an invitation's token (long, random, not a
// uuid). Uuids are row ids, useful to read a log and not enough to do anything.
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tokenLike = /^[A-Za-z0-9_~.-]{16,}$/;

/** The path an access log may show: no query string, tokens in the path replaced. */
export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '')
    .split('/')
    .map((segment) => {
      const name = segment.replace(/\.(ics|json|csv)$/, '');
      return tokenLike.test(name) && !uuid.test(name) && !/^[a-z-]+$/.test(name)
        ? `[token]${segment.slice(name.length)}`
        : segment;
    })
    .join('/');
}
