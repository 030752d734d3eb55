import type { StreamEvent } from '../checks/types.js';
import { DELTA_ROLE_KINDS } from '../protocol/events.js';
import type { StreamingMeasures } from './result.js';

/**
 * How a stream arrived, measured event by event in constant memory for the step's record: when
 * `response.created` and the first delta came, how many deltas, and the longest silence of the
 * open stream. Times are the events' arrival times, counted from sending the request.
 */
export class StreamMeasurer {
  private events = 0;
  private deltas = 0;
  private firstEventAtMs: number | undefined;
  private createdAtMs: number | undefined;
  private firstDeltaAtMs: number | undefined;
  private lastEventAtMs: number | undefined;
  private largestGapMs = 0;

  add(event: StreamEvent): void {
    const at = event.frame.receivedAtMs;
    if (this.lastEventAtMs !== undefined) this.largestGapMs = Math.max(this.largestGapMs, at - this.lastEventAtMs);
    this.lastEventAtMs = at;
    this.firstEventAtMs ??= at;
    this.events++;
    const typed = event.kind === 'json' ? event.typed : undefined;
    if (typed === undefined) return;
    if (typed.type === 'response.created') this.createdAtMs ??= at;
    if (typed.role !== undefined && DELTA_ROLE_KINDS.includes(typed.role.kind)) {
      this.deltas++;
      this.firstDeltaAtMs ??= at;
    }
  }

  /**
   * The measures so far; `timeToHeadersMs` when the transport has headers (HTTP). The wait from
   * the headers to the first event is a silence of the open stream too: a buffered answer's longest.
   */
  measures(timeToHeadersMs?: number): StreamingMeasures {
    const beforeFirst = timeToHeadersMs === undefined || this.firstEventAtMs === undefined ? 0 : this.firstEventAtMs - timeToHeadersMs;
    return {
      ...(timeToHeadersMs === undefined ? {} : { timeToHeadersMs }),
      ...(this.createdAtMs === undefined ? {} : { timeToCreatedMs: this.createdAtMs }),
      ...(this.firstDeltaAtMs === undefined ? {} : { timeToFirstDeltaMs: this.firstDeltaAtMs }),
      deltaCount: this.deltas,
      largestGapMs: Math.max(this.largestGapMs, beforeFirst),
      totalMs: this.lastEventAtMs ?? 0,
      eventCount: this.events,
    };
  }
}
