import { bothLanguages, crraRingSeconds } from './patient-line-centre15.js';
import { voice } from './say.js';
import type { FlowResult, Lang, RegionalNumber } from './types.js';

/**
 * What the patient's own call does when the régulateur hands them to the CRRA (the server
 * redirects the live call to these steps through Twilio's REST API): a sentence, the CRRA dialled
 * without screening (a staffed call centre), then, whatever came of it, the regional number to
 * dial and a goodbye. The Dial has no action: the sentence after it is the call's last word, so
 * the patient is never left in silence when the CRRA is busy or does not answer.
 */
export function crraHandoff(crraNumber: string, regional: RegionalNumber, lang: Lang): FlowResult {
  return {
    steps: [
      ...bothLanguages(lang, (l) => voice(l).handoffToCrra),
      { verb: 'dial', number: crraNumber, timeout: crraRingSeconds, screenPath: null },
      ...bothLanguages(lang, (l) => voice(l).crraHandoffEnd(regional)),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}
