import { truncate } from '../../spec/values.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck, StreamEvent } from '../types.js';
import { eventLocation } from './location.js';

interface TerminationState {
  last: StreamEvent | undefined;
}

const EXCERPT_CHARS = 240;

/**
 * The SSE format dispatches a message only at the blank line that closes it; a browser
 * `EventSource` drops a message cut off by the end of the body, so a client may never see the
 * final `[DONE]` (SPEC§Streaming HTTP Responses: the terminal event MUST be `[DONE]`). The message
 * is still checked; its missing blank line is a warning.
 */
export const sseMessageTerminated: StreamCheck<TerminationState> = {
  kind: 'stream',
  id: 'stream/sse-message-terminated',
  requirement: 'SSE-F-05',
  severity: 'IMPLIED',
  section: 'Streaming HTTP Responses',
  title: 'The last SSE message is closed by a blank line',
  // Stryker disable next-line ObjectLiteral: `{}` leaves `last` undefined, the very value the literal sets.
  init: () => ({ last: undefined }),
  onEvent(state, event) {
    state.last = event;
    return NO_FINDINGS;
  },
  onEnd(state, end) {
    if (!end.unterminatedMessage) return NO_FINDINGS;
    const last = state.last;
    return [
      finding(sseMessageTerminated, 'warn', 'The stream ended in the middle of its last SSE message (no closing blank line); standard SSE clients discard such a message.', {
        expected: 'a blank line after the last message',
        actual: 'end of the body',
        ...(last === undefined ? {} : { location: eventLocation(last), excerpt: truncate(last.frame.data, EXCERPT_CHARS) }),
      }),
    ];
  },
};
