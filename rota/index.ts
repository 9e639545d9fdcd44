/**
 * The rota engine: pure functions of rules, rota data, an instant and a time zone.
 * Nothing here reads the clock, the database or the network.
 */
export * from './types.js';
export * from './calendar/holidays.js';
export * from './calendar/local-date.js';
export * from './calendar/pdsa.js';
export * from './local-time.js';
export * from './shift-template.js';
export * from './on-duty.js';
export * from './gaps.js';
export * from './auto-fill.js';
export * from './fairness.js';
export * from './calendar/ponts.js';
export * from './ical.js';
export * from './csv.js';
