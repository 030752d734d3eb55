import { mediaType } from '../media-type.js';
import { finding } from '../finding.js';
import type { HttpCheck } from '../types.js';

/**
 * SPEC§Streaming HTTP Responses: a streamed answer "MUST" have `Content-Type: text/event-stream`.
 * The rule covers a 200 answer to `stream: true`; a request refused before streaming starts may
 * get a JSON error instead (SSE-F-08).
 */
export const eventStreamContentType: HttpCheck = {
  kind: 'http',
  id: 'stream/event-stream-content-type',
  requirement: 'HTTP-08',
  alsoRequirements: ['HTTP-06'],
  severity: 'MUST',
  section: 'Streaming HTTP Responses',
  title: 'A streamed answer has Content-Type text/event-stream',
  check(obs) {
    if (!obs.request.stream || obs.status !== 200) return [];
    const header = obs.headers['content-type'];
    if (mediaType(header) === 'text/event-stream') return [];
    return [
      finding(eventStreamContentType, 'fail', header === undefined ? 'The streamed answer has no Content-Type header.' : `A stream: true request was answered as ${header} instead of text/event-stream.`, {
        requirement: header === undefined ? 'HTTP-06' : 'HTTP-08',
        expected: 'text/event-stream',
        actual: header ?? 'no Content-Type',
      }),
    ];
  },
};
