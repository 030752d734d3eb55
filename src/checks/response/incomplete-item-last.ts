import { finding } from '../finding.js';
import type { Finding, ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/**
 * SPEC§Items are state machines: when an item ends `incomplete`, "it MUST be the last item
 * emitted, and the containing response also MUST be in an `incomplete` state" (RES-17).
 */
export const incompleteItemLast: ResponseCheck = {
  kind: 'response',
  id: 'response/incomplete-item-last',
  requirement: 'RES-17',
  severity: 'MUST',
  section: 'Items are state machines',
  title: 'An incomplete item is the last output item, and the response is incomplete',
  check(obs) {
    const items = outputItems(obs.response);
    const output = obs.response.output;
    // Stryker disable next-line UnaryOperator: when output is not an array there are no items, so `last` is never read.
    const last = Array.isArray(output) ? output.length - 1 : -1;
    const incomplete = items.filter(({ item }) => item.status === 'incomplete');
    const findings: Finding[] = incomplete
      .filter(({ index }) => index !== last)
      .map(({ index }) =>
        finding(incompleteItemLast, 'fail', `Output item ${index} is incomplete but is not the last item; an incomplete item must end the output.`, {
          expected: `the incomplete item at position ${last}`,
          actual: `position ${index} of ${last + 1}`,
          location: { path: `/output/${index}/status` },
        }),
      );
    const status = obs.response.status;
    if (incomplete.length > 0 && typeof status === 'string' && status !== 'incomplete') {
      findings.push(
        finding(incompleteItemLast, 'fail', `The response has status "${status}" although output item ${incomplete[0].index} is incomplete; a response with an incomplete item is incomplete itself.`, {
          expected: '"incomplete"',
          actual: JSON.stringify(status),
          location: { path: '/status' },
        }),
      );
    }
    return findings;
  },
};
