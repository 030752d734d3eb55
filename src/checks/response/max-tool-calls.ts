import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { isToolCallItem, notEchoed, outputItems, requestedToolTypes, requestSettings } from './items.js';

/**
 * OAS:CreateResponseBody: `max_tool_calls` is "the maximum number of tool calls the model may
 * make while generating the response", so a response holds at most that many tool calls
 * (REQ-TC-09). Offline, the response's echo of the limit stands for the request.
 */
export const maxToolCalls: ResponseCheck = {
  kind: 'response',
  id: 'response/max-tool-calls',
  requirement: 'REQ-TC-09',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'No more tool calls than max_tool_calls allows',
  notJudged: (obs) => notEchoed(obs, 'max_tool_calls'),
  check(obs) {
    const settings = requestSettings(obs);
    const limit = settings.values.max_tool_calls;
    if (typeof limit !== 'number' || !Number.isInteger(limit)) return [];
    const toolTypes = requestedToolTypes(settings.values);
    const calls = outputItems(obs.response).filter(({ item }) => isToolCallItem(item, toolTypes));
    if (calls.length <= limit) return [];
    return [
      finding(maxToolCalls, 'fail', `max_tool_calls allows at most ${limit} tool call(s) (${settings.origin}), but the response makes ${calls.length}.`, {
        expected: `at most ${limit}`,
        actual: String(calls.length),
        location: { path: `/output/${calls[limit]?.index ?? 0}` },
      }),
    ];
  },
};
