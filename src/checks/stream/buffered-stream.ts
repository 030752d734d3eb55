import { DELTA_ROLE_KINDS } from '../../protocol/events.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { CheckContext, Location, StreamCheck, StreamEnd } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent } from './stream-event.js';

interface PacingState {
  deltas: number;
  firstDeltaMs: number | undefined;
  lastDeltaMs: number | undefined;
  /** Arrival of the last event read: the terminal event, on a stream that ends properly. */
  lastEventMs: number;
  firstDelta: Location | undefined;
}

/**
 * SPEC§Streaming (Delta events): deltas "allow updates to be communicated incrementally as they
 * happen". A server that holds the whole answer back and sends every event in one burst at the end
 * conforms to the grammar but gives its user nothing to read until it is done (SSE-Q-01). The rule
 * is judged only on a live stream long enough to tell (ctx.pacing): the first delta after most of
 * the time, and every delta within a short window of it, is a buffered answer.
 */
export const bufferedStream: StreamCheck<PacingState> = {
  kind: 'stream',
  id: 'stream/buffered-stream',
  requirement: 'SSE-Q-01',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'Deltas arrive as they are generated, not in one burst at the end',
  // The lifecycle events give the end of the stream (its terminal event); deltas the pace.
  reads: ['lifecycle', ...DELTA_ROLE_KINDS],
  init: () => ({ deltas: 0, firstDeltaMs: undefined, lastDeltaMs: undefined, lastEventMs: 0, firstDelta: undefined }),
  onEvent(state, event) {
    const at = event.frame.receivedAtMs;
    state.lastEventMs = Math.max(state.lastEventMs, at);
    const role = readEvent(event)?.role;
    if (role === undefined || !DELTA_ROLE_KINDS.includes(role.kind)) return NO_FINDINGS;
    state.deltas++;
    if (state.firstDeltaMs === undefined) {
      state.firstDeltaMs = at;
      state.firstDelta = eventLocation(event);
    }
    state.lastDeltaMs = at;
    return NO_FINDINGS;
  },
  onEnd(state, end, ctx) {
    const pacing = ctx.pacing;
    if (pacing === undefined || notJudged(state, end, ctx) !== undefined) return NO_FINDINGS;
    const first = state.firstDeltaMs!;
    const spread = state.lastDeltaMs! - first;
    const total = state.lastEventMs;
    if (first < pacing.lateFraction * total || spread > pacing.burstWindowMs) return NO_FINDINGS;
    const timings = `first delta at ${first} ms of ${total} ms; ${state.deltas} deltas within ${spread} ms`;
    return [
      finding(bufferedStream, 'warn', `The answer was buffered, not streamed: ${timings}. A user sees nothing until the whole answer is done.`, {
        expected: `deltas spread over the response as they are generated (the first before ${Math.round(pacing.lateFraction * 100)} % of the time, or spread over more than ${pacing.burstWindowMs} ms)`,
        actual: timings,
        ...(state.firstDelta ? { location: state.firstDelta } : {}),
      }),
    ];
  },
  notJudged,
};

/** Why the rule cannot judge a body read back (a capture, a transcript, a body in a test). */
export const UNTIMED_REASON = 'not judged: arrival times are measured in a live run only';

/** Why a stream is too short, cut off or untimed to be judged; undefined when it can be. */
function notJudged(state: PacingState, end: StreamEnd, ctx: CheckContext): string | undefined {
  const pacing = ctx.pacing;
  if (pacing === undefined) return UNTIMED_REASON;
  if (end.reason !== 'eof') return 'not judged: the stream was cut off before its end';
  if (state.deltas < pacing.minDeltas || state.lastEventMs < pacing.minDurationMs) {
    // The reason names the thresholds, not the measures (they are on the step), so it reads the same on every run.
    return `not judged: too short to tell a stream from a burst (it takes at least ${pacing.minDeltas} deltas over at least ${pacing.minDurationMs} ms: --buffered-min-deltas, --buffered-min-duration)`;
  }
  return undefined;
}
