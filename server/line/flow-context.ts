import { isPdsaTime, isRegulationOnlyTime, type PdsaCalendar } from '../../rota/calendar/pdsa.js';
import { localDateOf } from '../../rota/calendar/local-date.js';
import { territoryCalendar } from '../../rota/calendar/territory-calendar.js';
import type { FlowContext } from '../../ivr-flows/types.js';
import { contactsFrom, doctorContacts } from './contacts.js';
import type { LineContext } from './line-context.js';
import type { LiveCalls } from './call-state.js';
import { isHiddenCaller, isMobile } from '../platform/phone-numbers.js';
import { serviceHoursOf } from '../territories/service-hours.js';

/** The Twilio queue where a territory's callers hold for the busy doctor. */
export const holdQueueOf = (territoryId: string) => `line-${territoryId}`;

/** The PDSA calendar of a territory around `now`, in its doctors' service's own hours. */
export function pdsaCalendarOf(line: LineContext, now: Date): PdsaCalendar {
  const { territory, calendar } = line.territory;
  const year = Number(localDateOf(now, territory.timeZone).slice(0, 4));
  return territoryCalendar(
    { timeZone: territory.timeZone, ...territory.settings },
    calendar,
    year - 1,
    year + 1,
    line.doctorService ? serviceHoursOf(line.doctorService) : undefined,
  );
}

/** Builds what the pure flows may know, from a loaded (or cached) line context. */
export async function flowContextOf(
  line: LineContext,
  params: { callSid: string; from: string | undefined },
  now: Date,
  live: LiveCalls,
): Promise<FlowContext> {
  const { territory } = line.territory;
  const contacts = doctorContacts(line, now);
  const pharmacist =
    line.pharmacyService && line.pharmacyRota
      ? contactsFrom(line.pharmacyRota, line.pharmacyService.id, now, null)[0]
      : undefined;
  const calendar = pdsaCalendarOf(line, now);
  const hidden = isHiddenCaller(params.from);
  const primary = contacts[0];
  // Shared storage unreachable: ring the doctor (the keypress claim still refuses a double bridge).
  const doctorBusy =
    primary?.source !== 'fallback' &&
    (await live.isBusy(primary?.professionalId).catch(() => false));
  return {
    territory: {
      name: territory.name,
      // The mode column is the one truth (settings.regulates, of old rows, is never read).
      regulationMode: territory.regulationMode,
      crraNumber: territory.crraNumber,
      regionalNumber: territory.regionalRegulationNumber,
      recordingNotice: territory.settings.recordingNotice,
      daytimeNumber: territory.daytimeNumber,
      pharmacy: pharmacist ? { name: pharmacist.name, phone: pharmacist.phone } : null,
      fallbackIsCallCentre: territory.fallbackIsCallCentre,
    },
    inPdsaHours: isPdsaTime(now, calendar),
    regulationOnly: isRegulationOnlyTime(now, calendar),
    contacts,
    caller: { hidden, isMobile: !hidden && isMobile(params.from!) },
    callSid: params.callSid,
    lineNumber: line.calledNumber,
    doctorBusy,
    holdQueue: holdQueueOf(territory.id),
    holdLimitSeconds: territory.holdLimitSeconds,
  };
}
