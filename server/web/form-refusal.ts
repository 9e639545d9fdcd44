import { ZodError } from 'zod';
import { HttpError } from '../platform/http-errors.js';

/**
 * What a form page shows when a command refuses: bad input (zod, 400) and refusals the person can
 * act on (409: already taken, already started; 404 of a stale link) are re-rendered with the reason;
 * anything else (403, bugs) goes on to the router's error page. Null: not a refusal.
 */
export function refusalOf(err: unknown): { status: number; message: string } | null {
  if (err instanceof ZodError)
    return { status: 400, message: err.issues.map((i) => i.message).join(' ; ') };
  if (err instanceof HttpError && [400, 404, 409].includes(err.status))
    return { status: err.status, message: err.message };
  return null;
}
