import { mediaType } from '../media-type.js';
import { finding } from '../finding.js';
import type { HttpCheck } from '../types.js';

/**
 * SPEC§HTTP Responses: every response carries a Content-Type (HTTP-06), and a non-streaming body,
 * errors included, "MUST be application/json" (HTTP-07). Parameters such as charset are fine.
 */
export const jsonContentType: HttpCheck = {
  kind: 'http',
  id: 'http/json-content-type',
  requirement: 'HTTP-07',
  alsoRequirements: ['HTTP-06'],
  severity: 'MUST',
  section: 'HTTP Responses',
  title: 'A non-streamed answer has Content-Type application/json',
  check(obs) {
    // A 200 to a streaming request is judged by stream/event-stream-content-type instead.
    if (obs.request.stream && obs.status === 200) return [];
    const header = obs.headers['content-type'];
    if (header === undefined) {
      return [finding(jsonContentType, 'fail', 'The answer has no Content-Type header.', { requirement: 'HTTP-06', expected: 'application/json', actual: 'no Content-Type' })];
    }
    if (mediaType(header) === 'application/json') return [];
    return [finding(jsonContentType, 'fail', `A non-streamed answer (HTTP ${obs.status}) was sent as ${header} instead of application/json.`, { expected: 'application/json', actual: header })];
  },
};
