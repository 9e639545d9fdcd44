import { centre15MenuLine, inCentre15, toRegulation } from './patient-line-centre15.js';
import { routeToContact } from './routing.js';
import { say, voice } from './say.js';
import { voicePath } from './call-url.js';
import { initialState, type CallState } from './state.js';
import type { FlowContext, FlowResult, Prompt, Step } from './types.js';

/** Somebody of the doctors' rota is on duty now (the fallback line is nobody of the rota). */
const onRota = (ctx: FlowContext) => ctx.contacts.some((c) => c.source !== 'fallback');

/**
 * The line routes to the doctors within the service's PDSA hours and, outside them, whenever
 * somebody is on the rota: it says "closed" only when nobody is.
 */
export const lineOpen = (ctx: FlowContext): boolean => ctx.inPdsaHours || onRota(ctx);

/** PDSA time the doctors' service leaves to the régulation, and nobody on the rota: say so. */
export const regulationHour = (ctx: FlowContext): boolean =>
  ctx.regulationOnly === true && !onRota(ctx);

/** 'centre15' mode while a doctor could be asked for: every such path goes to the régulation. */
const centre15Open = (ctx: FlowContext): boolean =>
  inCentre15(ctx) && (lineOpen(ctx) || regulationHour(ctx));

/** Re-prompts before the safe default. */
export const maxRetries = 2;
const gatherTimeout = 6;

/**
 * A new call: greeting and the vital-emergency warning first (outside the Gather, so no
 * keypress can skip it), then the menu with barge-in. Its one effect opens the call record
 * with the greeting visit.
 */
export function startCall(ctx: FlowContext): FlowResult {
  const t = voice('fr');
  const steps: Step[] = [
    say(`${t.greeting(ctx.territory.name)} ${t.emergencyWarning}`, 'fr'),
    menuGather(ctx, initialState, true),
  ];
  steps.push({ verb: 'redirect', path: voicePath('menu', initialState, true) });
  return { steps, effects: [{ kind: 'open_call', node: 'greeting' }] };
}

function menuPrompts(ctx: FlowContext, state: CallState, first: boolean): Prompt[] {
  const t = voice(state.lang);
  const lines: string[] = [];
  if (first && ctx.territory.recordingNotice) lines.push(t.recordingNotice);
  if (centre15Open(ctx)) {
    // No callback here: the callback job rings the rota's doctors.
    lines.push(centre15MenuLine(ctx, state.lang), t.menuPharmacy, t.menuRepeat);
  } else if (lineOpen(ctx)) {
    lines.push(t.menuDoctor, t.menuPharmacy, t.menuCallback, t.menuRepeat);
  } else if (regulationHour(ctx)) {
    lines.push(t.regulationOnly, t.regulationOnlyMenu);
  } else {
    lines.push(t.closedHours(ctx.territory.daytimeNumber), t.closedHoursMenu);
  }
  const prompts = [say(lines.join(' '), state.lang)];
  if (state.lang === 'fr') prompts.push(say(t.englishOffer, 'en'));
  return prompts;
}

function menuGather(
  ctx: FlowContext,
  state: CallState,
  first = false,
  preface: Prompt[] = [],
): Step {
  return {
    verb: 'gather',
    numDigits: 1,
    timeout: gatherTimeout,
    action: voicePath('menu', state),
    prompts: [...preface, ...menuPrompts(ctx, state, first)],
  };
}

/** The menu's answer: a lookup table of keys; anything else re-prompts, twice, then the safe default. */
export function menuChoice(
  ctx: FlowContext,
  state: CallState,
  digits: string | undefined,
): FlowResult {
  const visit = { kind: 'visit' as const, node: 'menu', ...(digits ? { digits } : {}) };
  const key = digits?.slice(0, 1);
  const handler = key ? choices[key] : undefined;
  if (handler) {
    const result = handler(ctx, { ...state, retries: 0 });
    if (result) return { steps: result.steps, effects: [visit, ...result.effects] };
  }
  // "Tapez 1 ou restez en ligne": silence goes to the régulation at once.
  if (!digits && centre15Open(ctx)) {
    const routed = toRegulation(ctx, { ...state, retries: 0 });
    return { steps: routed.steps, effects: [visit, ...routed.effects] };
  }
  return reprompt(ctx, state, digits ? 'invalid' : 'silent', visit);
}

type Choice = (ctx: FlowContext, state: CallState) => FlowResult | null;

const choices: Record<string, Choice> = {
  '1': (ctx, state) => {
    if (centre15Open(ctx)) return toRegulation(ctx, state);
    if (!lineOpen(ctx)) return regulationHour(ctx) ? regulationAnswer(ctx, state) : null;
    return routeToContact(ctx, { ...state, attempt: 0 });
  },
  '2': (ctx, state) => (lineOpen(ctx) || regulationHour(ctx) ? pharmacy(ctx, state) : null),
  // Not offered in centre15 mode: a callback would ring the rota's doctors.
  '3': (ctx, state) => (centre15Open(ctx) ? null : callbackRequested(ctx, state)),
  '9': (ctx, state) => {
    const english = { ...state, lang: 'en' as const };
    return {
      steps: [
        menuGather(ctx, english, false, [say(voice('en').emergencyWarning, 'en')]),
        redirectSilent(english),
      ],
      effects: [{ kind: 'set_lang', lang: 'en' }],
    };
  },
  '*': (ctx, state) => ({ steps: [menuGather(ctx, state), redirectSilent(state)], effects: [] }),
};

