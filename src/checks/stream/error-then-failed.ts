import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readUntilTerminal } from './stream-event.js';

interface ErrorState {
  errorSeen: boolean;
  ended: boolean;
}

/**
 * SPEC§Errors: "Any error incurred while streaming will be followed by a `response.failed`
 * event." Once an `error` event has been sent, the terminal event is `response.failed`. A stream
 * with no terminal event at all is reported by `stream/final-response`.
 */
export const errorThenFailed: StreamCheck<ErrorState> = {
  kind: 'stream',
  id: 'stream/error-then-failed',
  requirement: 'SSE-O-16',
  severity: 'IMPLIED',
  section: 'Errors',
  title: 'An error event is followed by response.failed',
  reads: ['lifecycle', 'error'],
  // Stryker disable next-line ObjectLiteral: `{}` leaves both flags undefined, which every read treats exactly as false.
  init: () => ({ errorSeen: false, ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'error') state.errorSeen = true;
    if (typed.role.kind !== 'lifecycle' || !typed.role.terminal) return NO_FINDINGS;
    if (!state.errorSeen || typed.type === 'response.failed') return NO_FINDINGS;
    return [
      finding(errorThenFailed, 'fail', `An error event earlier in the stream is followed by ${typed.type}; after an error the response must end with response.failed.`, {
        expected: 'response.failed',
        actual: typed.type,
        location: eventLocation(event, '/type'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
