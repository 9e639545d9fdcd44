import type { Sql } from 'postgres';
import { openCallWithEvent, type NewCall } from './call-record-store.js';

interface Opening {
  call: NewCall;
  event: { kind: string; node: string };
  done: (err?: unknown) => void;
}

/**
 * Group commit for the busiest write of the line: the record and first event of every new call.
 *
 * Each webhook still waits until its own record is committed (nothing is answered on a write that
 * might be lost), but calls that arrive while earlier statements are in flight share the next
 * statement: one transaction, one WAL flush and one round trip for many calls. With little
 * traffic nothing waits (a call is written at once, alone); the batches grow only with the load.
 */
export class CallOpeningBatch {
  private queue: Opening[] = [];
  private inFlight = 0;
  /** Statements sent so far (the benchmark and tests read it: calls per statement is the point). */
  statements = 0;

  constructor(
    private readonly sql: Sql,
    /** Statements under way at once; more callers than that wait for the next batch. */
    private readonly maxInFlight = 2,
    /** Calls in one statement at most (bounds its size and its time). */
    private readonly maxBatch = 500,
  ) {}

  open(call: NewCall, event: { kind: string; node: string }): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        call,
        event,
        done: (err) => (err === undefined ? resolve() : reject(err)),
      });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.statements += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Opening[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      return openCallWithEvent(this.sql, only!.call, only!.event).then(
        () => only!.done(),
        only!.done,
      );
    }
    try {
      await this.insertMany(batch);
      for (const opening of batch) opening.done();
    } catch {
      // One bad row must not fail its neighbours: each call is tried alone and answers for itself.
      await Promise.all(
        batch.map((o) => openCallWithEvent(this.sql, o.call, o.event).then(() => o.done(), o.done)),
      );
    }
  }

  private async insertMany(batch: Opening[]): Promise<void> {
    const rows = batch.map(({ call, event }) => ({
      call_sid: call.callSid,
      territory_id: call.territoryId,
      from_number: call.fromNumber,
      to_number: call.toNumber,
      caller_hidden: call.callerHidden,
      started_at: call.startedAt.toISOString(),
      kind: event.kind,
      node: event.node,
    }));
    // One text parameter whatever the batch size: the statement stays prepared and small.
    await this.sql`
      with input as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(
          call_sid text, territory_id uuid, from_number text, to_number text, caller_hidden boolean,
          started_at timestamptz, kind text, node text)
      ), record as (
        insert into call_records (call_sid, territory_id, from_number, to_number, caller_hidden, started_at)
        select call_sid, territory_id, from_number, to_number, caller_hidden, started_at from input
        on conflict (call_sid) do nothing
      )
      insert into call_events (call_sid, at, kind, node, detail, dedupe_key)
      select call_sid, started_at, kind, node, '{}'::jsonb, call_sid || '/' || node from input
      on conflict do nothing`;
  }
}
