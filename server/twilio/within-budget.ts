import type { RequestHandler, Response } from 'express';
import {
  safeFallback,
  safeDequeuedAnswer,
  safeHoldWaitAnswer,
  safeLegAnswer,
} from '../../ivr-flows/index.js';
import { renderTwiml } from './twiml.js';

/** What a webhook answers when its budget ran out, and how long that budget is. */
export interface Budget {
  ms: number;
  answer: (res: Response) => void;
}

/**
 * Bounds a webhook: if nothing was answered within `budget.ms`, `budget.answer` answers (valid
 * TwiML or 204) and whatever the handler sends later is dropped. The handler keeps running
 * (its writes are idempotent); Twilio, which waits 15 s at most, never sees a timeout.
 */
export function withinBudget(budgetOf: (path: string) => Budget | null): RequestHandler {
  return (req, res, next) => {
    const budget = budgetOf(req.path);
    if (!budget) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      req.log?.warn({ path: req.path, budgetMs: budget.ms }, 'webhook over budget: safe answer');
      budget.answer(res);
      silence(res);
    }, budget.ms);
    timer.unref();
    res.once('finish', () => clearTimeout(timer));
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/** After the safe answer, the late handler's answer is a no-op (not a "headers sent" crash). */
function silence(res: Response): void {
  const ignore = function (this: Response) {
    return this;
  };
  for (const method of ['status', 'type', 'set', 'header', 'send', 'json', 'end'] as const)
    (res as unknown as Record<string, unknown>)[method] = ignore;
  res.setHeader = ignore as never;
  res.writeHead = ignore as never;
}

/**
 * Status callbacks: only records to complete, nothing to play. Above the call end's own bound
 * (commit 1.5 s, then outbox 1.5 s: line/record-turn.ts), so an end is kept before the answer.
 */
export const statusBudgetMs = 3500;
/** TwiML webhooks other than the patient line's (callback legs, SMS, fallback). */
export const twimlBudgetMs = 5000;
/** The patient line bounds itself (5 s, with the territory's fallback line); this is the net. */
export const voiceBudgetMs = 5500;

/** Nodes answered on a professional's own phone: a <Dial> there would ring the fallback line. */
const professionalLegPaths = new Set([
  '/voice/screen',
  '/voice/screen-result',
  '/voice/queue-offer',
  '/voice/queue-take',
]);

/** The budget of every Twilio webhook of this service, by path under /twilio. */
export function twilioBudgets(publicUrl: string, fallbackNumber: string | null) {
  const noContent = (res: Response) => res.status(204).end();
  const twiml = (xml: string) => (res: Response) => res.status(200).type('text/xml').send(xml);
  const apology = renderTwiml(
    safeFallback(null).steps.slice(0, 1).concat({ verb: 'hangup' }),
    publicUrl,
  );
  const lineFallback = renderTwiml(safeFallback(fallbackNumber).steps, publicUrl);
  const legApology = renderTwiml(safeLegAnswer().steps, publicUrl);
  const leaveHold = renderTwiml(safeHoldWaitAnswer.steps, publicUrl);
  const bridgeOn = renderTwiml(safeDequeuedAnswer.steps, publicUrl);
  return (path: string): Budget | null => {
    if (path === '/status' || path.endsWith('/status'))
      return { ms: statusBudgetMs, answer: noContent };
    if (path === '/sms')
      return {
        ms: twimlBudgetMs,
        answer: twiml('<?xml version="1.0" encoding="UTF-8"?><Response/>'),
      };
    if (path.startsWith('/callback/')) return { ms: twimlBudgetMs, answer: twiml(apology) };
    if (path.startsWith('/fallback')) return { ms: twimlBudgetMs, answer: twiml(lineFallback) };
    if (professionalLegPaths.has(path)) return { ms: voiceBudgetMs, answer: twiml(legApology) };
    if (path === '/voice/hold-wait') return { ms: voiceBudgetMs, answer: twiml(leaveHold) };
    // The <Queue url> of a caller being bridged: an empty document, the bridge goes ahead.
    if (path === '/voice/queue-dequeued') return { ms: voiceBudgetMs, answer: twiml(bridgeOn) };
    if (path.startsWith('/voice')) return { ms: voiceBudgetMs, answer: twiml(lineFallback) };
    return { ms: twimlBudgetMs, answer: noContent };
  };
}
