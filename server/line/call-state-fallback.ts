import { performance } from 'node:perf_hooks';
import { MemoryLiveCalls, type Bridge, type LiveCalls, type Reach } from './call-state.js';

export interface FallbackOptions {
  /** Each call to the shared store gives up after this long (a hang never holds a webhook). */
  timeoutMs?: number;
  /** After a failure, the shared store is skipped this long (calls answer at once meanwhile). */
  coolDownMs?: number;
}

/**
 * The shared store, bounded in time, with this process's memory as a stand-in while it is
 * unreachable. Without it a Redis (or PostgreSQL) outage would fail calls: the Dial action could
 * not learn that the doctor pressed 1, and every webhook would wait for a timeout. While the
 * shared store is down this instance keeps the facts it makes itself (what one instance did
 * before shared storage); acceptances are always kept here too, since the Dial action that reads
 * one comes seconds later, often to the same instance.
 */
export class LiveCallsWithFallback implements LiveCalls {
  private downUntil = 0;
  private readonly timeoutMs: number;
  private readonly coolDownMs: number;

  constructor(
    private readonly shared: LiveCalls,
    private readonly local: LiveCalls = new MemoryLiveCalls(),
    options: FallbackOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.coolDownMs = options.coolDownMs ?? 5000;
  }

  /** Runs one call on the shared store, bounded; rejects at once while it is marked down. */
  private async tryShared<T>(work: (store: LiveCalls) => Promise<T>): Promise<T> {
    if (performance.now() < this.downUntil) throw new Error('shared live-call store marked down');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('shared live-call store timed out')),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work(this.shared), timeout]);
    } catch (err) {
      this.downUntil = performance.now() + this.coolDownMs;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async accept(callSid: string, attempt: number): Promise<void> {
    await this.local.accept(callSid, attempt);
    await this.tryShared((s) => s.accept(callSid, attempt)).catch(() => {});
  }

  async wasAccepted(callSid: string, attempt: number): Promise<boolean> {
    if (await this.local.wasAccepted(callSid, attempt)) return true;
    return this.tryShared((s) => s.wasAccepted(callSid, attempt)).catch(() => false);
  }

  async bridge(claim: Omit<Bridge, 'since'>, reach: Reach | null): Promise<boolean> {
    return this.tryShared((s) => s.bridge(claim, reach)).catch(() =>
      this.local.bridge(claim, reach),
    );
  }

  async isBusy(professionalId: string | null | undefined): Promise<boolean> {
    if (await this.local.isBusy(professionalId)) return true;
    return this.tryShared((s) => s.isBusy(professionalId)).catch(() => false);
  }

  async reachOf(professionalId: string): Promise<Reach | null> {
    const shared = await this.tryShared((s) => s.reachOf(professionalId)).catch(() => null);
    return shared ?? this.local.reachOf(professionalId);
  }

  async callEnded(callSid: string): Promise<string[]> {
    const here = await this.local.callEnded(callSid);
    const there = await this.tryShared((s) => s.callEnded(callSid)).catch(() => []);
    return [...new Set([...there, ...here])];
  }

  async bridges(): Promise<Bridge[]> {
    const there = await this.tryShared((s) => s.bridges()).catch(() => []);
    return [...there, ...(await this.local.bridges())];
  }

  async sweep(): Promise<void> {
    await this.local.sweep();
    await this.tryShared((s) => s.sweep());
  }

  async close(): Promise<void> {
    await this.shared.close();
  }
}
