/**
 * Ties in auto-fill are broken by a seeded hash of (professional, slot start), not by id: the
 * same inputs always give the same proposal, yet each slot orders the tied professionals
 * differently, so the smallest id does not take every tie (and every Christmas) year after year.
 */

/** FNV-1a, 32 bits: small, fast, and the same on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche, so ids differing in their last character do not order alike.
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return hash >>> 0;
}

/**
 * The rank of a professional among those tied for a slot starting at `slotStart`: lower goes
 * first. Reproducible for the same (id, start); spreads differently from one slot to the next.
 */
export function tieBreakRank(professionalId: string, slotStart: Date): number {
  return fnv1a(`${slotStart.getTime()}|${professionalId}`);
}
