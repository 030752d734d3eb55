import { isRecord } from '../../protocol/json.js';
import { isExtensionType } from '../../protocol/events.js';
import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import type { Finding, ResponseCheck } from '../types.js';
import { isToolCallItem, itemType, notEchoed, outputItems, requestedToolTypes, requestSettings, type OutputItem, type RequestSettings } from './items.js';

/**
 * SPEC§tool_choice: with `"required"` the model "MUST call at least one tool" (REQ-TC-02); with
 * `"none"` it "MUST NOT call any tools" (REQ-TC-03); with `{type: "function", name}` it "is
 * required to call the specified function" (REQ-TC-04); SPEC§allowed_tools: calls to tools outside
 * the list "MUST be rejected or suppressed" (REQ-TC-05), and its `mode` works as tool_choice does
 * within the list. Whether the model had to call a tool is judged on `completed` responses that
 * offered tools; forbidden calls on any response. Offline, the response's echo stands for the request.
 */
export const toolChoice: ResponseCheck = {
  kind: 'response',
  id: 'response/tool-choice',
  requirement: 'REQ-TC-02',
  alsoRequirements: ['REQ-TC-03', 'REQ-TC-04', 'REQ-TC-05'],
  severity: 'MUST',
  section: 'tool_choice',
  title: 'Tool calls follow the tool_choice of the request',
  notJudged: (obs) => notEchoed(obs, 'tool_choice'),
  check(obs) {
    const settings = requestSettings(obs);
    const choice = settings.values.tool_choice;
    const toolTypes = requestedToolTypes(settings.values);
    const items = outputItems(obs.response);
    const calls = items.filter(({ item }) => isToolCallItem(item, toolTypes));
    const completedWithTools = obs.response.status === 'completed' && toolTypes.size > 0;
    if (choice === 'required') return completedWithTools ? requireAnyCall(items, 'tool_choice "required"', settings) : [];
    if (choice === 'none') return forbidCalls(calls, 'tool_choice "none"', settings);
    if (!isRecord(choice)) return [];
    if (choice.type === 'function' && typeof choice.name === 'string') {
      return completedWithTools ? requireFunction(items, choice.name, settings) : [];
    }
    if (choice.type === 'allowed_tools' && Array.isArray(choice.tools)) {
      const allowed = new Set(choice.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : [])));
      if (choice.mode === 'none') return forbidCalls(calls, 'allowed_tools in mode "none"', settings);
      const required = choice.mode === 'required' && completedWithTools ? requireAnyCall(items, 'allowed_tools in mode "required"', settings) : [];
      return [...required, ...unlistedCalls(items, allowed, settings)];
    }
    return [];
  },
};

function requireAnyCall(items: OutputItem[], choice: string, settings: RequestSettings): Finding[] {
  // Any slug-prefixed item may record a hosted tool's call, so it counts here.
  const called = items.some(({ item }) => item.type === 'function_call' || isExtensionType(itemType(item) ?? ''));
  if (called) return [];
  return [
    finding(toolChoice, 'fail', `With ${choice} (${settings.origin}), the completed response calls no tool.`, {
      expected: 'at least one function_call (or hosted-tool) item',
      actual: 'no tool call in output',
      location: { path: '/output' },
    }),
  ];
}

function forbidCalls(calls: OutputItem[], choice: string, settings: RequestSettings): Finding[] {
  return calls.map(({ index, item }) =>
    finding(toolChoice, 'fail', `With ${choice} (${settings.origin}), output item ${index} calls a tool.`, {
      requirement: 'REQ-TC-03',
      expected: 'no tool call',
      actual: `a ${shortJson(item.type, 80)} item${typeof item.name === 'string' ? ` calling ${shortJson(item.name, 80)}` : ''}`,
      location: { path: `/output/${index}` },
    }),
  );
}

function requireFunction(items: OutputItem[], name: string, settings: RequestSettings): Finding[] {
  if (items.some(({ item }) => item.type === 'function_call' && item.name === name)) return [];
  return [
    finding(toolChoice, 'fail', `tool_choice forces a call of the function ${shortJson(name, 80)} (${settings.origin}), but the completed response has no function_call of it.`, {
      requirement: 'REQ-TC-04',
      expected: `a function_call with name ${shortJson(name, 80)}`,
      actual: 'none in output',
      location: { path: '/output' },
    }),
  ];
}

function unlistedCalls(items: OutputItem[], allowed: ReadonlySet<string>, settings: RequestSettings): Finding[] {
  return items
    .filter(({ item }) => item.type === 'function_call' && typeof item.name === 'string' && !allowed.has(item.name))
    .map(({ index, item }) =>
      finding(toolChoice, 'fail', `Output item ${index} calls the function ${shortJson(item.name, 80)}, which is not in allowed_tools (${settings.origin}).`, {
        requirement: 'REQ-TC-05',
        expected: shortJson([...allowed]),
        actual: shortJson(item.name, 80),
        location: { path: `/output/${index}/name` },
      }),
    );
}
