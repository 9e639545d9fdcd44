import { TZDate } from '@date-fns/tz';

/** A weekly window of an advice offer, in the territory's wall-clock time. */
export interface AdviceWindow {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** 'HH:MM'. */
  start: string;
  /** 'HH:MM' after start; '24:00' runs to midnight. */
  end: string;
}

/** One specialist's offer of advice in one specialty, as the server loads it. */
export interface AdviceOfferFacts {
  specialtyCode: string;
  /** The specialty's French name (server/directory/national/codes.ts). */
  label: string;
  entryId: string;
  /** Sorts the specialists of a specialty: the same order on every webhook of a call. */
  name: string;
  /** The number to ring: the offer's direct line, else the entry's, else its mobile. */
  phone: string;
  deadlineHours: number;
  windows: AdviceWindow[];
}

export interface Specialist {
  entryId: string;
  name: string;
  phone: string;
}

/** One key of the professionals' menu. */
export interface SpecialtyChoice {
  key: string;
  code: string;
  label: string;
  /** Who to ring, in order. */
  specialists: Specialist[];
  /** The shortest deadline its specialists set for an avis request. */
  deadlineHours: number;
}

/** Keys 1 to 9: 0 repeats the menu. */
const maxChoices = 9;

/** Wall-clock weekday and 'HH:MM' of `now` in `timeZone` (DST included). */
export function localWeekTime(now: Date, timeZone: string): { weekday: number; time: string } {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    weekday: local.getDay() === 0 ? 7 : local.getDay(),
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  };
}

/** True when `now` falls within the window (start included, end excluded), in `timeZone`. */
export function windowOpen(window: AdviceWindow, now: Date, timeZone: string): boolean {
  const { weekday, time } = localWeekTime(now, timeZone);
  return window.weekday === weekday && window.start <= time && time < window.end;
}

/**
 * The professionals' menu: one key per specialty, keys 1..n by specialty label (then code), so
 * that a caller hears the same order every time. `openNow`: only offers with a window open at
 * `now` (the specialties taking calls now); otherwise every offer (for an avis request).
 */
export function adviceMenu(
  offers: AdviceOfferFacts[],
  now: Date,
  timeZone: string,
  openNow = true,
): SpecialtyChoice[] {
  const byCode = new Map<string, AdviceOfferFacts[]>();
  for (const offer of offers) {
    if (openNow && !offer.windows.some((w) => windowOpen(w, now, timeZone))) continue;
    byCode.set(offer.specialtyCode, [...(byCode.get(offer.specialtyCode) ?? []), offer]);
  }
  return [...byCode.values()]
    .map((group) => {
      const sorted = [...group].sort(
        (a, b) => a.name.localeCompare(b.name, 'fr') || a.entryId.localeCompare(b.entryId),
      );
      return {
        code: sorted[0]!.specialtyCode,
        label: sorted[0]!.label,
        specialists: sorted.map(({ entryId, name, phone }) => ({ entryId, name, phone })),
        deadlineHours: Math.min(...sorted.map((o) => o.deadlineHours)),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'fr') || a.code.localeCompare(b.code))
    .slice(0, maxChoices)
    .map((choice, i) => ({ key: String(i + 1), ...choice }));
}
