import { z } from 'zod';
import { overseasDepartements } from '../../rota/calendar/holidays.js';
import { displayName, localDate, timeZone, uuidParam } from '../platform/params.js';
import { toE164 } from '../platform/phone-numbers.js';

const phone = z
  .string()
  .transform(
    (v, ctx) =>
      toE164(v) ??
      (ctx.addIssue({ code: 'custom', message: `« ${v} » n'est pas un numéro valide` }), ''),
  );

export const territorySettingsPatch = z
  .object({
    // Retired: the territory's regulationMode is the one truth. Refused rather than ignored, so
    // that an old client does not believe it switched the line.
    regulates: z.never({
      message:
        "« regulates » n'existe plus : choisissez le mode de régulation (regulationMode). Use regulationMode.",
    }),
    recordingNotice: z.boolean(),
    languages: z.array(z.enum(['fr', 'en'])).min(1),
    alsaceMoselle: z.boolean(),
    // null goes back to metropolitan holidays: a partial patch cannot otherwise unset it.
    overseas: z.enum(overseasDepartements).nullable(),
    saturdayAfternoon: z.boolean(),
    swapAutoApprove: z.boolean(),
    callbackDeadlineMinutes: z.number().int().min(5).max(720),
    followUpSms: z.boolean(),
    retention: z.object({
      callRecordsDays: z.number().int().min(30),
      smsDays: z.number().int().min(7),
      auditDays: z.number().int().min(30),
      inboundFreeTextDays: z.number().int().min(1).max(365).optional(),
      // Health data: at least a year, so that a typo cannot purge what the law asks to keep.
      regulationFichesDays: z.number().int().min(365).optional(),
      hospitalDays: z.number().int().min(30).optional(),
    }),
  })
  .partial();

/**
 * The regulation mode and its details (CSP R6315-3). The rules across fields (a plateforme needs
 * its convention; dates) are regulation-rules.ts's, on the territory as it would be.
 */
export const regulationPatchShape = {
  regulationMode: z.enum(['centre15', 'plateforme'], {
    message: "mode de régulation : 'centre15' ou 'plateforme'",
  }),
  /** The CRRA's long number (E.164): never the 15 itself, which no platform can dial. */
  crraNumber: phone.nullable(),
  regionalRegulationNumber: z.enum(['15', '116117'], {
    message: "numéro régional de régulation : '15' ou '116117'",
  }),
  conventionRef: z
    .string()
    .trim()
    .min(2, 'référence de convention : 2 caractères au moins')
    .max(120, 'référence de convention : 120 caractères au plus')
    .nullable(),
  conventionSignedOn: localDate.nullable(),
  arsApprovedOn: localDate.nullable(),
};
export const regulationPatch = z.object(regulationPatchShape).partial();
export type RegulationPatch = z.infer<typeof regulationPatch>;

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const startTime = z.string().regex(hhmm, 'heure HH:MM attendue');
// 24:00 closes a slot at midnight (the split night's 20:00–24:00): the engine places it on the next day.
const endTime = z
  .string()
  .refine((v) => hhmm.test(v) || v === '24:00', 'heure HH:MM attendue (ou 24:00)');

/** The shape of a service's template; the rules across slots are rota/template-check.ts's. */
export const shiftTemplate = z
  .array(
    z.object({
      name: displayName(1, 40),
      days: z
        .array(
          z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'], {
            message: 'jour inconnu',
          }),
        )
        .min(1, 'au moins un jour'),
      start: startTime,
      end: endTime,
      levels: z
        .number({ message: 'nombre de niveaux attendu' })
        .int('nombre entier de niveaux attendu')
        .min(1, 'au moins 1 niveau')
        .max(5, '5 niveaux au plus'),
      kind: z.enum(['weeknight', 'saturday', 'sunday_holiday', 'christmas_newyear'], {
        message: 'type de créneau inconnu',
      }),
      modality: z.enum(['consultation', 'visite', 'regulation']).optional(),
    }),
  )
  .max(20, '20 créneaux au plus');

/** Weights per slot kind (rota/slot-weights.ts); a kind left out keeps its weight. */
const weight = z.number().min(0).max(20);
export const slotWeightsPatch = z
  .object({
    weeknight: weight,
    saturday_afternoon: weight,
    saturday_night: weight,
    sunday_holiday_day: weight,
    sunday_holiday_night: weight,
    christmas_newyear: weight,
  })
  .partial()
  .strict();

export const newTerritory = z.object({
  slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'minuscules, chiffres et tirets'),
  name: displayName(2, 120),
  timeZone: timeZone.default('Europe/Paris'),
  numbers: z.array(phone).min(1),
  fallbackNumber: phone.nullable().default(null),
  daytimeNumber: phone.nullable().default(null),
  holdLimitSeconds: z.number().int().min(30).max(1800).default(180),
  fallbackIsCallCentre: z.boolean().default(false),
  settings: territorySettingsPatch.default({}),
});
export type NewTerritory = z.infer<typeof newTerritory>;

export const territoryPatch = z
  .object({
    name: displayName(2, 120),
    fallbackNumber: phone.nullable(),
    daytimeNumber: phone.nullable(),
    /** Seconds a caller holds for the busy doctor before being escalated. */
    holdLimitSeconds: z.number().int().min(30).max(1800),
    /** The fallback number is a staffed call centre: dialled without keypress screening. */
    fallbackIsCallCentre: z.boolean(),
    settings: territorySettingsPatch,
    slotWeights: slotWeightsPatch,
    ...regulationPatchShape,
  })
  .partial();
export type TerritoryPatch = z.infer<typeof territoryPatch>;

export const servicePatch = z
  .object({
    name: displayName(2, 120),
    requiredLevels: z.number().int().min(1).max(5),
    template: shiftTemplate,
    active: z.boolean(),
    /** The service's own Saturday daytime PDSA hours (rota/calendar/pdsa.ts ServiceHours). */
    saturdayHours: z.enum(['territory', 'afternoon', 'day', 'none'], {
      message:
        "samedi : 'territory' (comme le territoire), 'afternoon' (12 h – 20 h), 'day' (8 h – 20 h) ou 'none'",
    }),
    /** Its nights: 20:00–08:00, 20:00–00:00 then the régulation only, or none. */
    nightHours: z.enum(['full', 'evening', 'none'], {
      message:
        "nuits : 'full' (20 h – 8 h), 'evening' (20 h – minuit, puis régulation seule) ou 'none'",
    }),
    /** The tableau de garde: the modality and the place (the MMG's address) of its doctors. */
    modality: z.enum(['consultation', 'visite', 'regulation']),
    place: z.string().trim().min(2).max(300).nullable(),
  })
  .partial();
export type ServicePatch = z.infer<typeof servicePatch>;

/** A confirmed pont or holiday: a real day of the years the calendar computes (shared rules). */
export const calendarDay = localDate;
export const calendarDayKind = z.object({
  kind: z.enum(['pont', 'holiday']),
  note: z.string().max(200).nullable().default(null),
});
export type CalendarDayKind = z.infer<typeof calendarDayKind>;

export const entityId = uuidParam;
