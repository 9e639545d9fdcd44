import busboy from 'busboy';
import type { RequestHandler } from 'express';
import { badRequest } from '../../platform/http-errors.js';

/** The upload's size limit: a year of a service's rota is well under 1 MB. */
const maxFileBytes = 3 * 1024 * 1024;

/**
 * Reads a multipart/form-data upload (busboy) into `req.body`: the text fields, and the file
 * named `fieldName` as bytes — bytes, not text: a French Excel file is Windows-1252 and says
 * nothing about it. Other content types pass through untouched.
 */
export function fileUpload(fieldName: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fileSize: maxFileBytes },
      });
    } catch {
      return next(badRequest('Envoi de fichier illisible. Unreadable upload.'));
    }
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let tooLarge = false;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream) => {
      if (name !== fieldName) return void stream.resume();
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', () => next(badRequest('Envoi de fichier illisible. Unreadable upload.')));
    parser.on('close', () => {
      if (tooLarge)
        return next(badRequest('Fichier trop volumineux (3 Mo au plus). File too large.'));
      req.body = { ...fields, [fieldName]: Buffer.concat(chunks) };
      next();
    });
    req.pipe(parser);
  };
}
