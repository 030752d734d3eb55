import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';

/**
 * OAS:ResponseResource: `error` is "the error that occurred, if the response failed", so it is set
 * exactly when `status` is `failed` (RES-08; ERR-S-02 for a stream's `response.failed`): set on
 * another status contradicts it (fail); null on a failed response leaves the cause out (warn).
 */
export const errorField: ResponseCheck = {
  kind: 'response',
  id: 'response/error-field',
  requirement: 'RES-08',
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'error is set exactly when the response failed',
  check(obs) {
    const { status, error } = obs.response;
    if (typeof status !== 'string' || error === undefined) return [];
    const location = { path: '/error' };
    if (status === 'failed' && error === null) {
      return [
        finding(errorField, 'warn', 'The response failed but its error is null; it should say what went wrong.', {
          expected: '{"code": …, "message": …}',
          actual: 'null',
          location,
        }),
      ];
    }
    if (status !== 'failed' && isRecord(error)) {
      return [
        finding(errorField, 'fail', `The response has status "${status}" but carries an error, which belongs to failed responses only.`, {
          expected: 'null',
          actual: 'an error object',
          location,
        }),
      ];
    }
    return [];
  },
};
