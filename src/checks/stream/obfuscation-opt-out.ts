import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent } from './stream-event.js';

interface ObfuscationState {
  optedOut: boolean;
  reported: boolean;
}

/**
 * OAS:StreamOptionsParam: `include_obfuscation` (default true) turns the `obfuscation` padding on
 * delta events on or off. A request that sets it to false gets no `obfuscation` fields (SSE-C-08).
 * Reported once per stream.
 */
export const obfuscationOptOut: StreamCheck<ObfuscationState> = {
  kind: 'stream',
  id: 'stream/obfuscation-opt-out',
  requirement: 'SSE-C-08',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'No obfuscation padding when the request turned it off',
  init: (http) => {
    const options = http.request.body.stream_options;
    return { optedOut: isRecord(options) && options.include_obfuscation === false, reported: false };
  },
  onEvent(state, event) {
    const typed = readEvent(event);
    if (!state.optedOut || state.reported || typed === undefined || !Object.hasOwn(typed.body, 'obfuscation')) return NO_FINDINGS;
    state.reported = true;
    return [
      finding(obfuscationOptOut, 'warn', `${typed.type} carries an obfuscation field although the request set stream_options.include_obfuscation to false.`, {
        expected: 'no obfuscation field',
        actual: 'an obfuscation field',
        location: eventLocation(event, '/obfuscation'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
