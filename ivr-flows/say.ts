import { catalogues, type VoiceCatalogue } from './prompts/index.js';
import type { Lang, Prompt } from './types.js';

export const say = (text: string, lang: Lang): Prompt => ({ verb: 'say', text, lang });
export const voice = (lang: Lang): VoiceCatalogue => catalogues[lang];
