import { z } from 'zod';
import { maxYear, minYear, uuidParam } from '../../platform/params.js';

/** A month, AAAA-MM, within the years the calendar computes on. */
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mois AAAA-MM attendu. YYYY-MM expected.')
  .refine(
    (m) => Number(m.slice(0, 4)) >= minYear && Number(m.slice(0, 4)) <= maxYear,
    `mois hors limites (${minYear}–${maxYear}). Month out of range.`,
  );

export const reportQuery = z.object({ month: monthParam });
export const reportPageQuery = z.object({
  territory: uuidParam.optional(),
  month: monthParam.optional(),
});
export const reportFileQuery = z.object({ territory: uuidParam, month: monthParam });
