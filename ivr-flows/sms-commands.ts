/**
 * Inbound SMS commands, parsed from what a person typed on a phone keyboard: any case,
 * accents or not, stray spaces and punctuation.
 */
export type SmsCommand =
  | { kind: 'stop' }
  | { kind: 'start' }
  /** A professional offers the shift of that local day: "ECHANGE 14/03". */
  | { kind: 'swap_offer'; day: number; month: number }
  /** A colleague takes an offered shift: "OUI 482193" (six digits; older four-digit codes still read). */
  | { kind: 'swap_take'; code: string }
  /** Answer to the follow-up SMS: 1 = better, 2 = not better. */
  | { kind: 'follow_up_reply'; better: boolean }
  /** A patient cancels their next consultation at the MMG: "ANNULER" (the booking SMS says so). */
  | { kind: 'cancel_consultation' }
  | { kind: 'unknown' };

const stopWords = new Set(['STOP', 'ARRET', 'ARRETER', 'STOPSMS', 'UNSUBSCRIBE', 'DESABONNER']);
const startWords = new Set(['START', 'UNSTOP', 'REPRISE']);
// "Annuler", "annulation", "annuler svp", "ANNULER RDV": the first word decides.
const cancelWord = /^(?:ANNULER|ANNULATION|ANNULE|ANNULEZ|CANCEL)\b/;

function normalise(body: string): string {
  return body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses one inbound SMS body. Never throws. */
export function parseSmsCommand(body: string): SmsCommand {
  const text = normalise(body.slice(0, 500));
  const bare = text.replace(/[^A-Z0-9]/g, '');
  if (stopWords.has(bare)) return { kind: 'stop' };
  if (startWords.has(bare)) return { kind: 'start' };
  if (bare === '1' || bare === '2') return { kind: 'follow_up_reply', better: bare === '1' };
  if (cancelWord.test(text.replace(/^[^A-Z0-9]+/, ''))) return { kind: 'cancel_consultation' };

  const swap = /^(?:ECHANGE|ECHANGER|SWAP)\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\b/.exec(text);
  if (swap) {
    const day = Number(swap[1]);
    const month = Number(swap[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12)
      return { kind: 'swap_offer', day, month };
  }
  const take = /^(?:OUI|YES)\s*([A-Z0-9]{4,8})\b/.exec(text);
  if (take) return { kind: 'swap_take', code: take[1]! };
  return { kind: 'unknown' };
}
