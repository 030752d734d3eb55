import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { integerField, readEvent } from './stream-event.js';

interface ContiguousState {
  previous: number | undefined;
  /** The number a WebSocket response may continue from (HttpObservation.continuesFrom). */
  continuesFrom: number | undefined;
}

/**
 * SPEC§Extending streaming events: the `sequence_number` "allows clients to order events and
 * detect gaps", so the numbers go up by one from event to event. Only the extension-event text
 * says so and the first number (0 or 1) is never stated: gaps and other first numbers are warnings.
 * On a WebSocket a response may also go on from the previous response's last number (Z-47).
 * Decreases and repeats belong to `stream/sequence-number-increasing`.
 */
export const sequenceNumberContiguous: StreamCheck<ContiguousState> = {
  kind: 'stream',
  id: 'stream/sequence-number-contiguous',
  requirement: 'SSE-SEQ-03',
  severity: 'IMPLIED',
  section: 'Extending streaming events',
  title: 'sequence_number starts at 0 or 1 and goes up by one without gaps',
  init: (http) => ({ previous: undefined, continuesFrom: http.continuesFrom }),
  onEvent(state, event) {
    const typed = readEvent(event);
    const current = typed === undefined ? undefined : typed.sequenceNumber;
    if (current === undefined) return NO_FINDINGS;
    const previous = state.previous;
    state.previous = current;
    const location = eventLocation(event, '/sequence_number');
    if (previous === undefined) {
      const continued = state.continuesFrom === undefined ? undefined : state.continuesFrom + 1;
      if (current === 0 || current === 1 || current === continued) return NO_FINDINGS;
      return [
        finding(sequenceNumberContiguous, 'warn', `The first event has sequence_number ${current}; streams are expected to start at 0 or 1${continued === undefined ? '' : ` (or, on this connection, go on at ${continued})`}, so that a client can tell that no event was lost.`, {
          expected: continued === undefined ? '0 or 1' : `0, 1 or ${continued}`,
          actual: String(current),
          location,
        }),
      ];
    }
    if (current <= previous + 1) return NO_FINDINGS;
    return [
      finding(sequenceNumberContiguous, 'warn', `The sequence_number jumps from ${previous} to ${current}; a client reads the gap as ${current - previous - 1} lost event(s).`, {
        expected: String(previous + 1),
        actual: String(current),
        location,
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
