import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/**
 * OAS:CreateResponseBody: `parallel_tool_calls` is "whether the model may call multiple tools
 * in parallel"; with `false` a response holds at most one `function_call` (REQ-TC-08). Hosted-tool
 * and extension calls are not counted: a provider may run them one after another.
 */
export const parallelToolCalls: ResponseCheck = {
  kind: 'response',
  id: 'response/parallel-tool-calls',
  requirement: 'REQ-TC-08',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'With parallel_tool_calls false, at most one function call',
  check(obs) {
    if (obs.request.body.parallel_tool_calls !== false) return [];
    const calls = outputItems(obs.response).filter(({ item }) => item.type === 'function_call');
    if (calls.length <= 1) return [];
    return [
      finding(parallelToolCalls, 'fail', `The request set parallel_tool_calls to false, but the response makes ${calls.length} function calls.`, {
        expected: 'at most 1 function_call',
        actual: `${calls.length} function_call items`,
        location: { path: `/output/${calls[1].index}` },
      }),
    ];
  },
};
