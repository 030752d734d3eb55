import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';

interface IdFieldState {
  reported: boolean;
}

/**
 * SPEC§Streaming HTTP Responses: "Servers SHOULD NOT use `id`." An SSE `id:` line makes clients
 * send `Last-Event-ID` on reconnect, which the spec does not support. Reported once per stream,
 * also when the only `id:` is on a message without data, which dispatches no event (the framer
 * notes it in the stream's end).
 */
export const sseIdField: StreamCheck<IdFieldState> = {
  kind: 'stream',
  id: 'stream/sse-id-field',
  requirement: 'SSE-F-04',
  severity: 'SHOULD NOT',
  section: 'Streaming HTTP Responses',
  title: 'SSE messages carry no id: field',
  // Stryker disable next-line ObjectLiteral: `{}` leaves `reported` undefined, which every read treats exactly as false.
  init: () => ({ reported: false }),
  onEvent(state, event) {
    if (event.frame.id === undefined || state.reported) return NO_FINDINGS;
    state.reported = true;
    return [
      finding(sseIdField, 'warn', 'An SSE message carries an id: line; servers should not use SSE ids (reported once per stream).', {
        expected: 'no id: line',
        actual: `id: ${event.frame.id}`,
        location: eventLocation(event),
      }),
    ];
  },
  onEnd(state, end) {
    if (state.reported || end.idWithoutData === undefined) return NO_FINDINGS;
    state.reported = true;
    return [
      finding(sseIdField, 'warn', 'An SSE message without data carries an id: line; servers should not use SSE ids (reported once per stream).', {
        expected: 'no id: line',
        actual: 'an id: line on a message without data',
        location: { byteOffset: end.idWithoutData.byteOffset },
      }),
    ];
  },
};
