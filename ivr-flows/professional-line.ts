import { advicePrompts as p } from './prompts/advice.js';
import {
  adviceDialResultPath,
  adviceMenuPath,
  adviceScreenPath,
  type AdviceUrl,
} from './professional-line-url.js';
import type { SpecialtyChoice } from './professional-line-menu.js';
import { ringSeconds } from './routing.js';
import { say } from './say.js';
import type { Prompt, Step } from './types.js';

/** Everything the professionals' line may know about a call, handed in by the server. */
export interface ProfessionalLineContext {
  territoryName: string;
  /** The professionals' line called (a specialist's screening leg finds it by this). */
  lineNumber: string;
  /** Spoken to a caller who is not a professional of the directory. */
  patientLineNumber: string | null;
  callSid: string;
  /** The directory entry whose mobile or direct line is calling; null: not a professional. */
  caller: { entryId: string } | null;
  /** Specialties taking calls now (a window open now), keys 1..n. */
  openNow: SpecialtyChoice[];
  /** Every specialty offered, open or not: for an avis request. */
  offered: SpecialtyChoice[];
}

/** What the server records after answering (advice-effects.ts applies them). */
export type AdviceEffect =
  /** A ring ended: the specialist took the call (keypress) or not. */
  | { kind: 'advice_call'; attempt: number; specialty: string; entryId: string; answered: boolean }
  /** The screening keypress: the ring is accepted and the legs bridge. */
  | { kind: 'accepted'; attempt: number }
  /** Nobody took the call: stored BEFORE the caller hears it is (else avisNotStored). */
  | {
      kind: 'avis_request';
      specialty: string;
      specialistEntryIds: string[];
      deadlineHours: number;
    };

export interface AdviceResult {
  steps: Step[];
  effects: AdviceEffect[];
}

/** Re-prompts before saying goodbye to a caller who presses nothing valid. */
const maxRetries = 2;

const fr = (text: string): Prompt => say(text, 'fr');

/** The first answer: the menu for a professional, the patient line for anyone else. */
export function welcomeProfessional(ctx: ProfessionalLineContext): AdviceResult {
  if (!ctx.caller)
    return {
      steps: [fr(p.reserved(ctx.territoryName, ctx.patientLineNumber)), { verb: 'hangup' }],
      effects: [],
    };
  return menu(ctx, ctx.openNow.length > 0 ? 'now' : 'avis', 0, [fr(p.welcome(ctx.territoryName))]);
}

/** The menu heard: specialties and their keys, 0 to repeat; the keys travel in the action URL. */
function menu(
  ctx: ProfessionalLineContext,
  mode: AdviceUrl['mode'],
  retries: number,
  before: Prompt[] = [],
): AdviceResult {
  const choices = mode === 'now' ? ctx.openNow : ctx.offered;
  if (choices.length === 0)
    return { steps: [...before, fr(p.noneOffered), { verb: 'hangup' }], effects: [] };
  const keys = choices.map((c) => c.code);
  const intro = mode === 'avis' ? [fr(p.noneOpen)] : [];
  const prompts = [...intro, ...choices.map((c) => fr(p.choice(c.label, c.key))), fr(p.repeat)];
  return {
    steps: [
      ...before,
      {
        verb: 'gather',
        numDigits: 1,
        timeout: 6,
        action: adviceMenuPath(mode, keys, retries),
        prompts,
      },
      // Nothing pressed: the same menu again, counted as a retry.
      { verb: 'redirect', path: adviceMenuPath(mode, keys, retries + 1) },
    ],
    effects: [],
  };
}

/**
 * A key of the menu. The key names the specialty the caller HEARD (carried in the URL), even
 * if a window closed since. 0 repeats; anything else re-prompts, then goodbye.
 */
export function adviceMenuChoice(
  ctx: ProfessionalLineContext,
  url: Pick<AdviceUrl, 'mode' | 'keys' | 'retries'>,
  digits: string | undefined,
): AdviceResult {
  if (!ctx.caller) return welcomeProfessional(ctx);
  const code = digits && /^[1-9]$/.test(digits) ? url.keys[Number(digits) - 1] : undefined;
  if (digits === '0') return menu(ctx, url.mode, url.retries);
  if (!code) {
    if (url.retries >= maxRetries)
      return { steps: [fr(p.goodbye), { verb: 'hangup' }], effects: [] };
    const before = digits ? [fr(p.notUnderstood)] : [];
    return menu(ctx, url.mode, url.retries + 1, before);
  }
  if (url.mode === 'avis') return avisRequest(ctx, code);
  return ringSpecialist(ctx, code, 0);
}

