import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import type { ResponseCheck } from '../types.js';

/** The response statuses in use: the lifecycle events and the state-machine prose name these five. */
export const RESPONSE_STATUSES: readonly string[] = ['queued', 'in_progress', 'completed', 'failed', 'incomplete'];

/**
 * OAS:ResponseResource: `status` is a string with no enum; the values in use are the five above
 * (SPEC§Streaming state machine). A string outside them is a warning (RES-06); a status that is not
 * a string is the schema's failure, not this rule's.
 */
export const statusValue: ResponseCheck = {
  kind: 'response',
  id: 'response/status-value',
  requirement: 'RES-06',
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'The response status is one of queued, in_progress, completed, failed, incomplete',
  check(obs) {
    const status = obs.response.status;
    if (typeof status !== 'string' || RESPONSE_STATUSES.includes(status)) return [];
    return [
      finding(statusValue, 'warn', `The response status ${shortJson(status, 80)} is none of the five the spec uses, so clients cannot tell where it is in its lifecycle.`, {
        expected: `one of ${RESPONSE_STATUSES.join(', ')}`,
        actual: shortJson(status, 80),
        location: { path: '/status' },
      }),
    ];
  },
};
