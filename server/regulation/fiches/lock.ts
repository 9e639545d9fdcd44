/**
 * A fiche is the contemporaneous record of a call: it can be filled and corrected for 24 hours
 * from its opening (the call's end); after that it changes only by addendum (traceability). A
 * fiche left unfinished at its lock stays so: the late account goes in an addendum, and the
 * manager's dashboard keeps showing it as not filled in.
 */
export const ficheLockAfterMs = 24 * 3600_000;

export const lockedAt = (fiche: { createdAt: Date }): Date =>
  new Date(fiche.createdAt.getTime() + ficheLockAfterMs);

export const isLocked = (fiche: { createdAt: Date }, now: Date): boolean =>
  now.getTime() >= lockedAt(fiche).getTime();
