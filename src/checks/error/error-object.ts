import { isRecord } from '../../protocol/json.js';
import { describeValue } from '../../spec/values.js';
import { finding } from '../finding.js';
import type { BodyCheck, Finding } from '../types.js';

/**
 * SPEC§Errors: a failed request "responds with a structured error object" with `type`, `code`,
 * `param` and `message` (ERR-01); the example wraps it as `{"error": {...}}` (ERR-02). The object
 * itself is a fail when absent; the exact envelope follows an example, so its gaps are warnings.
 */
export const errorObject: BodyCheck = {
  kind: 'body',
  id: 'error/error-object',
  requirement: 'ERR-01',
  alsoRequirements: ['ERR-02'],
  severity: 'IMPLIED',
  section: 'Errors',
  title: 'An error answer carries the structured error object',
  check(obs) {
    if (obs.http.status < 400 || obs.json === undefined) return [];
    const error = isRecord(obs.json) ? obs.json.error : undefined;
    if (!isRecord(error)) {
      return [
        finding(errorObject, 'fail', 'The error answer has no error object under "error".', {
          expected: '{"error": {"message", "type", "param", "code"}}',
          actual: describeValue(obs.json),
          location: { path: '/error' },
        }),
      ];
    }
    const findings: Finding[] = [];
    for (const field of ['message', 'type'] as const) {
      if (typeof error[field] !== 'string') {
        findings.push(
          finding(errorObject, 'fail', `The error object has no string "${field}".`, {
            expected: `a string "${field}"`,
            actual: describeValue(error[field]),
            location: { path: `/error/${field}` },
          }),
        );
      }
    }
    for (const field of ['code', 'param'] as const) {
      const value = error[field];
      if (value !== null && typeof value !== 'string') {
        findings.push(
          finding(errorObject, 'warn', `The error object's "${field}" is ${value === undefined ? 'missing' : 'not a string'}; the spec's example always carries it, as a string or null.`, {
            requirement: 'ERR-02',
            expected: 'a string or null',
            actual: describeValue(value),
            location: { path: `/error/${field}` },
          }),
        );
      }
    }
    return findings;
  },
};
