import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, shown } from './stream-event.js';

interface TerminalState {
  terminalType: string | undefined;
  coreReported: boolean;
  extensionReported: boolean;
}

/**
 * SPEC§Streaming HTTP Responses and the response state machine: `completed`, `failed` and
 * `incomplete` are terminal, so a stream has exactly one terminal event and no core event after
 * it, only `data: [DONE]`. An extension event between the terminal event and `[DONE]` is not
 * addressed by the spec (Z-45): a warning. A stream with no terminal event at all is reported by
 * `stream/final-response`. Each breach is reported once per stream.
 */
export const singleTerminalEvent: StreamCheck<TerminalState> = {
  kind: 'stream',
  id: 'stream/single-terminal-event',
  requirement: 'SSE-O-14',
  severity: 'IMPLIED',
  section: 'Streaming HTTP Responses',
  title: 'Exactly one terminal event, and no core event after it',
  // Stryker disable next-line ObjectLiteral: `{}` leaves every field undefined, which every read treats exactly as no terminal event and false.
  init: () => ({ terminalType: undefined, coreReported: false, extensionReported: false }),
  onEvent(state, event) {
    const typed = readEvent(event);
    if (typed === undefined) return NO_FINDINGS;
    const terminal = state.terminalType;
    if (terminal === undefined) {
      if (typed.role?.kind === 'lifecycle' && typed.role.terminal) state.terminalType = typed.type;
      return NO_FINDINGS;
    }
    const location = eventLocation(event, '/type');
    if (typed.extension) {
      if (state.extensionReported) return NO_FINDINGS;
      state.extensionReported = true;
      return [
        finding(singleTerminalEvent, 'warn', `The extension event ${shown(typed.type)} follows the terminal event ${terminal}; after the terminal event only data: [DONE] is expected.`, {
          expected: 'data: [DONE]',
          actual: shown(typed.type),
          location,
        }),
      ];
    }
    if (typed.role === undefined || state.coreReported) return NO_FINDINGS;
    state.coreReported = true;
    const second = typed.role.kind === 'lifecycle' && typed.role.terminal;
    return [
      finding(
        singleTerminalEvent,
        'fail',
        second
          ? `A second terminal event (${typed.type}) follows ${terminal}; a stream ends its response exactly once.`
          : `${typed.type} follows the terminal event ${terminal}; no event of the response may follow it, only data: [DONE].`,
        { expected: 'data: [DONE]', actual: typed.type, location },
      ),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
