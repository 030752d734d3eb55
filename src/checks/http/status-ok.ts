import { finding } from '../finding.js';
import type { HttpCheck } from '../types.js';

/**
 * OAS `paths./responses.post.responses`: success is `200`, for JSON and for SSE alike; no other
 * status is declared. A redirect is reported here too: it is not a declared answer, and the tool
 * never follows it (credentials stay with the origin they were given for).
 */
export const statusOk: HttpCheck = {
  kind: 'http',
  id: 'http/status-ok',
  requirement: 'HTTP-09',
  severity: 'SCHEMA',
  section: 'HTTP Responses',
  title: 'A valid request is answered with HTTP 200',
  check(obs) {
    if (obs.status === 200) return [];
    const redirect = obs.status >= 300 && obs.status < 400;
    const location = obs.headers.location;
    return [
      finding(
        statusOk,
        'fail',
        redirect
          ? `A valid request was answered with a redirect (${obs.status}${location ? ` to ${location}` : ''}); only 200 is declared, and the tool does not follow redirects.`
          : `A valid request was answered with HTTP ${obs.status} instead of 200.`,
        { expected: '200', actual: String(obs.status) },
      ),
    ];
  },
};
