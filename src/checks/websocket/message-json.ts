import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import { eventLocation } from '../stream/location.js';
import { jsonKind } from '../stream/sse-data-json.js';
import type { StreamCheck } from '../types.js';

/**
 * SPEC§WebSocket Transport: servers "MUST send response progress over the WebSocket using the
 * same streaming event objects defined for streaming HTTP responses" (HTTP-15). A message is one
 * event object as JSON: no SSE framing around it and no `[DONE]`, which is SSE's end marker.
 */
export const websocketMessageJson: StreamCheck<null> = {
  kind: 'stream',
  id: 'websocket/message-json',
  requirement: 'HTTP-15',
  severity: 'MUST',
  section: 'WebSocket Transport',
  title: 'Every WebSocket message is one streaming event object as JSON, without SSE framing or [DONE]',
  init: () => null,
  onEvent(_state, event) {
    if (event.kind === 'done') {
      return [
        finding(websocketMessageJson, 'fail', 'The server sent [DONE] over the WebSocket; a WebSocket response ends with its terminal event, and [DONE] belongs to SSE only.', {
          expected: 'a JSON event object',
          actual: '[DONE]',
          location: eventLocation(event),
        }),
      ];
    }
    if (event.kind === 'invalid') {
      const framed = /^(event|data|id):/m.test(event.frame.data);
      return [
        finding(
          websocketMessageJson,
          'fail',
          framed
            ? 'The WebSocket message is framed as SSE (event:/data: lines); over a WebSocket each message is the bare JSON event object.'
            : 'The WebSocket message is not JSON; each message must be one JSON event object.',
          { expected: 'a JSON event object', actual: `not JSON (${event.error})`, location: eventLocation(event) },
        ),
      ];
    }
    if (!isRecord(event.value)) {
      return [
        finding(websocketMessageJson, 'fail', 'The WebSocket message is JSON but not an object; each message must be one event object.', {
          expected: 'a JSON event object',
          actual: jsonKind(event.value),
          location: eventLocation(event),
        }),
      ];
    }
    return [];
  },
  onEnd: () => [],
};
