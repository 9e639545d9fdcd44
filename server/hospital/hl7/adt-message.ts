import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { StayEvent } from './envelope.js';
import { dateOf, instantOf, repetitionsOf, valueOf } from './hl7-values.js';
import { refusals, type Refusal } from './refusals.js';

/** What one ADT message of IHE PAM France says about a stay, read and checked. */
export interface AdtMovement {
  event: StayEvent;
  patient: {
    /** PID-3, the IPP (the repetition typed PI, else the first): never the INS. */
    id: string;
    familyName: string;
    givenName: string;
    birthDate: string | null;
    sex: string | null;
  };
  /** PV1-19. */
  visitNumber: string;
  patientClass: string | null;
  /** ZBE-7 (the medical unit), else PV1-3's point of care. */
  unit: string | null;
  /** ZBE-2, else EVN-6, EVN-2, MSH-7. */
  occurredAt: Date;
  /** PV1-44 and PV1-45. */
  admittedAt: Date | null;
  dischargedAt: Date | null;
  /** PV2-9. */
  expectedDischargeAt: Date | null;
  /** ROL ODRP: the médecin traitant's RPPS; 'removed' for ROL-2 DE; null when no ODRP role. */
  gpRpps: string | 'removed' | null;
  /** ZBE-1 (the movement, or for a cancellation the movement it cancels) and ZBE-4. */
  movementId: string | null;
  movementAction: string | null;
}

export type AdtReading = { ok: true; adt: AdtMovement } | { ok: false; refusal: Refusal };

/** Reads PID, PV1, PV2, ROL, EVN and ZBE; `timeZone` places times written without an offset. */
export function readAdt(message: Hl7Message, event: StayEvent, timeZone: string): AdtReading {
  const pid = message.getSegment('PID');
  const pv1 = message.getSegment('PV1');
  const evn = message.getSegment('EVN');
  const zbe = message.getSegment('ZBE');
  const patientId = ippOf(pid);
  if (!patientId)
    return fail(refusals.missing('PID^1^3', 'identifiant patient', 'patient identifier'));
  const visitNumber = valueOf(pv1, 19);
  if (!visitNumber) return fail(refusals.missing('PV1^1^19', 'numéro de venue', 'visit number'));
  const name = nameOf(pid);
  if (!name.familyName) return fail(refusals.missing('PID^1^5', 'nom du patient', 'patient name'));

  const times = {
    zbe2: ['ZBE^1^2', valueOf(zbe, 2)],
    evn6: ['EVN^1^6', valueOf(evn, 6)],
    evn2: ['EVN^1^2', valueOf(evn, 2)],
    msh7: ['MSH^1^7', valueOf(message.header, 7)],
    pv144: ['PV1^1^44', valueOf(pv1, 44)],
    pv145: ['PV1^1^45', valueOf(pv1, 45)],
    pv29: ['PV2^1^9', valueOf(message.getSegment('PV2'), 9)],
  } as const;
  const read: Partial<Record<keyof typeof times, Date | null>> = {};
  for (const [key, [location, value]] of Object.entries(times)) {
    const instant = instantOf(value, timeZone);
    if (instant === 'invalid')
      return fail(refusals.badValue(location, 'date et heure', 'date and time'));
    read[key as keyof typeof times] = instant;
  }
  const birthDate = dateOf(valueOf(pid, 7));
  if (birthDate === 'invalid')
    return fail(refusals.badValue('PID^1^7', 'date de naissance', 'birth date'));
  const occurredAt = read.zbe2 ?? read.evn6 ?? read.evn2 ?? read.msh7;
  if (!occurredAt) return fail(refusals.missing('EVN^1^2', 'date du mouvement', 'movement time'));

  return {
    ok: true,
    adt: {
      event,
      patient: {
        id: patientId,
        ...name,
        birthDate,
        sex: valueOf(pid, 8) || null,
      },
      visitNumber,
      patientClass: valueOf(pv1, 2) || null,
      unit: valueOf(zbe, 7, 1) || valueOf(zbe, 7, 10) || valueOf(pv1, 3, 1) || null,
      occurredAt,
      admittedAt: read.pv144 ?? null,
      dischargedAt: read.pv145 ?? null,
      expectedDischargeAt: read.pv29 ?? null,
      gpRpps: gpRppsOf(message.getAllSegments('ROL')),
      movementId: valueOf(zbe, 1) || null,
      movementAction: valueOf(zbe, 4) || null,
    },
  };
}

const fail = (refusal: Refusal): AdtReading => ({ ok: false, refusal });

function ippOf(pid: Hl7Segment | undefined): string {
  const count = repetitionsOf(pid, 3);
  for (let r = 0; r < count; r += 1)
    if (valueOf(pid, 3, 5, r) === 'PI') return valueOf(pid, 3, 1, r);
  // No type given: the first identifier, unless it is typed as something else (INS, NIR…).
  return count > 0 && valueOf(pid, 3, 5, 0) === '' ? valueOf(pid, 3, 1, 0) : '';
}

/** PID-5: the name of use (type D in PAM France), else the legal one (L), else the first. */
function nameOf(pid: Hl7Segment | undefined): { familyName: string; givenName: string } {
  const count = repetitionsOf(pid, 5);
  const types = Array.from({ length: count }, (_, r) => valueOf(pid, 5, 7, r));
  const r = Math.max(0, types.indexOf('D') >= 0 ? types.indexOf('D') : types.indexOf('L'));
  return { familyName: valueOf(pid, 5, 1, r), givenName: valueOf(pid, 5, 2, r) };
}

/**
 * The médecin traitant: ROL-3 ODRP, ROL-4's XCN-1. PAM France sends the identification nationale
 * ('8' + the 11-digit RPPS); the directory keys on the RPPS itself.
 */
function gpRppsOf(rols: Hl7Segment[]): string | 'removed' | null {
  const rol = rols.find((segment) => valueOf(segment, 3, 1) === 'ODRP');
  if (!rol) return null;
  if (valueOf(rol, 2) === 'DE') return 'removed';
  const id = valueOf(rol, 4, 1);
  if (!id) return null;
  return /^8\d{11}$/.test(id) ? id.slice(1) : id;
}
