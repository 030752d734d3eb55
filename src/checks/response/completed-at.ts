import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import type { Finding, ResponseCheck } from '../types.js';

/** A Unix time in seconds stays below this until the year 5138; larger values are milliseconds. */
const LARGEST_SECONDS = 1e11;

/**
 * OAS:ResponseResource: `created_at` and `completed_at` are Unix timestamps "in seconds", and
 * `completed_at` is set "if it was completed" (RES-05). A `completed_at` on a response still
 * `queued` or `in_progress`, or a timestamp in milliseconds, contradicts the definition (fail); a
 * completed response without `completed_at`, or a failed or incomplete one with it, is a warning.
 */
export const completedAt: ResponseCheck = {
  kind: 'response',
  id: 'response/completed-at',
  requirement: 'RES-05',
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'Timestamps are in seconds, and completed_at is set only when the response completed',
  check(obs) {
    const { status, created_at: createdAt, completed_at: completed } = obs.response;
    const findings: Finding[] = [];
    for (const [field, value] of [['created_at', createdAt], ['completed_at', completed]] as const) {
      if (typeof value === 'number' && value > LARGEST_SECONDS) {
        findings.push(
          finding(completedAt, 'fail', `${field} is ${value}, which looks like milliseconds; response timestamps are Unix times in seconds.`, {
            expected: 'seconds since 1970',
            actual: String(value),
            location: { path: `/${field}` },
          }),
        );
      }
    }
    if (typeof status !== 'string' || completed === undefined) return findings;
    const location = { path: '/completed_at' };
    if (completed !== null && (status === 'queued' || status === 'in_progress')) {
      findings.push(
        finding(completedAt, 'fail', `completed_at is set although the response is still ${status}.`, { expected: 'null', actual: shortJson(completed), location }),
      );
    } else if (completed === null && status === 'completed') {
      findings.push(
        finding(completedAt, 'warn', 'The response is completed but completed_at is null; it should give the time it completed.', {
          expected: 'a Unix time in seconds',
          actual: 'null',
          location,
        }),
      );
    } else if (completed !== null && (status === 'failed' || status === 'incomplete')) {
      findings.push(
        finding(completedAt, 'warn', `completed_at is set although the response is ${status}; it is described as set only when the response completed.`, {
          expected: 'null',
          actual: shortJson(completed),
          location,
        }),
      );
    }
    return findings;
  },
};
