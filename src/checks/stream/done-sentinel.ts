import { finding, NO_FINDINGS } from '../finding.js';
import type { Location, StreamCheck } from '../types.js';
import { eventLocation } from './location.js';

interface DoneSentinelState {
  doneSeen: boolean;
  afterDoneReported: boolean;
  /** Where the last message ended, to point at the end of the stream. */
  lastLocation: Location | undefined;
}

/**
 * SPEC§Streaming HTTP Responses: "The terminal event MUST be the literal string `[DONE]`." The
 * stream ends with `data: [DONE]` (SSE-F-05), and nothing follows it (SSE-O-14). Checked only when
 * the server closed the stream; a stream the tool or the network cut is a transport problem.
 */
export const doneSentinel: StreamCheck<DoneSentinelState> = {
  kind: 'stream',
  id: 'stream/done-sentinel',
  requirement: 'SSE-F-05',
  alsoRequirements: ['SSE-O-14'],
  severity: 'MUST',
  section: 'Streaming HTTP Responses',
  title: 'The stream ends with data: [DONE], and nothing follows it',
  // Stryker disable next-line ObjectLiteral: `{}` leaves every field undefined, which every read treats exactly as false or as no location.
  init: () => ({ doneSeen: false, afterDoneReported: false, lastLocation: undefined }),
  onEvent(state, event) {
    state.lastLocation = eventLocation(event);
    if (!state.doneSeen) {
      state.doneSeen = event.kind === 'done';
      return NO_FINDINGS;
    }
    if (state.afterDoneReported) return NO_FINDINGS;
    state.afterDoneReported = true;
    return [
      finding(doneSentinel, 'fail', 'An SSE message follows data: [DONE]; [DONE] must be the last message of the stream.', {
        requirement: 'SSE-O-14',
        expected: 'the end of the stream after [DONE]',
        actual: event.kind === 'done' ? 'a second [DONE]' : 'another message',
        location: eventLocation(event),
      }),
    ];
  },
  onEnd(state, end) {
    if (state.doneSeen || end.reason !== 'eof') return NO_FINDINGS;
    // Stryker disable next-line ConditionalExpression: `{ location: undefined }` reads as no location everywhere (every reader tests the value, JSON drops the key).
    const details = state.lastLocation === undefined ? {} : { location: state.lastLocation };
    return [
      finding(doneSentinel, 'fail', 'The stream ended without the final data: [DONE] message.', {
        expected: 'data: [DONE] as the last message',
        actual: end.frames === 0 ? 'no SSE messages at all' : 'the stream closed after the last event',
        ...details,
      }),
    ];
  },
};
