import type { Contact, Override, Professional, Shift } from './types.js';

export interface OnDutyInput {
  serviceId: string;
  at: Date;
  shifts: Shift[];
  overrides: Override[];
  professionals: Map<string, Professional>;
  /** The territory's staffed fallback line, rung after everyone on the rota. */
  fallback?: { name: string; phone: string } | null;
}

/**
 * Who the phone must ring at `at`, in order: each active level's professional (an override
 * replaces the shift's professional during its interval), lowest level first; the same phone
 * is rung once; the fallback line last — alone when nobody is on the rota.
 */
export function resolveOnDuty(input: OnDutyInput): Contact[] {
  const t = input.at.getTime();
  const covering = input.shifts
    .filter((s) => s.serviceId === input.serviceId && s.startsAt.getTime() <= t && t < s.endsAt.getTime())
    .sort((a, b) => a.level - b.level || a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  for (const shift of covering) {
    const override = input.overrides.find((o) => o.shiftId === shift.id && o.startsAt.getTime() <= t && t < o.endsAt.getTime());
    const professionalId = override?.professionalId ?? shift.professionalId;
    if (!professionalId) continue;
    const person = input.professionals.get(professionalId);
    if (!person || seen.has(person.mobile)) continue;
    seen.add(person.mobile);
    contacts.push({
      professionalId,
      name: person.name,
      phone: person.mobile,
      level: shift.level,
      source: override ? 'override' : 'shift',
      shiftId: shift.id,
    });
  }
  if (input.fallback && !seen.has(input.fallback.phone)) {
    contacts.push({ professionalId: null, name: input.fallback.name, phone: input.fallback.phone, level: 99, source: 'fallback', shiftId: null });
  }
  return contacts;
}
