import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { notEchoed, outputItems, requestSettings } from './items.js';

/**
 * OAS:CreateResponseBody: `parallel_tool_calls` is "whether the model may call multiple tools
 * in parallel"; with `false` a response holds at most one `function_call` (REQ-TC-08). Hosted-tool
 * and extension calls are not counted: a provider may run them one after another. Offline, the
 * response's echo of the setting stands for the request.
 */
export const parallelToolCalls: ResponseCheck = {
  kind: 'response',
  id: 'response/parallel-tool-calls',
  requirement: 'REQ-TC-08',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'With parallel_tool_calls false, at most one function call',
  notJudged: (obs) => notEchoed(obs, 'parallel_tool_calls'),
  check(obs) {
    const settings = requestSettings(obs);
    if (settings.values.parallel_tool_calls !== false) return [];
    const calls = outputItems(obs.response).filter(({ item }) => item.type === 'function_call');
    if (calls.length <= 1) return [];
    return [
      finding(parallelToolCalls, 'fail', `parallel_tool_calls is false (${settings.origin}), but the response makes ${calls.length} function calls.`, {
        expected: 'at most 1 function_call',
        actual: `${calls.length} function_call items`,
        location: { path: `/output/${calls[1].index}` },
      }),
    ];
  },
};
