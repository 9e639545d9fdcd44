import type { Lang } from '../types.js';
import type { VoiceCatalogue } from './catalogue.js';
import { en } from './en.js';
import { fr } from './fr.js';

export const catalogues: Record<Lang, VoiceCatalogue> = { fr, en };
export { spokenNumber } from './catalogue.js';
export type { VoiceCatalogue } from './catalogue.js';
