import { describe, expect, it } from 'vitest';
import { callPathSentences, type NamedEvent } from './call-path.js';

const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss}Z`); // 22:xx UTC is 23:xx in Paris
const ev = (
  time: string,
  kind: string,
  node: string | null,
  detail: Record<string, unknown> = {},
  professionalName: string | null = null,
): NamedEvent => ({ at: at(time), kind, node, detail, professionalName });

const read = (
  events: NamedEvent[],
  end: Date | null = null,
  durationSeconds: number | null = null,
) =>
  callPathSentences(events, { at: end, durationSeconds }, 'Europe/Paris').map(
    (s) => `${s.time} ${s.text}`,
  );

describe('a call path in plain French', () => {
  it('the doctor does not answer, the permanence does: two sentences, no internal code', () => {
    const lines = read(
      [
        ev('22:03:40', 'visit', 'greeting'),
        ev('22:04:00', 'visit', 'menu', { digits: '1' }),
        ev('22:04:00', 'visit', 'route'),
        ev('22:04:00', 'ring', null, { attempt: 0, level: 1, source: 'shift' }, 'Dr Anne Le Goff'),
        ev('22:04:20', 'ring_result', null, { attempt: 0, result: 'no-answer' }, 'Dr Anne Le Goff'),
        ev('22:04:20', 'ring', null, { attempt: 1, level: 2, source: 'shift' }, 'Dr Marc Riou'),
        ev('22:04:50', 'ring_result', null, { attempt: 1, result: 'not_accepted' }, 'Dr Marc Riou'),
        ev('22:05:10', 'visit', 'route_fallback'),
        ev('22:05:10', 'ring', null, { attempt: 2, level: 99, source: 'fallback' }),
        ev('22:09:00', 'ring_result', null, { attempt: 2, result: 'accepted' }),
      ],
      at('22:09:05'),
      325,
    );
    expect(lines).toEqual([
      '23:03 appel reçu, message d’accueil',
      '23:04 demande à parler au médecin de garde',
      '23:04 appel du Dr Anne Le Goff, pas de réponse',
      '23:04 appel du Dr Marc Riou (renfort), répondeur ou pas d’appui sur 1',
      '23:05 ligne de permanence, décroché',
      '23:09 fin de l’appel (5 min 25 s)',
    ]);
    expect(lines.join(' ')).not.toMatch(/route_fallback|not_accepted|niveau|99/);
  });

  it('a keypress says who accepted; a ring still going has no result yet', () => {
    expect(
      read([
        ev('22:10:00', 'ring', null, { attempt: 0, level: 1, source: 'shift' }, 'Dr Anne Le Goff'),
        ev('22:10:30', 'accepted', null, { attempt: 0 }),
        ev('22:20:00', 'ring_result', null, { attempt: 0, result: 'accepted' }),
      ]),
    ).toEqual(['23:10 appel du Dr Anne Le Goff, décroché, accepté par appui sur 1']);
    expect(
      read([ev('22:10:00', 'ring', null, { attempt: 0, level: 1 }, 'Dr Anne Le Goff')]),
    ).toEqual(['23:10 appel du Dr Anne Le Goff']);
  });

  it('menu choices and unknown codes read as words', () => {
    expect(
      read([
        ev('22:00:00', 'visit', 'menu'),
        ev('22:00:10', 'visit', 'menu', { digits: '7' }),
        ev('22:00:20', 'visit', 'menu', { digits: '3' }),
        ev('22:00:20', 'visit', 'callback'),
        ev('22:00:30', 'ring', null, { attempt: 0, level: 1 }, 'Dr A'),
        ev('22:00:50', 'ring_result', null, { attempt: 0, result: 'something-new' }),
      ]),
    ).toEqual([
      '23:00 pas de choix au menu',
      '23:00 touche 7 non reconnue',
      '23:00 demande à être rappelé',
      '23:00 demande de rappel enregistrée',
      '23:00 appel du Dr A, sans suite',
    ]);
  });
});
