import { ZodError } from 'zod';
import { HttpError } from '../platform/http-errors.js';
import { html, type Html } from './html.js';

/** A refusal a form page shows: its status, the reason, and the fields it names (form field names). */
export interface Refusal {
  status: number;
  message: string;
  fields: string[];
}

/** The id of the refusal's message on a form page (role="alert"), which refused fields point to. */
export const refusalId = 'form-error';

/**
 * What a form page shows when a command refuses: bad input (zod, 400) and refusals the person can
 * act on (409: already taken, already started; 404 of a stale link) are re-rendered with the reason;
 * anything else (403, bugs) goes on to the router's error page. Null: not a refusal.
 */
export function refusalOf(err: unknown): Refusal | null {
  if (err instanceof ZodError)
    return {
      status: 400,
      message: err.issues.map((i) => i.message).join(' ; '),
      fields: [...new Set(err.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean))],
    };
  if (err instanceof HttpError && [400, 404, 409].includes(err.status))
    return { status: err.status, message: err.message, fields: Object.keys(err.fields ?? {}) };
  return null;
}

/**
 * The accessibility attributes of a form field: `aria-invalid` when the refusal names it, and
 * `aria-describedby` pointing at the refusal's message (then the field's own hint, if any), so a
 * screen reader says why the field was refused when it reaches it.
 */
export function fieldState(name: string, invalid: readonly string[] = [], hint?: string): Html {
  const refused = invalid.includes(name);
  const describedBy = [refused ? refusalId : '', hint ?? ''].filter(Boolean).join(' ');
  return html`${refused ? html`aria-invalid="true" ` : ''}${describedBy ? html`aria-describedby="${describedBy}"` : ''}`;
}
