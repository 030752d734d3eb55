import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';

/**
 * OAS:ResponseResource: `incomplete_details` gives "details about why the response was
 * incomplete", so it is set exactly when `status` is `incomplete` (RES-07): set on another status
 * contradicts it (fail); missing on an incomplete response leaves the reason out (warn).
 */
export const incompleteDetails: ResponseCheck = {
  kind: 'response',
  id: 'response/incomplete-details',
  requirement: 'RES-07',
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'incomplete_details is set exactly when the response is incomplete',
  check(obs) {
    const { status, incomplete_details: details } = obs.response;
    if (typeof status !== 'string' || details === undefined) return [];
    const location = { path: '/incomplete_details' };
    if (status === 'incomplete' && details === null) {
      return [
        finding(incompleteDetails, 'warn', 'The response is incomplete but incomplete_details is null; it should say why the response is incomplete.', {
          expected: '{"reason": …}',
          actual: 'null',
          location,
        }),
      ];
    }
    if (status !== 'incomplete' && isRecord(details)) {
      return [
        finding(incompleteDetails, 'fail', `The response has status "${status}" but carries incomplete_details, which belong to incomplete responses only.`, {
          expected: 'null',
          actual: 'an incomplete_details object',
          location,
        }),
      ];
    }
    return [];
  },
};
