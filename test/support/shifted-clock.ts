/**
 * Preloaded by the cluster's child processes (cluster-entry.ts): shifts the process clock by
 * GARDELINE_CLOCK_OFFSET_MS so that a service started now believes it is, say, a Tuesday night in
 * PDSA hours, as the in-process tests do with `setNow`. Time still flows; every process of one
 * cluster gets the same offset, so their clocks agree with each other (and with Redis TTLs, which
 * are relative). Test harness only: the service never imports it.
 */
const offset = Number(process.env.GARDELINE_CLOCK_OFFSET_MS ?? 0);

if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
