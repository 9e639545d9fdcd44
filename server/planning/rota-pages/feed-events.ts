import { frenchPublicHolidays, type OverseasDepartement } from '../../../rota/calendar/holidays.js';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { pdsaPeriods, type ServiceHours } from '../../../rota/calendar/pdsa.js';
import { proposedPonts } from '../../../rota/calendar/ponts.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { coverageGaps, type CoverageGap } from '../../../rota/gaps.js';
import { offsetMinutes } from '../../../rota/local-time.js';
import type { Interval, ShiftKind } from '../../../rota/types.js';

/**
 * The rota of one service over a range, shaped as FullCalendar event objects. Pure: the loader
 * (rota-feed-load.ts) brings the rows, the feed route and the list view render the result.
 */

export interface RotaFeedInput {
  serviceId: string;
  range: Interval;
  timeZone: string;
  settings: {
    alsaceMoselle: boolean;
    overseas?: OverseasDepartement | null;
    saturdayAfternoon: boolean;
  };
  requiredLevels: number;
  /** The service's own PDSA hours; absent: the territory's. */
  hours?: ServiceHours;
  shifts: {
    id: string;
    serviceId: string;
    professionalId: string | null;
    level: number;
    startsAt: Date;
    endsAt: Date;
    kind: ShiftKind | null;
  }[];
  /** Professional names by id. */
  names: Map<string, string>;
  /** Leave of the shifts' professionals: an assigned shift during it leaves its level uncovered. */
  leave?: { professionalId: string; startsAt: Date; endsAt: Date }[];
  /** Days a manager confirmed (calendar_days): ponts and local extra holidays. */
  calendarDays: { day: string; kind: 'pont' | 'holiday'; note: string | null }[];
  /** Managers get links to fill gaps; others only see them. */
  manage: boolean;
  /** The professional looking (their own shifts are highlighted), if any. */
  me?: string | null;
  /** Uncovered hours are shown from now on only: past ones can no longer be filled. */
  now: Date;
}

/** One FullCalendar event (the subset of its input format the page uses). */
export interface RotaEvent {
  id?: string;
  title: string;
  start: string;
  end: string;
  allDay?: boolean;
  url?: string;
  color?: string;
  display?: 'background';
  editable?: boolean;
  classNames?: string[];
  extendedProps: {
    kind: 'shift' | 'open-shift' | 'gap' | 'holiday' | 'pont' | 'proposed-pont';
    level?: number;
    professionalId?: string | null;
    /** The shift is the viewer's own. */
    mine?: boolean;
    /** A gap: the levels nobody covers (2 alone: the backup is missing). */
    missingLevels?: number[];
  };
}

// The page's palette (layout.ts): level colours, red for what nobody covers, brown for days off.
const levelColour = (level: number) => `var(--l${Math.min(Math.max(level, 1), 3)})`;
const gapColour = 'var(--gap)';
const dayOffColour = 'var(--hol)';

