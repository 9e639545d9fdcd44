import { describe, expect, it } from 'vitest';
import { callFacts, type CallTimeline, type PathEvent } from './call-timeline.js';
import { nightlyCallStats, type CallbackFact } from './night-stats.js';

/*
 * Known call timelines, shaped as the line records them (call_events: visits, rings with their
 * attempt and source, the keypress, ring results), and the figures a coordinator must read.
 */
const zone = 'Europe/Paris';
const s = (base: string, seconds: number) => new Date(Date.parse(base) + seconds * 1000);

type Step = [seconds: number, kind: string, node: string | null, detail?: Record<string, unknown>];

function timeline(
  start: string,
  steps: Step[],
  outcome: string | null,
  connectedAfter: number | null = null,
): CallTimeline {
  const events: PathEvent[] = [[0, 'visit', 'greeting'] as Step, ...steps].map(
    ([at, kind, node, detail]) => ({ at: s(start, at), kind, node, detail: detail ?? {} }),
  );
  return {
    startedAt: new Date(start),
    connectedAt: connectedAfter === null ? null : s(start, connectedAfter),
    outcome,
    events,
  };
}

const ring = (at: number, attempt: number, source = 'shift'): Step[] => [
  [at, 'visit', source === 'fallback' ? 'route_fallback' : 'route'],
  [at, 'ring', null, { attempt, level: source === 'fallback' ? 99 : attempt + 1, source }],
];
const result = (at: number, attempt: number, r: string): Step => [
  at,
  'ring_result',
  null,
  { attempt, result: r },
];
const menu = (at: number, digits: string): Step => [at, 'visit', 'menu', { digits }];

// Night of Monday 23 November 2026 (22:00 Paris = 21:00Z).
const doctorAfter30s = timeline(
  '2026-11-23T21:00:00Z',
  [
    menu(20, '1'),
    ...ring(20, 0),
    [50, 'accepted', null, { attempt: 0 }],
    result(400, 0, 'accepted'),
  ],
  'connected',
  // A record from before the fix: connected_at at the end of the conversation (400 s).
  400,
);
const fallbackScreened = timeline(
  '2026-11-23T22:00:00Z',
  [
    menu(15, '1'),
    ...ring(15, 0),
    result(35, 0, 'no-answer'),
    ...ring(35, 1),
    result(55, 1, 'no-answer'),
    ...ring(55, 2, 'fallback'),
    [62, 'accepted', null, { attempt: 2 }],
    result(300, 2, 'accepted'),
  ],
  // Recorded as "connected" before the fix: the ring says it was the permanence.
  'connected',
  300,
);
const abandoned = timeline('2026-11-23T23:00:00Z', [menu(10, '1'), ...ring(10, 0)], 'abandoned');
const nobodyThenCallback = timeline(
  '2026-11-24T01:00:00Z',
  [
    menu(12, '1'),
    ...ring(12, 0),
    result(32, 0, 'no-answer'),
    ...ring(32, 1),
    result(52, 1, 'busy'),
    ...ring(52, 2, 'fallback'),
    result(72, 2, 'no-answer'),
    [72, 'visit', 'nobody_reached'],
  ],
  'callback',
);
const pharmacy = timeline(
  '2026-11-24T02:00:00Z',
  [menu(8, '2'), [8, 'visit', 'pharmacy']],
  'pharmacy_info',
);
// Night of Tuesday 24 November.
const callCentreFallback = timeline(
  '2026-11-24T21:00:00Z',
  [
    menu(15, '1'),
    ...ring(15, 0),
    result(35, 0, 'no-answer'),
    ...ring(35, 1),
    result(55, 1, 'no-answer'),
    ...ring(55, 2, 'fallback'),
    result(500, 2, 'accepted'),
  ],
  'fallback',
  // Unscreened call centre: the record's instant is the Dial's end less DialCallDuration.
  70,
);
const doctorAfter20s = timeline(
  '2026-11-24T22:00:00Z',
  [
    menu(25, '1'),
    ...ring(25, 0),
    [45, 'accepted', null, { attempt: 0 }],
    result(200, 0, 'accepted'),
  ],
  'connected',
  45,
);

