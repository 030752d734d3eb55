import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, shown } from './stream-event.js';

interface EventFieldState {
  missingReported: boolean;
}

/**
 * SPEC§Streaming HTTP Responses: "The `event` field MUST match the `type` in the event body."
 * Whether every message must have an `event:` line is not said (Z-03); the spec's example always
 * has one, so a missing line is a warning, reported once per stream.
 */
export const sseEventField: StreamCheck<EventFieldState> = {
  kind: 'stream',
  id: 'stream/sse-event-field',
  requirement: 'SSE-F-03',
  severity: 'MUST',
  section: 'Streaming HTTP Responses',
  title: 'The SSE event: field of every message equals the type in its data',
  // Stryker disable next-line ObjectLiteral: `{}` leaves `missingReported` undefined, which every read treats exactly as false.
  init: () => ({ missingReported: false }),
  onEvent(state, event) {
    const typed = readEvent(event);
    if (typed === undefined) return NO_FINDINGS;
    const field = event.frame.event;
    if (field === undefined || field === '') {
      if (state.missingReported) return NO_FINDINGS;
      state.missingReported = true;
      return [
        finding(sseEventField, 'warn', `The SSE message carrying ${shown(typed.type)} has no event: line; the spec's messages name their type in event: as well (reported once per stream).`, {
          expected: `event: ${shown(typed.type)}`,
          actual: 'no event: line',
          location: eventLocation(event),
        }),
      ];
    }
    if (field === typed.type) return NO_FINDINGS;
    return [
      finding(sseEventField, 'fail', 'The SSE event: line names a different event than the "type" in the message data; they must be equal.', {
        expected: `event: ${shown(typed.type)}`,
        actual: `event: ${shown(field)}`,
        location: eventLocation(event, '/type'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
