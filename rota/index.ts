/**
 * The rota engine: pure functions of rules, rota data, an instant and a time zone. Nothing
 * here reads the clock, the database or the network (ESLint enforces it): adapters load rows,
 * call these functions with `now` and the territory's IANA zone, and write the result.
 *
 * - Calendar: `frenchPublicHolidays`, `isPublicHoliday`, `holidaySet`, `proposedPonts`,
 *   `pdsaPeriods`, `isPdsaTime`, local-date helpers.
 * - Local time: `localToInstant` (refuses nonexistent / ambiguous wall times),
 *   `wallClockToInstant` (for rules).
 * - Templates: `expandTemplate`, `slotsForDate` (holiday / pont precedence),
 *   `validateTemplate`, `defaultGrid`, `splitNightGrid`.
 * - On duty: `resolveOnDuty`.
 * - Planning: `coverageGaps`, `fairness`, `shiftKindOf`, `proposeAutoFill`, `findOverlaps`.
 * - Exchange: `icalFeed`, `parseShiftsCsv`, `shiftsToCsv`, `transitionSwap`.
 */
export * from './types.js';
export * from './calendar/holidays.js';
export * from './calendar/local-date.js';
export * from './calendar/pdsa.js';
export * from './calendar/ponts.js';
export * from './local-time.js';
export * from './shift-template.js';
export * from './template-check.js';
export * from './on-duty.js';
export * from './gaps.js';
export * from './shift-kind.js';
export * from './fairness.js';
export * from './auto-fill.js';
export * from './overlap.js';
export * from './ical.js';
export * from './csv.js';
export * from './swap.js';