const redirectSilent = (state: CallState): Step => ({
  verb: 'redirect',
  path: voicePath('menu', state, true),
});

function reprompt(
  ctx: FlowContext,
  state: CallState,
  why: 'invalid' | 'silent',
  visit: FlowResult['effects'][number],
): FlowResult {
  const t = voice(state.lang);
  if (state.retries >= maxRetries) return safeDefault(ctx, state, visit);
  const next = { ...state, retries: state.retries + 1 };
  const preface = say(why === 'invalid' ? t.notUnderstood : t.noInput, state.lang);
  return {
    steps: [menuGather(ctx, next, false, [preface]), redirectSilent(next)],
    effects: [visit],
  };
}

/**
 * After two failed prompts: when the line is open, a person (in centre15 mode, the régulation);
 * in an hour left to the régulation, the régulation's numbers; otherwise the closing message.
 */
function safeDefault(
  ctx: FlowContext,
  state: CallState,
  visit: FlowResult['effects'][number],
): FlowResult {
  const open = lineOpen(ctx);
  const regulation = !open && regulationHour(ctx);
  if (centre15Open(ctx) || open) {
    const fresh = { ...state, attempt: 0, retries: 0 };
    const routed = centre15Open(ctx) ? toRegulation(ctx, fresh) : routeToContact(ctx, fresh);
    return {
      steps: routed.steps,
      effects: [visit, { kind: 'visit', node: 'safe_default' }, ...routed.effects],
    };
  }
  const t = voice(state.lang);
  const text = regulation
    ? `${t.regulationOnly} ${t.goodbye}`
    : `${t.closedHours(ctx.territory.daytimeNumber)} ${t.goodbye}`;
  return {
    steps: [say(text, state.lang), { verb: 'hangup' }],
    effects: [
      visit,
      { kind: 'visit', node: 'safe_default' },
      { kind: 'outcome', outcome: regulation ? 'call_15_first' : 'closed_hours' },
    ],
  };
}

/**
 * Option 1 ("réentendre") in an hour the doctors leave to the régulation: its numbers (never
 * dialled from here), inside the menu again so that 2 (the pharmacy) can still be pressed.
 */
function regulationAnswer(ctx: FlowContext, state: CallState): FlowResult {
  return {
    steps: [menuGather(ctx, state), redirectSilent(state)],
    effects: [
      { kind: 'visit', node: 'regulation_only' },
      { kind: 'outcome', outcome: 'call_15_first' },
    ],
  };
}

function pharmacy(ctx: FlowContext, state: CallState): FlowResult {
  const t = voice(state.lang);
  const p = ctx.territory.pharmacy;
  const info = p ? t.pharmacyFromRota(p.name, p.phone) : t.pharmacy3237;
  const effects: FlowResult['effects'] = [
    { kind: 'visit', node: 'pharmacy' },
    { kind: 'outcome', outcome: 'pharmacy_info' },
  ];
  if (p && ctx.caller.isMobile) {
    return {
      steps: [
        {
          verb: 'gather',
          numDigits: 1,
          timeout: gatherTimeout,
          action: voicePath('pharmacy-sms', state),
          prompts: [say(`${info} ${t.pharmacySmsOffer}`, state.lang)],
        },
        say(t.goodbye, state.lang),
        { verb: 'hangup' },
      ],
      effects,
    };
  }
  return { steps: [say(`${info} ${t.goodbye}`, state.lang), { verb: 'hangup' }], effects };
}

/** "Press 1 to get the pharmacy by SMS". */
export function pharmacySms(state: CallState, digits: string | undefined): FlowResult {
  const t = voice(state.lang);
  if (digits === '1') {
    return {
      steps: [say(t.pharmacySmsSent, state.lang), { verb: 'hangup' }],
      effects: [{ kind: 'send_sms', template: 'pharmacy_details' }],
    };
  }
  return { steps: [say(t.goodbye, state.lang), { verb: 'hangup' }], effects: [] };
}

/**
 * Option 3. The callback job rings whoever is on the rota when it runs, so a callback is only
 * recorded while the line is open: in an hour left to the régulation the caller hears the
 * régulation; when closed, that nobody can call back. A hidden number cannot be called back.
 */
export function callbackRequested(ctx: FlowContext, state: CallState): FlowResult {
  const t = voice(state.lang);
  if (!lineOpen(ctx)) {
    if (regulationHour(ctx)) return regulationAnswer(ctx, state);
    const text = `${t.closedNoCallback} ${t.closedHours(ctx.territory.daytimeNumber)} ${t.goodbye}`;
    return {
      steps: [say(text, state.lang), { verb: 'hangup' }],
      effects: [
        { kind: 'visit', node: 'callback_closed' },
        { kind: 'outcome', outcome: 'closed_hours' },
      ],
    };
  }
  if (ctx.caller.hidden) {
    // routeToContact itself goes to the régulation in centre15 mode.
    const next = routeToContact(ctx, { ...state, attempt: 0 });
    return {
      steps: [say(t.hiddenNumberNoCallback, state.lang), ...next.steps],
      effects: [{ kind: 'visit', node: 'callback_hidden' }, ...next.effects],
    };
  }
  return {
    steps: [say(t.callbackRecorded(ctx.caller.isMobile), state.lang), { verb: 'hangup' }],
    effects: [
      { kind: 'visit', node: 'callback' },
      { kind: 'request_callback', reason: 'caller_asked' },
      { kind: 'outcome', outcome: 'callback' },
    ],
  };
}
