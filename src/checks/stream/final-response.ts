import { TERMINAL_EVENT_TYPES } from '../../protocol/events.js';
import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';

/**
 * SPEC§Streaming / state machines: a stream ends in exactly one terminal response event
 * (`response.completed`, `response.failed` or `response.incomplete`), whose snapshot is the final
 * response clients rebuild. This check covers the case where none arrives; repeats and events
 * after it belong to the lifecycle rules.
 */
export const finalResponse: StreamCheck<{ terminalSeen: boolean }> = {
  kind: 'stream',
  id: 'stream/final-response',
  requirement: 'SSE-O-14',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'The stream delivers a final response in a terminal event',
  // Stryker disable next-line ObjectLiteral: `{}` leaves `terminalSeen` undefined, which every read treats exactly as false.
  init: () => ({ terminalSeen: false }),
  onEvent(state, event) {
    if (event.kind === 'json' && isRecord(event.value) && typeof event.value.type === 'string' && TERMINAL_EVENT_TYPES.has(event.value.type)) {
      state.terminalSeen = true;
    }
    return NO_FINDINGS;
  },
  onEnd(state, end) {
    // A stream cut off by a timeout, reset or cap is reported by the transport checks.
    if (state.terminalSeen || end.reason !== 'eof') return NO_FINDINGS;
    return [
      finding(finalResponse, 'fail', `The stream ended after ${end.frames} message(s) without a terminal event, so there is no final response.`, {
        expected: 'response.completed, response.failed or response.incomplete',
        actual: 'none',
      }),
    ];
  },
};
