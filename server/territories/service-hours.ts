import type { ServiceHours } from '../../rota/calendar/pdsa.js';

/** The columns of a service that hold its own PDSA hours. */
export interface ServiceHoursColumns {
  saturdayHours: ServiceHours['saturday'];
  nightHours: ServiceHours['nights'];
}

/** A service row's own PDSA hours, as the rota engine reads them. */
export const serviceHoursOf = (service: ServiceHoursColumns): ServiceHours => ({
  saturday: service.saturdayHours,
  nights: service.nightHours,
});

const nights: Record<ServiceHours['nights'], string> = {
  full: 'nuits 20 h – 8 h',
  evening: 'soirées 20 h – minuit (de minuit à 8 h : régulation seule)',
  none: 'pas de nuits (régulation seule)',
};

/** A service's PDSA hours in one French line, for the pages that show services. */
export function serviceHoursLabel(
  service: ServiceHoursColumns,
  saturdayAfternoon: boolean,
): string {
  const saturday =
    service.saturdayHours === 'day'
      ? 'samedi dès 8 h'
      : service.saturdayHours === 'afternoon' ||
          (service.saturdayHours === 'territory' && saturdayAfternoon)
        ? 'samedi dès 12 h'
        : 'pas le samedi en journée';
  return `Horaires PDSA : ${nights[service.nightHours]} ; ${saturday} ; dimanches, fériés et ponts 8 h – 20 h.`;
}
