import { parseShiftsCsvInSteps, type CsvError } from '../../../rota/csv.js';
import type { Actor } from '../../access/actor.js';
import { badRequest, HttpError } from '../../platform/http-errors.js';
import { toE164 } from '../../platform/phone-numbers.js';
import { managedService } from '../auto-fill/commands.js';
import { managerWriter, writeShifts, type ShiftDeps } from '../shifts/commands.js';
import { professionalsOfTerritory, shiftStartingAt } from '../shifts/store.js';

export interface ImportLine {
  line: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  shiftId?: string;
  /** Why a line is refused (French, then English). */
  reason?: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  lines: ImportLine[];
}

/** The import was refused whole: unreadable lines (400) or lines the rules refuse (409/400). */
export class ImportRefused extends Error {
  constructor(
    readonly status: number,
    readonly report: ImportReport,
    readonly errors: CsvError[] = [],
  ) {
    super(`${report.refused} ligne(s) refusée(s) : rien n'a été importé.`);
  }
}

/** Carries a dry run's report out of its transaction, which rolls back. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const reportOf = (lines: ImportLine[]): ImportReport => {
  const report = { created: 0, updated: 0, unchanged: 0, refused: 0, lines };
  for (const l of lines) report[l.outcome] += 1;
  return report;
};

/**
 * Imports a rota CSV into a service: each row goes through the shift rules (overlaps against the
 * database, membership, weight class), in one transaction. A row is identified by its service,
 * level and start: the same row again is "unchanged", another professional or end "updated". One
 * refused row and nothing is written; the report says, line by line, what happened or would have.
 * `dryRun`: the same rules run in the same transaction, which is then rolled back (the web
 * page's preview: what "Confirmer l'import" would do, never a second set of rules).
 */
export async function importShiftsCsv(
  deps: ShiftDeps,
  actor: Actor,
  serviceId: string,
  text: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const { service, territory } = await managedService(deps, actor, serviceId);
  if (!text.trim()) throw badRequest('Corps CSV attendu (Content-Type: text/csv).');
  const people = await professionalsOfTerritory(deps.db.db, territory.id);
  // Looked up by key, once per row: a scan of the directory per row was rows × people.
  const byMobile = new Map(people.map((p) => [p.mobile, p.id]));
  const byName = new Map(people.map((p) => [p.name, p.id]));
  const resolved = new Map<string, string | null>();
  const parsed = await parseShiftsCsvInSteps(
    text,
    {
      timeZone: territory.timeZone,
      serviceOf: (t) => (t === service.name || t === service.id ? service.id : null),
      professionalOf: (t) => {
        // A file names the same few people again and again: parse each spelling once.
        if (!resolved.has(t))
          resolved.set(t, byMobile.get(toE164(t) ?? '') ?? byName.get(t) ?? null);
        return resolved.get(t)!;
      },
    },
    // Between steps the event loop answers the patient line's webhooks.
    () => new Promise((resolve) => setImmediate(resolve)),
    50,
  );
  if (!parsed.ok) {
    const reasons = new Map<number, string[]>();
    for (const e of parsed.errors) reasons.set(e.line, [...(reasons.get(e.line) ?? []), e.message]);
    const lines = [...reasons].map(([line, messages]) => ({
      line,
      outcome: 'refused' as const,
      reason: messages.join(' ; '),
    }));
    throw new ImportRefused(400, reportOf(lines), parsed.errors);
  }
  const writer = managerWriter(actor);
  try {
    return await writeShifts(deps, async (session) => {
      const lines: ImportLine[] = [];
      let status = 400;
      for (const row of parsed.shifts) {
        const existing = await shiftStartingAt(session.tx, service.id, row.level, row.startsAt);
        try {
          const written = await session.write(writer, {
            shiftId: existing?.id,
            serviceId: service.id,
            professionalId: row.professionalId,
            level: row.level,
            time: { startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
            action: 'shifts.import',
          });
          lines.push({ line: row.line, outcome: written.outcome, shiftId: written.id });
        } catch (err) {
          // The rules refuse before writing anything: the transaction is still sound.
          if (!(err instanceof HttpError)) throw err;
          if (err.status === 409) status = 409;
          lines.push({
            line: row.line,
            outcome: 'refused',
            reason: `ligne ${row.line} : ${err.message}`,
          });
        }
      }
      const report = reportOf(lines);
      if (report.refused) throw new ImportRefused(status, report);
      if (options.dryRun) throw new DryRunDone(report);
      return report;
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.report;
    throw err;
  }
}
