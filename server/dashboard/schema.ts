import { z } from 'zod';
import { callRecords } from '../../db/schema/index.js';
import { instant, localDate } from '../platform/params.js';

const outcome = z.enum(callRecords.outcome.enumValues);

/** GET /api/calls: instants, refused when malformed (an API client should know). */
export const callLogQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  outcome: outcome.optional(),
});

// The shared rules (a real day, within the years the app computes on), lenient here.
const localDay = localDate.optional().catch(undefined);

/** The /calls page's filters: local days. A bad value is dropped rather than refused: it comes from the page's own form or a stale link. */
export const callLogFilters = z.object({
  outcome: outcome.optional().catch(undefined),
  from: localDay,
  to: localDay,
});

/**
 * A call's id in a URL. Twilio's are `CA` and 32 hex digits; anything else names no call (a
 * 404, never a query: a NUL byte would make PostgreSQL refuse the text).
 */
export const callSidParam = z.string().regex(/^[A-Za-z0-9]{1,64}$/);
