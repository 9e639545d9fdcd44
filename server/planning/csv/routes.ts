import express, { Router } from 'express';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { csvRowTimes, decodeCsvBytes, maxCsvRows, shiftsToCsv } from '../../../rota/csv.js';
import { contactShownTo } from '../../access/actor.js';
import type { AppDeps } from '../../platform/deps.js';
import { uuidParam } from '../../platform/params.js';

import { instantRange, readableService } from '../service-access.js';
import { activeShiftsWithMobiles } from '../shifts/store.js';
import { importShiftsCsv, ImportRefused } from './commands.js';

/** Errors and refused lines an answer lists at most (it also gives their counts). */
const shownErrors = 50;

/** CSV export and import of a service's rota (the coordinators' spreadsheet). */
export function csvRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/services/:id/shifts.csv', async (req, res) => {
    const { service, territory } = await readableService(db, req.actor!, req.params.id);
    const { from, to } = instantRange.parse(req.query);
    const rows = await activeShiftsWithMobiles(db, service.id, from, to);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`gardes-${localDateOf(from, territory.timeZone)}.csv`)
      .send(
        shiftsToCsv(
          rows.map((r) => ({
            service: service.name,
            // End date and, on the October night, the offset: the import reads back the same instants.
            ...csvRowTimes(r.shift.startsAt, r.shift.endsAt, territory.timeZone),
            professional: r.mobile
              ? contactShownTo(req.actor!, r.shift.professionalId, r.mobile)
              : '',
            level: r.shift.level,
          })),
        ),
      );
  });

  router.post(
    '/services/:id/shifts.csv',
    // Bytes, not text: a French Excel file is Windows-1252 and says nothing about it.
    express.raw({ type: ['text/csv', 'text/plain'], limit: '2mb' }),
    async (req, res) => {
      const serviceId = uuidParam.parse(req.params.id);
      const charset = /charset=([^;\s]+)/i.exec(req.get('content-type') ?? '')?.[1];
      const text = Buffer.isBuffer(req.body) ? decodeCsvBytes(req.body, charset) : '';
      try {
        const report = await importShiftsCsv(deps, req.actor!, serviceId, text);
        res.status(report.created ? 201 : 200).json(report);
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        const tooMany = err.errors[0]?.field === '(taille)';
        // The first errors are what a coordinator fixes first; the counts say how many more.
        res.status(tooMany ? 413 : err.status).json({
          error: err.status === 409 ? 'conflict' : tooMany ? 'too_many_rows' : 'bad_csv',
          message: tooMany
            ? `${err.errors[0]!.message}. At most ${maxCsvRows} rows per import.`
            : err.errors.length
              ? `${err.report.refused} ligne(s) invalide(s) : rien n'a été importé.`
              : err.message,
          ...(err.errors.length
            ? { errors: err.errors.slice(0, shownErrors), errorCount: err.errors.length }
            : {}),
          ...err.report,
          // Every line when few; else the first refused ones (the counts above say the rest).
          lines:
            err.report.lines.length <= shownErrors
              ? err.report.lines
              : err.report.lines.filter((l) => l.outcome === 'refused').slice(0, shownErrors),
        });
      }
    },
  );
  return router;
}
