import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { integerField, readEvent } from './stream-event.js';

interface IncreasingState {
  previous: number | undefined;
}

/**
 * SPEC§Extending streaming events: `sequence_number` is "a monotonically increasing number (within
 * the stream or session) that allows clients to order events", and extension events share that
 * sequence (SSE-SEQ-04). A decrease contradicts the order of arrival (fail); a repeated number
 * leaves two events unordered (warn: the validator of the spec's repository requires strictly
 * increasing values, the prose only "monotonically increasing"). Missing or non-integer numbers
 * are schema findings of `stream/event-schema`.
 */
export const sequenceNumberIncreasing: StreamCheck<IncreasingState> = {
  kind: 'stream',
  id: 'stream/sequence-number-increasing',
  requirement: 'SSE-SEQ-02',
  alsoRequirements: ['SSE-SEQ-04'],
  severity: 'IMPLIED',
  section: 'Extending streaming events',
  title: 'sequence_number increases from event to event',
  // Stryker disable next-line ObjectLiteral: `{}` leaves `previous` undefined, the very value the literal sets.
  init: () => ({ previous: undefined }),
  onEvent(state, event) {
    const typed = readEvent(event);
    if (typed === undefined) return NO_FINDINGS;
    const current = typed.sequenceNumber;
    if (current === undefined) return NO_FINDINGS;
    const previous = state.previous;
    state.previous = current;
    if (previous === undefined || current > previous) return NO_FINDINGS;
    const requirement = typed.extension ? 'SSE-SEQ-04' : 'SSE-SEQ-02';
    const location = eventLocation(event, '/sequence_number');
    if (current === previous) {
      return [
        finding(sequenceNumberIncreasing, 'warn', `The sequence_number ${current} repeats the previous event's number; each event should get a higher number than the one before.`, {
          requirement,
          expected: `more than ${previous}`,
          actual: String(current),
          location,
        }),
      ];
    }
    return [
      finding(sequenceNumberIncreasing, 'fail', `The sequence_number goes down from ${previous} to ${current}; sequence numbers must increase in the order events are sent.`, {
        requirement,
        expected: `more than ${previous}`,
        actual: String(current),
        location,
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
