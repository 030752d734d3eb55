import { finding } from '../finding.js';
import { truncate } from '../../spec/values.js';
import type { BodyCheck } from '../types.js';

/** A body that should be JSON (a 200 answer, or an error body, HTTP-07) but does not parse. */
export const bodyNotJson: BodyCheck = {
  kind: 'body',
  id: 'transport/body-not-json',
  requirement: 'HTTP-07',
  severity: 'MUST',
  section: 'HTTP Responses',
  title: 'A JSON answer parses as JSON',
  check(obs) {
    if (obs.json !== undefined) return [];
    const preview = obs.text.trim() === '' ? 'an empty body' : truncate(obs.text.replace(/\s+/g, ' '), 80);
    return [
      finding(bodyNotJson, 'fail', `The body of the HTTP ${obs.http.status} answer is not JSON.`, {
        expected: 'a JSON document',
        actual: preview,
      }),
    ];
  },
};
