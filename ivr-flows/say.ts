import { catalogues, type VoiceCatalogue } from './prompts/index.js';
import type { Lang, Prompt } from './types.js';

/** A sentence spoken in `lang` (the renderer picks that language's voice). */
export const say = (text: string, lang: Lang): Prompt => ({ verb: 'say', text, lang });

/** The caller-facing sentences of a language. */
export const voice = (lang: Lang): VoiceCatalogue => catalogues[lang];
