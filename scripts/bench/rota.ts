/**
 * Rota engine benchmarks: resolveOnDuty over ~500,000 shifts in 100 territories, auto-fill of
 * 80 professionals × one quarter, a year's iCal feed of a service. Pure functions, no I/O: figures are CPU time on this machine.
 */
import { performance } from 'node:perf_hooks';
import { proposeAutoFill } from '../../rota/auto-fill.js';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { icalFeed } from '../../rota/ical.js';
import { IcalFeedCache } from '../../server/planning/ical/cache.js';
import { resolveOnDuty } from '../../rota/on-duty.js';
import { expandTemplate, type TemplateSlot } from '../../rota/shift-template.js';
import type { Professional, Shift } from '../../rota/types.js';

const grid: TemplateSlot[] = [
  {
    name: 'nuit',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'],
    start: '20:00',
    end: '08:00',
    levels: 2,
    kind: 'weeknight',
  },
  { name: 'samedi', days: ['sat'], start: '12:00', end: '20:00', levels: 2, kind: 'saturday' },
  {
    name: 'jour',
    days: ['sun', 'holiday', 'pont'],
    start: '08:00',
    end: '20:00',
    levels: 2,
    kind: 'sunday_holiday',
  },
];
const calendar = {
  timeZone: 'Europe/Paris',
  holidays: holidaySet(2026, 2031),
  ponts: new Set<string>(),
  saturdayAfternoon: true,
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export function benchRota(): Record<string, string> {
  // 100 territories × ~5,000 shifts (about 3.4 years of a two-level grid) ≈ 500,000 shifts.
  const services = Array.from({ length: 100 }, (_, i) => `svc-${i}`);
  const byService = new Map<string, Shift[]>();
  const people = new Map<string, Professional>();
  for (let p = 0; p < 80; p += 1)
    people.set(`p${p}`, {
      id: `p${p}`,
      name: `Dr ${p}`,
      mobile: `+336399800${String(p).padStart(2, '0')}`,
      languages: ['fr'],
    });
  let total = 0;
  let t = performance.now();
  for (const serviceId of services) {
    const slots = expandTemplate(serviceId, grid, '2026-01-01', '2031-04-01', calendar);
    byService.set(
      serviceId,
      slots.map((s, i) => ({
        id: s.key,
        serviceId,
        professionalId: `p${i % 80}`,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        level: s.level,
      })),
    );
    total += slots.length;
  }
  const expandMs = performance.now() - t;
  // The adapter loads one service's window around `now` (an index on service, starts_at); the
  // engine resolves within it. Measure the engine on each service's whole history, worst case.
  const lat: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2031, 3, 1) - start;
  for (let i = 0; i < 2000; i += 1) {
    const serviceId = services[i % services.length]!;
    const at = new Date(start + Math.random() * span);
    t = performance.now();
    resolveOnDuty({
      serviceId,
      at,
      shifts: byService.get(serviceId)!,
      overrides: [],
      professionals: people,
      fallback: { name: 'Permanence', phone: '+33261910099' },
    });
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);

  const quarter = expandTemplate('svc-q', grid, '2027-01-01', '2027-03-31', calendar);
  const ids = Array.from({ length: 80 }, (_, i) => `p${i}`);
  t = performance.now();
  const proposal = proposeAutoFill({
    openSlots: quarter,
    professionalIds: ids,
    existingShifts: [],
    unavailability: [],
    maxPerMonth: 6,
    minRestHours: 11,
    timeZone: 'Europe/Paris',
  });
  const autoFillMs = performance.now() - t;
  // The same quarter as the service sees it: two years of history (every slot of 2025–2026 held,
  // round-robin) and the calendar, so every shift is classified and heavy slots remembered.
  const historyCalendar = { ...calendar, holidays: holidaySet(2024, 2031) };
  const past: Shift[] = expandTemplate('svc-q', grid, '2025-01-01', '2026-12-31', historyCalendar)
    .filter((slot) => slot.level === 1 || slot.localDate.endsWith('5'))
    .map((slot, i) => ({
      id: `h${i}`,
      serviceId: slot.serviceId,
      professionalId: ids[i % ids.length]!,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      level: slot.level as Shift['level'],
    }));
  t = performance.now();
  const withHistory = proposeAutoFill({
    openSlots: quarter,
    professionalIds: ids,
    existingShifts: past,
    loadSince: new Date('2026-01-01T00:00:00Z'),
    calendar: historyCalendar,
    unavailability: [],
    maxPerMonth: 6,
    minRestHours: 11,
    timeZone: 'Europe/Paris',
  });
  const historyMs = performance.now() - t;
  // A service's feed over a year (every shift of both levels), as calendar apps fetch it.
  const year = byService
    .get('svc-0')!
    .filter(
      (x) =>
        x.startsAt >= new Date('2027-01-01T00:00:00Z') &&
        x.startsAt < new Date('2028-01-01T00:00:00Z'),
    );
  const events = year.map((x) => ({
    uid: `${x.id}@gardeline`,
    start: x.startsAt,
    end: x.endsAt,
    summary: `Garde N${x.level} · ${people.get(x.professionalId!)!.name}`,
    sequence: 1,
  }));
  const icalRuns: number[] = [];
  let feedBytes = 0;
  for (let i = 0; i < 20; i += 1) {
    t = performance.now();
    feedBytes = icalFeed(
      'Garde · svc-0',
      'Europe/Paris',
      events,
      new Date('2027-06-01T00:00:00Z'),
    ).length;
    icalRuns.push(performance.now() - t);
  }
  icalRuns.sort((a, b) => a - b);
  // What the feed route does on a calendar app's next poll when nothing changed.
  const cache = new IcalFeedCache();
  cache.render(
    'service:svc-0',
    'Garde · svc-0',
    'Europe/Paris',
    events,
    new Date('2027-06-01T00:00:00Z'),
  );
  const hits: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    t = performance.now();
    cache.render(
      'service:svc-0',
      'Garde · svc-0',
      'Europe/Paris',
      events,
      new Date('2027-06-01T00:00:00Z'),
    );
    hits.push(performance.now() - t);
  }
  hits.sort((a, b) => a - b);
  return {
    'iCal feed of a service, one year': `${quantile(icalRuns, 0.5).toFixed(0)} ms median of 20 (${events.length} events, ${Math.round(feedBytes / 1024)} KiB)`,
    'the same feed again, unchanged (cache)': `${quantile(hits, 0.5).toFixed(1)} ms median of 20`,
    'shifts generated': `${total} (${(expandMs / 1000).toFixed(1)} s to expand)`,
    'resolveOnDuty p50 (one service, ~5,000 shifts)': `${(quantile(lat, 0.5) * 1000).toFixed(0)} µs`,
    'resolveOnDuty p99': `${(quantile(lat, 0.99) * 1000).toFixed(0)} µs`,
    'auto-fill 80 professionals × Q1 2027': `${autoFillMs.toFixed(0)} ms for ${quarter.length} slots, ${proposal.unfilled.length} unfilled`,
    'auto-fill, the same with 2 years of history and the calendar': `${historyMs.toFixed(0)} ms (${past.length} past shifts), ${withHistory.unfilled.length} unfilled`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchRota());
