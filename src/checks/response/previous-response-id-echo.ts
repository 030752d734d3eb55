import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import type { ResponseCheck } from '../types.js';

/**
 * OAS:ResponseResource: `previous_response_id` is "the ID of the previous response in the chain
 * that was referenced, if any": the request's value, or null when none was sent (REQ-ECHO-03).
 * A capture has no request, so what was sent is unknown and the rule is not judged.
 */
export const previousResponseIdEcho: ResponseCheck = {
  kind: 'response',
  id: 'response/previous-response-id-echo',
  requirement: 'REQ-ECHO-03',
  severity: 'IMPLIED',
  section: 'previous_response_id',
  title: 'previous_response_id echoes the request, or is null when none was sent',
  notJudged: (obs) =>
    obs.request === undefined ? 'not judged: the capture has no request, so which previous_response_id was sent is unknown' : undefined,
  check(obs) {
    const echoed = obs.response.previous_response_id;
    if (echoed === undefined || obs.request === undefined) return [];
    const sent = obs.request.body.previous_response_id;
    const expected = typeof sent === 'string' ? sent : null;
    if (echoed === expected) return [];
    return [
      finding(
        previousResponseIdEcho,
        'fail',
        expected === null
          ? 'The response names a previous_response_id although the request sent none.'
          : 'The response does not echo the previous_response_id the request sent.',
        { expected: shortJson(expected), actual: shortJson(echoed), location: { path: '/previous_response_id' } },
      ),
    ];
  },
};
