import { createHash } from 'node:crypto';

/** One place of practice of a person, as the register gives it (one row per person × place). */
export interface NationalPlace {
  structureName: string | null;
  structureId: string | null;
  address: string | null;
  postcode: string | null;
  inseeCommune: string;
  communeName: string | null;
  phone: string | null;
  email: string | null;
}

/** A person of the register practising in the territory, their places merged. */
export interface NationalPerson {
  /** Identification nationale PP: '8' + the RPPS number (or '0' + an ADELI number). */
  nationalId: string;
  rpps: string | null;
  civility: string | null;
  lastName: string;
  firstName: string;
  professionCode: string | null;
  specialtyCodes: string[];
  places: NationalPlace[];
}

const same = (a: NationalPlace, b: NationalPlace) =>
  a.structureId === b.structureId &&
  a.address === b.address &&
  a.inseeCommune === b.inseeCommune &&
  a.structureName === b.structureName;

/**
 * Adds one row's facts to the person: a place not seen yet (the register repeats a place once
 * per savoir-faire or role), a specialty not listed yet. Rows of one person need not be adjacent.
 */
export function mergeRow(
  person: NationalPerson,
  place: NationalPlace,
  specialty: string | null,
): void {
  if (!person.places.some((p) => same(p, place))) person.places.push(place);
  addSpecialty(person, specialty);
}

export function addSpecialty(person: NationalPerson, code: string | null): void {
  if (code && !person.specialtyCodes.includes(code)) person.specialtyCodes.push(code);
}

/**
 * What the register says of a person, as one hash: an entry whose hash did not change is not
 * rewritten. Specialties are sorted (their order in the files is not meaningful); places keep the
 * register's order (the first is shown first).
 */
export function nationalHash(person: NationalPerson): string {
  const facts = [
    person.nationalId,
    person.rpps,
    person.civility,
    person.lastName,
    person.firstName,
    person.professionCode,
    [...person.specialtyCodes].sort(),
    person.places.map((p) => [
      p.structureName,
      p.structureId,
      p.address,
      p.postcode,
      p.inseeCommune,
      p.communeName,
      p.phone,
      p.email,
    ]),
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url');
}
