import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';

/**
 * SPEC§Streaming HTTP Responses: servers stream "individual `data` objects returned as
 * JSON-encoded strings", and the terminal event is the literal string `[DONE]`. The data of a
 * message is all its `data:` lines joined with a line feed, as the SSE format defines.
 */
export const sseDataJson: StreamCheck<null> = {
  kind: 'stream',
  id: 'stream/sse-data-json',
  requirement: 'SSE-F-02',
  severity: 'MUST',
  section: 'Streaming HTTP Responses',
  title: 'The data of every SSE message is one JSON object, except the terminal [DONE]',
  init: () => null,
  onEvent(_state, event) {
    if (event.kind === 'invalid') {
      const nearlyDone = event.frame.data.trim() === '[DONE]';
      return [
        finding(
          sseDataJson,
          'fail',
          nearlyDone
            ? 'The data of this SSE message is [DONE] with extra whitespace; the terminal message must be exactly the literal [DONE].'
            : 'The data of this SSE message is not JSON; every message except the final [DONE] must carry one JSON-encoded event object.',
          { expected: 'a JSON object, or exactly [DONE]', actual: `not JSON (${event.error})`, location: eventLocation(event) },
        ),
      ];
    }
    if (event.kind === 'json' && !isRecord(event.value)) {
      return [
        finding(sseDataJson, 'fail', 'The data of this SSE message is JSON but not an object; every message must carry one event object.', {
          expected: 'a JSON object',
          actual: jsonKind(event.value),
          location: eventLocation(event),
        }),
      ];
    }
    return NO_FINDINGS;
  },
  onEnd: () => NO_FINDINGS,
};

/** What a JSON value is, for "saw …" when an object was wanted. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
