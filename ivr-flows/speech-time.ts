import type { Step } from './types.js';

/** Speaking rate used to budget prompts: 2.5 words per second. */
export const wordsPerSecond = 2.5;

/** Seconds of audio the steps play before any input (pauses included). */
export function spokenSeconds(steps: Step[]): number {
  let seconds = 0;
  for (const step of steps) {
    if (step.verb === 'say')
      seconds += step.text.split(/\s+/).filter(Boolean).length / wordsPerSecond;
    else if (step.verb === 'pause') seconds += step.seconds;
  }
  return seconds;
}
