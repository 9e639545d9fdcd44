import { describe, expect, it } from 'vitest';
import { parseVoiceUrl } from './call-state.js';
import { safeAnswerOn } from './voice-webhooks.js';

// When a turn fails or runs late, the answer must be valid where it is played: a <Dial> to the
// fallback line is right on the patient's call only.
describe('the safe answer of a failed turn', () => {
  const patient = { url: parseVoiceUrl({}) };
  const leg = { url: parseVoiceUrl({ call: 'CA1', line: '+33261910015', attempt: '0' }) };

  it('on the patient call: none here (the fallback line is dialled)', () => {
    expect(safeAnswerOn('menu', patient)).toBeNull();
  });

  it("on a professional's leg: an apology and hang up", () => {
    for (const result of [safeAnswerOn('screen', leg), safeAnswerOn('queue-offer', patient)])
      expect(result?.steps.map((s) => s.verb)).toEqual(['say', 'hangup']);
  });

  it('in the hold wait document: leave the queue', () => {
    expect(safeAnswerOn('hold-wait', patient)?.steps).toEqual([{ verb: 'leave' }]);
  });

  it('in the <Queue url> of a caller being taken: nothing, the bridge goes ahead', () => {
    const taken = { url: parseVoiceUrl({ pro: 'p1' }) };
    expect(safeAnswerOn('queue-dequeued', taken)?.steps).toEqual([]);
  });
});
