import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';

/** An error with a status and a stable id, for the API's JSON answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new HttpError(400, 'bad_request', message, fields);
export const forbidden = (
  message = 'Action non autorisée pour votre rôle. Not allowed for your role.',
) => new HttpError(403, 'forbidden', message);
export const notFound = (what: string) =>
  new HttpError(404, 'not_found', `${what} introuvable. ${what} not found.`);
export const nothingToChange = () =>
  new HttpError(400, 'nothing_to_change', 'Rien à modifier dans la requête. Nothing to change.');
export const conflict = (message: string, fields?: Record<string, string>) =>
  new HttpError(409, 'conflict', message, fields);

/** JSON errors for /api: field-level messages for bad input, never a stack trace, never a 500 for bad input. */
export const apiErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpError)
    return void res
      .status(err.status)
      .json({ error: err.id, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
  if (err instanceof ZodError) {
    const fields = Object.fromEntries(
      err.issues.map((i) => [i.path.join('.') || '(body)', i.message]),
    );
    return void res
      .status(400)
      .json({ error: 'bad_request', message: 'Données invalides. Invalid input.', fields });
  }
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    return void res.status(err.status).json({
      error: 'bad_request',
      message:
        err.type === 'entity.parse.failed'
          ? 'JSON mal formé. Malformed JSON.'
          : String(err.message),
    });
  }
  req.log.error({ err }, 'API error');
  res.status(500).json({ error: 'internal', message: 'Erreur interne. Internal error.' });
};