/** An instant as ISO 8601 with the zone's offset ("2026-11-26T20:00:00+01:00"), as FullCalendar reads it. */
export function isoInZone(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant.getTime(), timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Local wall-clock time "HH:MM" of an instant. */
export const localTimeOf = (instant: Date, timeZone: string) =>
  isoInZone(instant, timeZone).slice(11, 16);

/** The events of the range, and the coverage gaps they were computed from. */
export function rotaFeedEvents(input: RotaFeedInput): { events: RotaEvent[]; gaps: CoverageGap[] } {
  const { timeZone: zone, range, settings } = input;
  const firstYear = Number(localDateOf(range.start, zone).slice(0, 4));
  const lastYear = Number(localDateOf(range.end, zone).slice(0, 4));
  // The territory's PDSA calendar as every other reader builds it: confirmed ponts and local days count.
  const calendar = territoryCalendar(
    { timeZone: zone, ...settings },
    input.calendarDays,
    firstYear - 1,
    lastYear + 1,
    input.hours,
  );
  const confirmedPonts = calendar.ponts;
  const ahead = {
    start: new Date(Math.max(range.start.getTime(), input.now.getTime())),
    end: range.end,
  };
  const gaps =
    ahead.start < ahead.end
      ? coverageGaps(
          pdsaPeriods(ahead, calendar),
          input.shifts.map((s) => ({ ...s, kind: s.kind ?? undefined })),
          input.requiredLevels,
          input.leave ?? [],
        )
      : [];

  const events: RotaEvent[] = input.shifts.map((s) => {
    const open = s.professionalId === null;
    const mine = !!input.me && s.professionalId === input.me;
    return {
      id: s.id,
      title: open
        ? `À pourvoir · N${s.level}`
        : `${input.names.get(s.professionalId!) ?? '?'} · N${s.level}`,
      start: isoInZone(s.startsAt, zone),
      end: isoInZone(s.endsAt, zone),
      url: `/rota/shifts/${s.id}/edit`,
      color: open ? gapColour : levelColour(s.level),
      classNames: [
        open ? 'rota-open-shift' : `rota-level-${Math.min(s.level, 3)}`,
        ...(mine ? ['rota-mine'] : []),
      ],
      extendedProps: {
        kind: open ? 'open-shift' : 'shift',
        level: s.level,
        professionalId: s.professionalId,
        ...(mine ? { mine: true } : {}),
      },
    };
  });

  // A red block for every level nobody covers: level 1 (nobody answers) and the backup levels
  // (N1 filled, no N2), unless open shifts already say so for each missing level.
  const openShifts = input.shifts.filter((s) => s.professionalId === null);
  for (const g of gaps) {
    const missing = g.missingLevels.filter(
      (level) =>
        !openShifts.some((s) => s.level === level && s.startsAt <= g.start && s.endsAt >= g.end),
    );
    if (missing.length === 0) continue;
    const date = localDateOf(g.start, zone);
    const fill = `/rota?service=${input.serviceId}&add=${date}&start=${localTimeOf(g.start, zone)}&end=${localTimeOf(g.end, zone)}&level=${missing[0]}#ajouter`;
    events.push({
      title: `${g.reason === 'leave' ? 'Congé' : 'Trou de garde'} · N${missing.join(', N')} manquant`,
      start: isoInZone(g.start, zone),
      end: isoInZone(g.end, zone),
      color: gapColour,
      editable: false,
      classNames: ['rota-gap', ...(missing.includes(1) ? [] : ['rota-gap-backup'])],
      ...(input.manage ? { url: fill } : {}),
      extendedProps: { kind: 'gap', missingLevels: missing },
    });
  }
  events.push(...daysOff(input, firstYear, lastYear, confirmedPonts));
  return { events, gaps };
}

/** Public holidays, confirmed and proposed ponts, local extra days: all-day background blocks with their names. */
function daysOff(
  input: RotaFeedInput,
  firstYear: number,
  lastYear: number,
  confirmedPonts: Set<string>,
): RotaEvent[] {
  const from = localDateOf(input.range.start, input.timeZone);
  const to = localDateOf(input.range.end, input.timeZone);
  const inRange = (day: string) => day >= from && day <= to;
  const background = (
    day: string,
    title: string,
    kind: RotaEvent['extendedProps']['kind'],
  ): RotaEvent => ({
    title,
    start: day,
    end: addDays(day, 1),
    allDay: true,
    display: 'background',
    color: dayOffColour,
    editable: false,
    classNames: [`rota-${kind}`],
    extendedProps: { kind },
  });
  const out: RotaEvent[] = [];
  const seen = new Set<string>();
  const options = {
    alsaceMoselle: input.settings.alsaceMoselle,
    overseas: input.settings.overseas,
  };
  for (let year = firstYear; year <= lastYear; year++) {
    for (const h of frenchPublicHolidays(year, options)) {
      if (!inRange(h.date)) continue;
      out.push(background(h.date, h.name, 'holiday'));
      seen.add(h.date);
    }
  }
  for (const d of input.calendarDays) {
    if (!inRange(d.day) || seen.has(d.day)) continue;
    out.push(
      background(
        d.day,
        d.kind === 'pont' ? `Pont${d.note ? ` · ${d.note}` : ''}` : (d.note ?? 'Jour férié local'),
        d.kind,
      ),
    );
    seen.add(d.day);
  }
  for (let year = firstYear; year <= lastYear; year++) {
    for (const p of proposedPonts(year, options)) {
      if (!inRange(p.date) || seen.has(p.date) || confirmedPonts.has(p.date)) continue;
      out.push(background(p.date, `Pont proposé · ${p.reason}`, 'proposed-pont'));
      seen.add(p.date);
    }
  }
  return out;
}
