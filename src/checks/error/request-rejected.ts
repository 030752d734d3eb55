import { finding } from '../finding.js';
import type { HttpCheck, Verdict } from '../types.js';

/**
 * Request-side schema rules bind the client; no sentence makes a server reject a request that
 * breaks them, and a proper superset may accept more (Z-46). So a negative test passes on a 4xx
 * and gives a warning when the server accepts. Each negative scenario names the catalogue row its
 * request breaks; a row whose breach is the acceptance itself (REQ-TR-02: content silently dropped
 * instead of an error) gives a failure.
 */
export function requestRejected(requirement: string, what: string, verdict: Verdict = 'warn'): HttpCheck {
  const check: HttpCheck = {
    kind: 'http',
    id: 'error/request-rejected',
    requirement,
    severity: 'SCHEMA',
    section: 'Errors',
    title: `A request with ${what} is rejected with a 4xx`,
    check(obs) {
      if (obs.status >= 400 && obs.status < 500) return [];
      return [
        finding(check, verdict, `A request with ${what} was answered with HTTP ${obs.status}; a 4xx error (400 invalid_request) was expected.`, {
          expected: '4xx',
          actual: String(obs.status),
        }),
      ];
    },
  };
  return check;
}
