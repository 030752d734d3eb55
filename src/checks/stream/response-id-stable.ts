import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, recordField, stringField } from './stream-event.js';

interface ResponseIdState {
  id: string | undefined;
  firstType: string | undefined;
}

/**
 * A stream carries one response: every lifecycle snapshot (`response.created` to the terminal
 * event) has the same `response.id` (SSE-C-07). A changing id makes a client attach the events to
 * two different responses.
 */
export const responseIdStable: StreamCheck<ResponseIdState> = {
  kind: 'stream',
  id: 'stream/response-id-stable',
  requirement: 'SSE-C-07',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'Every response snapshot in the stream has the same id',
  reads: ['lifecycle'],
  // Stryker disable next-line ObjectLiteral: `{}` leaves both fields undefined, the very values the literal sets.
  init: () => ({ id: undefined, firstType: undefined }),
  onEvent(state, event) {
    const typed = readEvent(event);
    if (typed?.role?.kind !== 'lifecycle') return NO_FINDINGS;
    const response = recordField(typed.body, 'response');
    const id = response === undefined ? undefined : stringField(response, 'id');
    if (id === undefined) return NO_FINDINGS;
    if (state.id === undefined) {
      state.id = id;
      state.firstType = typed.type;
      return NO_FINDINGS;
    }
    if (id === state.id) return NO_FINDINGS;
    // Stryker disable next-line StringLiteral: the first snapshot's type is kept with its id, so it is always known here.
    const first = state.firstType ?? 'the first snapshot';
    return [
      finding(responseIdStable, 'fail', `The response id in ${typed.type} differs from the id in ${first}; one stream carries one response.`, {
        expected: JSON.stringify(state.id),
        actual: JSON.stringify(id),
        location: eventLocation(event, '/response/id'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
