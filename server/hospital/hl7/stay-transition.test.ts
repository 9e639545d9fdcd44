import { describe, expect, it } from 'vitest';
import type { AdtMovement } from './adt-message.js';
import type { StayEvent } from './envelope.js';
import { cancelsUnknownStay, stayTransition, type StayDates } from './stay-transition.js';

const at = new Date('2026-11-29T07:25:00Z');
const movement = (event: StayEvent, fields: Partial<AdtMovement> = {}): AdtMovement => ({
  event,
  patient: { id: '1', familyName: 'X', givenName: '', birthDate: null, sex: null },
  visitNumber: 'V1',
  patientClass: 'I',
  unit: null,
  occurredAt: at,
  admittedAt: null,
  dischargedAt: null,
  expectedDischargeAt: null,
  gpRpps: null,
  movementId: null,
  movementAction: null,
  ...fields,
});
const admitted: StayDates = {
  status: 'admitted',
  admittedAt: at,
  dischargedAt: null,
  expectedDischargeAt: new Date('2026-12-05T11:00:00Z'),
};

describe('what an ADT event does to a stay', () => {
  it('admits (A01, A04), pre-admits (A05), sends on leave and back (A21, A22)', () => {
    expect(stayTransition(null, movement('A01')).next).toMatchObject({
      status: 'admitted',
      admittedAt: at,
    });
    expect(stayTransition(null, movement('A04')).next.status).toBe('admitted');
    expect(stayTransition(null, movement('A05')).next.status).toBe('pre_admitted');
    expect(stayTransition(admitted, movement('A21')).next.status).toBe('on_leave');
    expect(stayTransition(admitted, movement('A22')).next.status).toBe('admitted');
  });

  it('discharges at PV1-45, else at the movement time, keeping the expected date', () => {
    const out = new Date('2026-12-05T10:00:00Z');
    expect(stayTransition(admitted, movement('A03', { dischargedAt: out })).next).toEqual({
      ...admitted,
      status: 'discharged',
      dischargedAt: out,
    });
    expect(stayTransition(admitted, movement('A03')).next.dischargedAt).toEqual(at);
  });

  it('cancels the admission (A11) or the discharge (A13), naming what it cancels', () => {
    expect(stayTransition(admitted, movement('A11'))).toEqual({
      next: { ...admitted, status: 'cancelled' },
      cancels: { events: ['A01', 'A04', 'A05'] },
    });
    const discharged = { ...admitted, status: 'discharged' as const, dischargedAt: at };
    expect(stayTransition(discharged, movement('A13'))).toEqual({
      next: { ...admitted, status: 'admitted', dischargedAt: null },
      cancels: { events: ['A03'] },
    });
  });

  it('has nothing to cancel on a stay it never heard of', () => {
    expect(cancelsUnknownStay(null, movement('A11'))).toBe(true);
    expect(cancelsUnknownStay(null, movement('A03'))).toBe(false);
  });
});
