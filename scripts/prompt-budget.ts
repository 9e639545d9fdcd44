/** Prints how many seconds of prompt audio a caller who presses 1 at once hears before the doctor's phone rings. */
import { menuChoice, spokenSeconds, startCall, type FlowContext } from '../ivr-flows/index.js';
import { initialState } from '../ivr-flows/state.js';

const ctx: FlowContext = {
  territory: {
    name: "Pays d'Auray",
    regulationMode: 'plateforme',
    crraNumber: null,
    regionalNumber: '15',
    recordingNotice: false,
    daytimeNumber: null,
    pharmacy: null,
    fallbackIsCallCentre: false,
  },
  inPdsaHours: true,
  contacts: [
    {
      professionalId: 'p',
      name: 'Dr',
      phone: '+33639980001',
      level: 1,
      source: 'shift',
      shiftId: null,
    },
  ],
  caller: { hidden: false, isMobile: true },
  callSid: 'CA',
  lineNumber: '+33261910015',
  doctorBusy: false,
  holdQueue: 'q',
  holdLimitSeconds: 180,
};
const warning = spokenSeconds([startCall(ctx).steps[0]!]);
const routing = spokenSeconds(menuChoice(ctx, initialState, '1').steps);
console.log(
  `greeting + emergency warning: ${warning.toFixed(1)} s; "we are calling the doctor": ${routing.toFixed(1)} s; total ${(warning + routing).toFixed(1)} s before the doctor's phone rings`,
);