const callback = (
  created: string,
  status: CallbackFact['status'],
  dueAfterMin: number,
  doneAfterMin: number | null,
): CallbackFact => ({
  createdAt: new Date(created),
  status,
  dueBy: s(created, dueAfterMin * 60),
  completedAt: doneAfterMin === null ? null : s(created, doneAfterMin * 60),
});
const callbacks = [
  callback('2026-11-24T01:01:00Z', 'done', 60, 20), // in time
  callback('2026-11-24T03:00:00Z', 'done', 60, 90), // late
  callback('2026-11-24T04:00:00Z', 'failed', 60, null), // not done
  callback('2026-11-24T23:00:00Z', 'pending', 60, null), // past its deadline: not done
  callback('2026-11-25T05:30:00Z', 'pending', 240, null), // not due yet: open
];
const now = new Date('2026-11-25T06:00:00Z');

describe('one call’s facts, from its timeline', () => {
  it('a doctor who presses 1 after 30 s: 30 s, not the 380 s to the end of the conversation', () => {
    expect(callFacts(doctorAfter30s)).toMatchObject({
      reached: 'doctor',
      waitSeconds: 30,
      soughtPerson: true,
      abandonedBeforePerson: false,
    });
  });
  it('the permanence answering is the permanence, even on a record that says "connected"', () => {
    expect(callFacts(fallbackScreened)).toMatchObject({ reached: 'fallback', waitSeconds: 47 });
    expect(callFacts(callCentreFallback)).toMatchObject({ reached: 'fallback', waitSeconds: 55 });
  });
  it('hung up before anyone answered; a callback is not an abandon; pharmacy sought no one', () => {
    expect(callFacts(abandoned)).toMatchObject({
      reached: null,
      waitSeconds: null,
      abandonedBeforePerson: true,
    });
    expect(callFacts(nobodyThenCallback)).toMatchObject({
      reached: null,
      soughtPerson: true,
      abandonedBeforePerson: false,
    });
    expect(callFacts(pharmacy)).toMatchObject({ soughtPerson: false, reached: null });
  });
  it('a record without a path: from the call’s start to its connected instant', () => {
    const bare = { startedAt: new Date('2026-11-23T21:00:00Z'), events: [] };
    expect(
      callFacts({ ...bare, connectedAt: s('2026-11-23T21:00:00Z', 12), outcome: 'connected' }),
    ).toMatchObject({ reached: 'doctor', waitSeconds: 12 });
  });
});

describe('the figures of each night', () => {
  const calls = [
    doctorAfter30s,
    fallbackScreened,
    abandoned,
    nobodyThenCallback,
    pharmacy,
    callCentreFallback,
    doctorAfter20s,
    // Outside the nights asked for: ignored.
    timeline('2026-11-10T21:00:00Z', [], 'connected', 5),
  ];
  const { nights, total } = nightlyCallStats(
    calls,
    callbacks,
    ['2026-11-23', '2026-11-24'],
    zone,
    now,
  );

  it('Monday: one call in four that sought a person reached a doctor', () => {
    expect(nights[0]).toEqual({
      night: '2026-11-23',
      calls: 5,
      soughtCare: 4,
      reachedDoctor: 1,
      reachedFallback: 1,
      abandonedBeforePerson: 1,
      doctorRate: 25,
      medianWait: 30,
      p90Wait: 47,
      callbacks: { inTime: 1, late: 1, notDone: 1, open: 0 },
    });
  });
  it('Tuesday: the call centre and a doctor; a callback past due and one not yet due', () => {
    expect(nights[1]).toEqual({
      night: '2026-11-24',
      calls: 2,
      soughtCare: 2,
      reachedDoctor: 1,
      reachedFallback: 1,
      abandonedBeforePerson: 0,
      doctorRate: 50,
      medianWait: 20,
      p90Wait: 55,
      callbacks: { inTime: 0, late: 0, notDone: 1, open: 1 },
    });
  });
  it('over both nights', () => {
    expect(total).toEqual({
      night: 'total',
      calls: 7,
      soughtCare: 6,
      reachedDoctor: 2,
      reachedFallback: 2,
      abandonedBeforePerson: 1,
      doctorRate: 33,
      medianWait: 30,
      p90Wait: 55,
      callbacks: { inTime: 1, late: 1, notDone: 2, open: 1 },
    });
  });
  it('gives nulls, not zeros, for a night without calls', () => {
    expect(nightlyCallStats([], [], ['2026-11-23'], zone, now).nights[0]).toMatchObject({
      calls: 0,
      doctorRate: null,
      medianWait: null,
      p90Wait: null,
    });
  });
});