/**
 * Rings specialist `attempt` of the specialty, screened by a keypress so that a voicemail never
 * takes the call. Past the last one (or with nobody open any more): an avis request.
 */
export function ringSpecialist(
  ctx: ProfessionalLineContext,
  code: string,
  attempt: number,
): AdviceResult {
  const choice = ctx.openNow.find((c) => c.code === code);
  const specialist = choice?.specialists[attempt];
  if (!choice || !specialist) return avisRequest(ctx, code);
  const leg = {
    call: ctx.callSid,
    line: ctx.lineNumber,
    specialty: code,
    attempt,
    entry: specialist.entryId,
  };
  return {
    steps: [
      fr(attempt === 0 ? p.connecting(choice.label) : p.tryingNext),
      {
        verb: 'dial',
        number: specialist.phone,
        timeout: ringSeconds,
        action: adviceDialResultPath(code, attempt, specialist.entryId),
        screenPath: adviceScreenPath('screen', leg),
      },
    ],
    effects: [],
  };
}

/**
 * After a ring: bridged only if the screening recorded a keypress; otherwise the next one. A
 * caller who hung up meanwhile (`callerGone`) is neither rung on nor signed up for an avis
 * request they never heard of: only the ring is traced.
 */
export function adviceDialResult(
  ctx: ProfessionalLineContext,
  url: Pick<AdviceUrl, 'specialty' | 'attempt' | 'entry'>,
  accepted: boolean,
  callerGone = false,
): AdviceResult {
  const call: AdviceEffect = {
    kind: 'advice_call',
    attempt: url.attempt,
    specialty: url.specialty,
    entryId: url.entry,
    answered: accepted,
  };
  if (accepted) return { steps: [fr(p.endOfCall), { verb: 'hangup' }], effects: [call] };
  if (callerGone) return { steps: [{ verb: 'hangup' }], effects: [call] };
  const next = ringSpecialist(ctx, url.specialty, url.attempt + 1);
  return { steps: next.steps, effects: [call, ...next.effects] };
}

/** The avis request: every specialist of the specialty is asked; the GP hears it is recorded. */
function avisRequest(ctx: ProfessionalLineContext, code: string): AdviceResult {
  const choice =
    ctx.offered.find((c) => c.code === code) ?? ctx.openNow.find((c) => c.code === code);
  if (!choice) return { steps: [fr(p.avisNotStored), { verb: 'hangup' }], effects: [] };
  return {
    steps: [fr(p.avisRecorded(choice.label, choice.deadlineHours)), { verb: 'hangup' }],
    effects: [
      {
        kind: 'avis_request',
        specialty: code,
        specialistEntryIds: choice.specialists.map((s) => s.entryId),
        deadlineHours: choice.deadlineHours,
      },
    ],
  };
}

/** Said instead when the avis request could not be stored: no promise made. */
export const avisNotStored: AdviceResult = {
  steps: [fr(p.avisNotStored), { verb: 'hangup' }],
  effects: [],
};

/** The specialist's screening leg, played when their phone answers. */
export function adviceScreenLeg(
  territoryName: string,
  label: string,
  leg: Pick<AdviceUrl, 'call' | 'line' | 'specialty' | 'attempt' | 'entry'>,
): AdviceResult {
  return {
    steps: [
      {
        verb: 'gather',
        numDigits: 1,
        timeout: 8,
        action: adviceScreenPath('screen-result', leg),
        prompts: [fr(p.screenSpecialist(territoryName, label))],
      },
      fr(p.noKeyPressed),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}

/**
 * "1" accepts (an empty answer bridges the legs); anything else hangs the leg up. A specialist
 * already bridged to another caller (`claimed` false) is not bridged twice: the next is rung.
 */
export function adviceScreenResult(
  attempt: number,
  digits: string | undefined,
  claimed = true,
): AdviceResult {
  if (digits === '1' && claimed) return { steps: [], effects: [{ kind: 'accepted', attempt }] };
  return { steps: [fr(p.noKeyPressed), { verb: 'hangup' }], effects: [] };
}
