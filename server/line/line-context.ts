import { loadRotaWindow, type RotaWindow } from '../planning/rota-window.js';
import {
  findTerritoryByNumber,
  type ServiceRow,
  type TerritoryWithServices,
} from '../territories/store.js';
import type { Queryable } from '../../db/client.js';

/** Everything a call to one public number needs, loaded in one go and cacheable. */
export interface LineContext {
  calledNumber: string;
  /** The professionals' line is answered by server/advice (absent: the patient line). */
  line?: 'patient' | 'professional';
  territory: TerritoryWithServices;
  /** The service option 1 routes to (médecin de garde); null if the territory has none. */
  doctorService: ServiceRow | null;
  pharmacyService: ServiceRow | null;
  /** Shifts around now: enough to keep routing for a day if PostgreSQL goes away. */
  doctorRota: RotaWindow;
  pharmacyRota: RotaWindow | null;
  loadedAt: Date;
}

const windowBefore = 24 * 3600_000;
const windowAfter = 36 * 3600_000;

export async function loadLineContext(
  db: Queryable,
  calledNumber: string,
  now: Date,
): Promise<LineContext | null> {
  const territory = await findTerritoryByNumber(db, calledNumber);
  if (!territory) return null;
  const doctorService = territory.services.find((s) => s.kind === 'doctor') ?? null;
  const pharmacyService = territory.services.find((s) => s.kind === 'pharmacy') ?? null;
  const from = new Date(now.getTime() - windowBefore);
  const to = new Date(now.getTime() + windowAfter);
  const empty: RotaWindow = { shifts: [], overrides: [], professionals: new Map() };
  const [doctorRota, pharmacyRota] = await Promise.all([
    doctorService ? loadRotaWindow(db, doctorService.id, from, to) : Promise.resolve(empty),
    pharmacyService ? loadRotaWindow(db, pharmacyService.id, from, to) : Promise.resolve(null),
  ]);
  return {
    calledNumber,
    line: territory.numberLine ?? 'patient',
    territory,
    doctorService,
    pharmacyService,
    doctorRota,
    pharmacyRota,
    loadedAt: now,
  };
}

/**
 * The last line context loaded per public number. When PostgreSQL is down a caller is still
 * routed from it: the rota of the last successful load (kept up to a day and a half ahead).
 */
export class LineContextCache {
  private readonly byNumber = new Map<string, LineContext>();
  private readonly loading = new Map<string, Promise<LineContext | null>>();

  /**
   * @param freshForMs a context younger than this is used without asking PostgreSQL at all
   *   (a rota edit then reaches the phone within that delay); 0 loads on every webhook.
   * @param maxAgeMs how long a context may still route calls while PostgreSQL is down.
   */
  constructor(
    readonly freshForMs = 0,
    private readonly maxAgeMs = windowAfter - 3600_000,
  ) {}

  /** A context loaded less than `freshForMs` ago, or null. */
  fresh(calledNumber: string, now: Date): LineContext | null {
    const context = this.byNumber.get(calledNumber);
    if (!context || now.getTime() - context.loadedAt.getTime() >= this.freshForMs) return null;
    return context;
  }

  /**
   * One load per number at a time: a burst of new calls on a cold cache shares one load instead
   * of each running the same nine queries and queueing for the pool.
   */
  loadOnce(
    calledNumber: string,
    load: () => Promise<LineContext | null>,
  ): Promise<LineContext | null> {
    const pending = this.loading.get(calledNumber);
    if (pending) return pending;
    const loaded = load().finally(() => this.loading.delete(calledNumber));
    this.loading.set(calledNumber, loaded);
    return loaded;
  }

  remember(context: LineContext): void {
    this.byNumber.set(context.calledNumber, context);
  }

  /** A context still fit to route from at `now`, or null. */
  recall(calledNumber: string, now: Date): LineContext | null {
    const context = this.byNumber.get(calledNumber);
    if (!context || now.getTime() - context.loadedAt.getTime() > this.maxAgeMs) return null;
    return context;
  }

  /** How many public numbers could still be routed from their snapshot at `now` (/readyz). */
  snapshotCount(now: Date): number {
    let count = 0;
    for (const number of this.byNumber.keys()) if (this.recall(number, now)) count += 1;
    return count;
  }

  /** Any territory's fallback number, for a call whose number we cannot even look up. */
  anyFallbackFor(calledNumber: string): string | null {
    return this.byNumber.get(calledNumber)?.territory.territory.fallbackNumber ?? null;
  }
}
