import twilio from 'twilio';
import type { Prompt, Step } from '../../ivr-flows/types.js';

const { VoiceResponse } = twilio.twiml;
type Response = InstanceType<typeof VoiceResponse>;
type Sayer = Pick<Response, 'say' | 'pause'>;

/** Neural voices of each language (fr-FR, never fr-CA/fr-BE; en-GB for English). */
const voices = {
  fr: { voice: 'Polly.Lea-Neural', language: 'fr-FR' },
  en: { voice: 'Polly.Amy-Neural', language: 'en-GB' },
} as const;

function addPrompt(target: Sayer, prompt: Prompt): void {
  if (prompt.verb === 'say') {
    const v = voices[prompt.lang];
    target.say({ voice: v.voice as never, language: v.language as never }, prompt.text);
  } else {
    target.pause({ length: prompt.seconds });
  }
}

/**
 * Renders flow steps as TwiML. Paths become absolute URLs on `baseUrl` (the public URL Twilio
 * signs), so every callback is checked against the URL it was really sent to.
 */
export function renderTwiml(steps: Step[], baseUrl: string): string {
  // Most answers repeat (every new call of a territory hears the same greeting): memoised.
  const key = baseUrl + JSON.stringify(steps);
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  const xml = buildTwiml(steps, baseUrl);
  if (rendered.size >= 1000) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, xml);
  return xml;
}

const rendered = new Map<string, string>();

function buildTwiml(steps: Step[], baseUrl: string): string {
  const response = new VoiceResponse();
  const url = (path: string) => (path.startsWith('/') ? `${baseUrl}${path}` : path);
  for (const step of steps) {
    switch (step.verb) {
      case 'say':
      case 'pause':
        addPrompt(response, step);
        break;
      case 'gather': {
        const gather = response.gather({
          input: ['dtmf'],
          numDigits: step.numDigits,
          timeout: step.timeout,
          action: url(step.action),
          method: 'POST',
        });
        for (const prompt of step.prompts) addPrompt(gather, prompt);
        break;
      }
      case 'dial': {
        const dial = response.dial({
          answerOnBridge: true,
          timeout: step.timeout,
          ...(step.action ? { action: url(step.action), method: 'POST' as const } : {}),
          ...(step.callerId ? { callerId: step.callerId } : {}),
        });
        // A screened leg reports its own end too: the professional is freed by either leg.
        dial.number(
          step.screenPath
            ? {
                url: url(step.screenPath),
                method: 'POST',
                statusCallback: url('/twilio/status'),
                statusCallbackEvent: ['completed'],
              }
            : {},
          step.number,
        );
        break;
      }
      case 'enqueue':
        response.enqueue(
          {
            waitUrl: url(step.waitPath),
            waitUrlMethod: 'POST',
            action: url(step.action),
            method: 'POST',
          },
          step.queue,
        );
        break;
      case 'dial_queue':
        response
          .dial({ action: url(step.action), method: 'POST' })
          .queue(
            step.dequeuedPath ? { url: url(step.dequeuedPath), method: 'POST' } : {},
            step.queue,
          );
        break;
      case 'redirect':
        response.redirect({ method: 'POST' }, url(step.path));
        break;
      case 'hangup':
        response.hangup();
        break;
      case 'leave':
        response.leave();
        break;
    }
  }
  return response.toString();
}
