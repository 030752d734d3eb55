import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { isToolCallItem, outputItems, requestedToolTypes } from './items.js';

/**
 * OAS:CreateResponseBody: `max_tool_calls` is "the maximum number of tool calls the model may
 * make while generating the response", so a response holds at most that many tool calls
 * (REQ-TC-09).
 */
export const maxToolCalls: ResponseCheck = {
  kind: 'response',
  id: 'response/max-tool-calls',
  requirement: 'REQ-TC-09',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'No more tool calls than max_tool_calls allows',
  check(obs) {
    const limit = obs.request.body.max_tool_calls;
    if (typeof limit !== 'number' || !Number.isInteger(limit)) return [];
    const toolTypes = requestedToolTypes(obs.request.body);
    const calls = outputItems(obs.response).filter(({ item }) => isToolCallItem(item, toolTypes));
    if (calls.length <= limit) return [];
    return [
      finding(maxToolCalls, 'fail', `The request allowed at most ${limit} tool call(s), but the response makes ${calls.length}.`, {
        expected: `at most ${limit}`,
        actual: String(calls.length),
        location: { path: `/output/${calls[limit]?.index ?? 0}` },
      }),
    ];
  },
};
