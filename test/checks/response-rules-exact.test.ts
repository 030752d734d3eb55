import { describe, expect, it } from 'vitest';
import { isStandardItemType } from '../../src/checks/response/items.js';
import { responseSchema } from '../../src/checks/response/schema.js';
import { completedAt } from '../../src/checks/response/completed-at.js';
import { completedItemsStatus } from '../../src/checks/response/completed-items-status.js';
import { errorField } from '../../src/checks/response/error-field.js';
import { extensionItems } from '../../src/checks/response/extension-items.js';
import { functionCallArgumentsJson } from '../../src/checks/response/function-call-arguments-json.js';
import { incompleteDetails } from '../../src/checks/response/incomplete-details.js';
import { incompleteItemLast } from '../../src/checks/response/incomplete-item-last.js';
import { itemIdsUnique } from '../../src/checks/response/item-ids-unique.js';
import { maxToolCalls } from '../../src/checks/response/max-tool-calls.js';
import { parallelToolCalls } from '../../src/checks/response/parallel-tool-calls.js';
import { previousResponseIdEcho } from '../../src/checks/response/previous-response-id-echo.js';
import { RESPONSE_STATUSES, statusValue } from '../../src/checks/response/status-value.js';
import { toolChoice } from '../../src/checks/response/tool-choice.js';
import { usageArithmetic } from '../../src/checks/response/usage-arithmetic.js';
import { assistantMessage } from '../../src/checks/response/assistant-message.js';
import { reasoningTokens } from '../../src/checks/response/reasoning-tokens.js';
import type { ResponseCheck, ResponseObservation, SchemaValidator } from '../../src/checks/types.js';
import { ctx } from './harness.js';

/** Exact findings of each response rule: mutation testing showed messages and boundaries untested. */
type Body = Record<string, unknown>;
const REQUEST: Body = { model: 'test-model', input: 'Say hello.' };
const LIVE = 'as the request sent it';
const OFFLINE = 'as the response echoes it; the capture has no request';

/** `null` for a capture, which has no request. */
function observe(response: Body, request: Body | null = REQUEST): ResponseObservation {
  return { request: request === null ? undefined : { method: 'POST', path: '/responses', body: request, stream: false }, response, source: 'body' };
}

function judge(check: ResponseCheck, response: Body, request: Body | null = REQUEST) {
  return check.check(observe(response, request), ctx);
}

function found(check: ResponseCheck, verdict: 'fail' | 'warn', message: string, expected: string, actual: string, path: string, requirement = check.requirement) {
  return { checkId: check.id, requirement, verdict, message, expected, actual, location: { path } };
}

const msg = (id: string, status = 'completed'): Body => ({ id, type: 'message', status, role: 'assistant', content: [] });
const call = (id: string, name = 'get_weather', status = 'completed', args = '{}'): Body => ({ id, type: 'function_call', call_id: `c_${id}`, name, arguments: args, status });
const TOOLS = [{ type: 'function', name: 'get_weather' }, { type: 'function', name: 'send_email' }];

describe('response/completed-at', () => {
  it('names a timestamp in milliseconds, on either field, above 1e11 only', () => {
    expect(judge(completedAt, { created_at: 1e12 })).toEqual([
      found(completedAt, 'fail', 'created_at is 1000000000000, which looks like milliseconds; response timestamps are Unix times in seconds.', 'seconds since 1970', '1000000000000', '/created_at'),
    ]);
    expect(judge(completedAt, { status: 'completed', created_at: 1e11, completed_at: 1e11 + 1 })).toEqual([
      found(completedAt, 'fail', 'completed_at is 100000000001, which looks like milliseconds; response timestamps are Unix times in seconds.', 'seconds since 1970', '100000000001', '/completed_at'),
    ]);
    expect(judge(completedAt, { created_at: '1000000000000', status: 7, completed_at: 5 })).toEqual([]);
  });

  it('fails completed_at on a response still queued or in progress', () => {
    for (const status of ['queued', 'in_progress']) {
      expect(judge(completedAt, { status, completed_at: 5 })).toEqual([
        found(completedAt, 'fail', `completed_at is set although the response is still ${status}.`, 'null', '5', '/completed_at'),
      ]);
      expect(judge(completedAt, { status, completed_at: null })).toEqual([]);
    }
  });

  it('warns on a completed response without it, and a failed or incomplete one with it', () => {
    expect(judge(completedAt, { status: 'completed', completed_at: null })).toEqual([
      found(completedAt, 'warn', 'The response is completed but completed_at is null; it should give the time it completed.', 'a Unix time in seconds', 'null', '/completed_at'),
    ]);
    for (const status of ['failed', 'incomplete']) {
      expect(judge(completedAt, { status, completed_at: 5 })).toEqual([
        found(completedAt, 'warn', `completed_at is set although the response is ${status}; it is described as set only when the response completed.`, 'null', '5', '/completed_at'),
      ]);
      expect(judge(completedAt, { status, completed_at: null })).toEqual([]);
    }
    expect(judge(completedAt, { status: 'completed', completed_at: 5 })).toEqual([]);
    expect(judge(completedAt, { status: 'completed' })).toEqual([]);
    expect(judge(completedAt, { status: 'cancelled', completed_at: null })).toEqual([]);
  });
});

describe('response/completed-items-status', () => {
  it('names each standard item still in progress in a completed response', () => {
    const response = { status: 'completed', output: [msg('m1'), call('f1', 'get_weather', 'in_progress'), { id: 'r1', type: 'reasoning', status: 'in_progress' }, { status: 'in_progress' }] };
    expect(judge(completedItemsStatus, response)).toEqual([
      found(completedItemsStatus, 'fail', 'The response is completed, but its function_call item at position 1 is still in_progress.', '"completed"', '"in_progress"', '/output/1/status'),
    ]);
    expect(judge(completedItemsStatus, { ...response, status: 'incomplete' })).toEqual([]);
  });
});

describe('response/error-field', () => {
  it('warns on a failed response with a null error, fails an error on another status', () => {
    expect(judge(errorField, { status: 'failed', error: null })).toEqual([
      found(errorField, 'warn', 'The response failed but its error is null; it should say what went wrong.', '{"code": …, "message": …}', 'null', '/error'),
    ]);
    expect(judge(errorField, { status: 'completed', error: { code: 'x', message: 'y' } })).toEqual([
      found(errorField, 'fail', 'The response has status "completed" but carries an error, which belongs to failed responses only.', 'null', 'an error object', '/error'),
    ]);
    expect(judge(errorField, { status: 'failed', error: { code: 'x', message: 'y' } })).toEqual([]);
    expect(judge(errorField, { status: 'completed', error: null })).toEqual([]);
    expect(judge(errorField, { status: 'completed', error: 'oops' })).toEqual([]);
    expect(judge(errorField, { status: 'completed' })).toEqual([]);
    expect(judge(errorField, { status: 3, error: { code: 'x' } })).toEqual([]);
  });
});

describe('response/incomplete-details', () => {
  it('warns on an incomplete response with null details, fails details on another status', () => {
    expect(judge(incompleteDetails, { status: 'incomplete', incomplete_details: null })).toEqual([
      found(incompleteDetails, 'warn', 'The response is incomplete but incomplete_details is null; it should say why the response is incomplete.', '{"reason": …}', 'null', '/incomplete_details'),
    ]);
    expect(judge(incompleteDetails, { status: 'completed', incomplete_details: { reason: 'max_output_tokens' } })).toEqual([
      found(incompleteDetails, 'fail', 'The response has status "completed" but carries incomplete_details, which belong to incomplete responses only.', 'null', 'an incomplete_details object', '/incomplete_details'),
    ]);
    expect(judge(incompleteDetails, { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } })).toEqual([]);
    expect(judge(incompleteDetails, { status: 'completed', incomplete_details: null })).toEqual([]);
    expect(judge(incompleteDetails, { status: 'completed', incomplete_details: 'x' })).toEqual([]);
    expect(judge(incompleteDetails, { status: 'completed' })).toEqual([]);
    expect(judge(incompleteDetails, { status: 3, incomplete_details: { reason: 'x' } })).toEqual([]);
  });
});

describe('response/incomplete-item-last', () => {
  it('names an incomplete item before the end, and a response that is not incomplete', () => {
    expect(judge(incompleteItemLast, { status: 'incomplete', output: [msg('m1', 'incomplete'), msg('m2')] })).toEqual([
      found(incompleteItemLast, 'fail', 'Output item 0 is incomplete but is not the last item; an incomplete item must end the output.', 'the incomplete item at position 1', 'position 0 of 2', '/output/0/status'),
    ]);
    expect(judge(incompleteItemLast, { status: 'completed', output: [msg('m1'), msg('m2', 'incomplete')] })).toEqual([
      found(incompleteItemLast, 'fail', 'The response has status "completed" although output item 1 is incomplete; a response with an incomplete item is incomplete itself.', '"incomplete"', '"completed"', '/status'),
    ]);
  });

  it('counts positions in output, non-objects included, and leaves a non-string status alone', () => {
    expect(judge(incompleteItemLast, { status: 'incomplete', output: [null, msg('m2', 'incomplete')] })).toEqual([]);
    expect(judge(incompleteItemLast, { status: 7, output: [msg('m2', 'incomplete')] })).toEqual([]);
    expect(judge(incompleteItemLast, { status: 'completed', output: [msg('m1'), msg('m2')] })).toEqual([]);
    expect(judge(incompleteItemLast, { status: 'incomplete', output: {} })).toEqual([]);
  });
});

describe('response/item-ids-unique', () => {
  it('names each repeat against the first item with that id', () => {
    const response = { output: [msg('a'), msg('b'), msg('a'), { type: 'message' }, { type: 'message' }, msg('a')] };
    expect(judge(itemIdsUnique, response)).toEqual([
      found(itemIdsUnique, 'fail', 'Output items 0 and 2 share the id "a"; item ids must tell items apart.', 'a distinct id', '"a"', '/output/2/id'),
      found(itemIdsUnique, 'fail', 'Output items 0 and 5 share the id "a"; item ids must tell items apart.', 'a distinct id', '"a"', '/output/5/id'),
    ]);
  });
});

describe('response/max-tool-calls', () => {
  it('names the limit, the count and the first call past the limit', () => {
    const response = { output: [msg('m1'), call('f1'), call('f2'), { id: 'x', type: 'acme:web_search_call', status: 'completed' }] };
    expect(judge(maxToolCalls, response, { ...REQUEST, max_tool_calls: 1 })).toEqual([
      found(maxToolCalls, 'fail', `max_tool_calls allows at most 1 tool call(s) (${LIVE}), but the response makes 3.`, 'at most 1', '3', '/output/2'),
    ]);
    expect(judge(maxToolCalls, response, { ...REQUEST, max_tool_calls: 3 })).toEqual([]);
    expect(judge(maxToolCalls, response, { ...REQUEST, max_tool_calls: 1.5 })).toEqual([]);
    expect(judge(maxToolCalls, response, { ...REQUEST, max_tool_calls: '1' })).toEqual([]);
    expect(judge(maxToolCalls, { ...response, max_tool_calls: 2 }, null)).toEqual([
      found(maxToolCalls, 'fail', `max_tool_calls allows at most 2 tool call(s) (${OFFLINE}), but the response makes 3.`, 'at most 2', '3', '/output/3'),
    ]);
  });

  it('points at the output for a limit below zero, and counts a requested hosted tool', () => {
    expect(judge(maxToolCalls, { output: [msg('m1'), call('f1')] }, { ...REQUEST, max_tool_calls: -1 })).toEqual([
      found(maxToolCalls, 'fail', `max_tool_calls allows at most -1 tool call(s) (${LIVE}), but the response makes 1.`, 'at most -1', '1', '/output/0'),
    ]);
    const hosted = { output: [{ id: 'h', type: 'acme:search', status: 'completed' }, { id: 't', type: 'acme:trace', status: 'completed' }] };
    expect(judge(maxToolCalls, hosted, { ...REQUEST, max_tool_calls: 0, tools: [{ type: 'acme:search' }, 'x', { type: 3 }] })).toMatchObject([{ actual: '1', location: { path: '/output/0' } }]);
  });

  it('says why a capture without the echo is not judged', () => {
    expect(maxToolCalls.notJudged?.(observe({}, null))).toBe('not judged: the capture has no request, and the response does not echo max_tool_calls');
    expect(maxToolCalls.notJudged?.(observe({ max_tool_calls: 1 }, null))).toBeUndefined();
    expect(maxToolCalls.notJudged?.(observe({}))).toBeUndefined();
  });
});

describe('response/parallel-tool-calls', () => {
  it('names the second function call when parallel_tool_calls is false', () => {
    const response = { output: [msg('m1'), { id: 'x', type: 'acme:web_search_call', status: 'completed' }, call('f1'), call('f2')] };
    expect(judge(parallelToolCalls, response, { ...REQUEST, parallel_tool_calls: false })).toEqual([
      found(parallelToolCalls, 'fail', `parallel_tool_calls is false (${LIVE}), but the response makes 2 function calls.`, 'at most 1 function_call', '2 function_call items', '/output/3'),
    ]);
    expect(judge(parallelToolCalls, response, { ...REQUEST, parallel_tool_calls: true })).toEqual([]);
    expect(judge(parallelToolCalls, response)).toEqual([]);
    expect(judge(parallelToolCalls, { output: [msg('m1'), call('f1')] }, { ...REQUEST, parallel_tool_calls: false })).toEqual([]);
    expect(judge(parallelToolCalls, { ...response, parallel_tool_calls: false }, null)).toMatchObject([{ message: `parallel_tool_calls is false (${OFFLINE}), but the response makes 2 function calls.` }]);
    expect(parallelToolCalls.notJudged?.(observe({}, null))).toBe('not judged: the capture has no request, and the response does not echo parallel_tool_calls');
  });
});

describe('response/status-value', () => {
  it('warns on a status outside the five, naming them', () => {
    expect(RESPONSE_STATUSES).toEqual(['queued', 'in_progress', 'completed', 'failed', 'incomplete']);
    expect(judge(statusValue, { status: 'done' })).toEqual([
      found(statusValue, 'warn', 'The response status "done" is none of the five the spec uses, so clients cannot tell where it is in its lifecycle.', 'one of queued, in_progress, completed, failed, incomplete', '"done"', '/status'),
    ]);
    for (const status of RESPONSE_STATUSES) expect(judge(statusValue, { status })).toEqual([]);
    expect(judge(statusValue, { status: 1 })).toEqual([]);
  });
});

describe('response/previous-response-id-echo', () => {
  it('fails an id the request did not send, and one that differs', () => {
    expect(judge(previousResponseIdEcho, { previous_response_id: 'resp_1' })).toEqual([
      found(previousResponseIdEcho, 'fail', 'The response names a previous_response_id although the request sent none.', 'null', '"resp_1"', '/previous_response_id'),
    ]);
    expect(judge(previousResponseIdEcho, { previous_response_id: 'resp_2' }, { ...REQUEST, previous_response_id: 'resp_1' })).toEqual([
      found(previousResponseIdEcho, 'fail', 'The response does not echo the previous_response_id the request sent.', '"resp_1"', '"resp_2"', '/previous_response_id'),
    ]);
    expect(judge(previousResponseIdEcho, { previous_response_id: 'resp_1' }, { ...REQUEST, previous_response_id: 'resp_1' })).toEqual([]);
    expect(judge(previousResponseIdEcho, { previous_response_id: null })).toEqual([]);
    expect(judge(previousResponseIdEcho, {}, { ...REQUEST, previous_response_id: 'resp_1' })).toEqual([]);
    expect(judge(previousResponseIdEcho, { previous_response_id: 'resp_1' }, null)).toEqual([]);
    expect(previousResponseIdEcho.notJudged?.(observe({}, null))).toBe('not judged: the capture has no request, so which previous_response_id was sent is unknown');
    expect(previousResponseIdEcho.notJudged?.(observe({}))).toBeUndefined();
  });
});

describe('response/extension-items', () => {
  it('fails an unknown unprefixed type, and an extension item without id or status', () => {
    expect(judge(extensionItems, { output: [msg('m1'), { id: 'w', type: 'weird', status: 'completed' }] }, null)).toEqual([
      found(extensionItems, 'fail', 'Output item 1 has type "weird", which is not an item type of this spec version and has no implementor prefix ("acme:…") that would make it an extension.', 'a standard item type, or a slug-prefixed extension type', '"weird"', '/output/1/type'),
    ]);
    expect(judge(extensionItems, { output: [{ type: 'acme:thing' }, { id: 'x', type: 'acme:thing' }, { id: 'y', type: 'acme:thing', status: 'done' }, { type: 3 }] })).toEqual([
      found(extensionItems, 'fail', 'The extension item "acme:thing" at output position 0 has no string "id" and "status"; every item carries id, type and status.', 'string "id", "type" and "status"', 'no "id" and "status"', '/output/0/id', 'EXT-02'),
      found(extensionItems, 'fail', 'The extension item "acme:thing" at output position 1 has no string "status"; every item carries id, type and status.', 'string "id", "type" and "status"', 'no "status"', '/output/1/status', 'EXT-02'),
    ]);
  });
});

describe('response/function-call-arguments-json', () => {
  it('fails arguments of a completed call that are not JSON, showing their start', () => {
    const args = `{"city": ${'x'.repeat(100)}`;
    expect(judge(functionCallArgumentsJson, { output: [msg('m1'), call('f1', 'get_weather', 'completed', args), call('f2', 'get_weather', 'incomplete', '{')] })).toEqual([
      found(functionCallArgumentsJson, 'fail', 'The completed function call at output position 1 has arguments that are not valid JSON.', 'a JSON text', JSON.stringify(args.slice(0, 80)), '/output/1/arguments'),
    ]);
  });

  it('warns on arguments that do not fit the offered parameters, and fails them for a strict tool', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const tools = [{ type: 'function', name: 'get_weather', parameters }];
    const issue = ctx.schemas.validateAgainst(parameters, {})![0];
    const response = { output: [call('f1', 'get_weather', 'completed', '{}'), call('f2', 'get_weather', 'completed', '{"city":"Paris"}')] };
    const message = (strict: boolean) => `The arguments of the completed call to get_weather (output position 0) do not fit the tool's parameters${strict ? ', although the tool is strict' : ''}: ${issue.message}.`;
    expect(judge(functionCallArgumentsJson, response, { ...REQUEST, tools })).toEqual([
      found(functionCallArgumentsJson, 'warn', message(false), issue.expected, issue.actual, '/output/0/arguments'),
    ]);
    expect(judge(functionCallArgumentsJson, { ...response, tools: [{ ...tools[0], strict: true }] }, { ...REQUEST, tools })).toEqual([
      found(functionCallArgumentsJson, 'fail', message(true), issue.expected, issue.actual, '/output/0/arguments'),
    ]);
    expect(judge(functionCallArgumentsJson, { ...response, tools: [{ ...tools[0], strict: true }] }, null)).toMatchObject([{ verdict: 'fail' }]);
    expect(judge(functionCallArgumentsJson, response, { ...REQUEST, tools: [{ type: 'mcp', name: 'get_weather', parameters }] })).toEqual([]);
    expect(judge(functionCallArgumentsJson, response, { ...REQUEST, tools: 'none' })).toEqual([]);
  });
});

describe('response/tool-choice', () => {
  const completed = (output: Body[]) => ({ status: 'completed', output });

  it('tool_choice "required" needs a call in a completed response with tools', () => {
    const request = { ...REQUEST, tools: TOOLS, tool_choice: 'required' };
    expect(judge(toolChoice, completed([msg('m1')]), request)).toEqual([
      found(toolChoice, 'fail', `With tool_choice "required" (${LIVE}), the completed response calls no tool.`, 'at least one function_call (or hosted-tool) item', 'no tool call in output', '/output'),
    ]);
    expect(judge(toolChoice, completed([{ id: 'x', type: 'acme:search', status: 'completed' }]), request)).toEqual([]);
    expect(judge(toolChoice, completed([call('f1')]), request)).toEqual([]);
    expect(judge(toolChoice, { status: 'incomplete', output: [msg('m1')] }, request)).toEqual([]);
    expect(judge(toolChoice, completed([msg('m1')]), { ...REQUEST, tool_choice: 'required' })).toEqual([]);
  });

  it('tool_choice "none" forbids every call', () => {
    const output = [msg('m1'), call('f1'), { id: 'x', type: 'acme:web_search_call', status: 'completed' }];
    expect(judge(toolChoice, completed(output), { ...REQUEST, tools: TOOLS, tool_choice: 'none' })).toEqual([
      found(toolChoice, 'fail', `With tool_choice "none" (${LIVE}), output item 1 calls a tool.`, 'no tool call', 'a "function_call" item calling "get_weather"', '/output/1', 'REQ-TC-03'),
      found(toolChoice, 'fail', `With tool_choice "none" (${LIVE}), output item 2 calls a tool.`, 'no tool call', 'a "acme:web_search_call" item', '/output/2', 'REQ-TC-03'),
    ]);
    expect(judge(toolChoice, completed(output), { ...REQUEST, tools: TOOLS, tool_choice: 'auto' })).toEqual([]);
  });

  it('a forced function must be called', () => {
    const request = { ...REQUEST, tools: TOOLS, tool_choice: { type: 'function', name: 'get_weather' } };
    expect(judge(toolChoice, completed([call('f1', 'send_email')]), request)).toEqual([
      found(toolChoice, 'fail', `tool_choice forces a call of the function "get_weather" (${LIVE}), but the completed response has no function_call of it.`, 'a function_call with name "get_weather"', 'none in output', '/output', 'REQ-TC-04'),
    ]);
    expect(judge(toolChoice, completed([{ id: 'x', type: 'acme:get_weather', name: 'get_weather', status: 'completed' }]), request)).toHaveLength(1);
    expect(judge(toolChoice, completed([call('f1')]), request)).toEqual([]);
    expect(judge(toolChoice, { status: 'failed', output: [] }, request)).toEqual([]);
    expect(judge(toolChoice, completed([]), { ...request, tool_choice: { type: 'function' } })).toEqual([]);
    expect(judge(toolChoice, completed([]), { ...request, tool_choice: { type: 'custom', name: 'get_weather' } })).toEqual([]);
  });

  it('allowed_tools limits the functions, and its modes "none" and "required" apply', () => {
    const allowed = (mode: string) => ({ ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', mode, tools: [{ type: 'function', name: 'get_weather' }, { type: 'function' }, 'x'] } });
    expect(judge(toolChoice, completed([call('f1', 'send_email'), call('f2')]), allowed('auto'))).toEqual([
      found(toolChoice, 'fail', `Output item 0 calls the function "send_email", which is not in allowed_tools (${LIVE}).`, '["get_weather"]', '"send_email"', '/output/0/name', 'REQ-TC-05'),
    ]);
    expect(judge(toolChoice, completed([call('f2')]), allowed('none'))).toEqual([
      found(toolChoice, 'fail', `With allowed_tools in mode "none" (${LIVE}), output item 0 calls a tool.`, 'no tool call', 'a "function_call" item calling "get_weather"', '/output/0', 'REQ-TC-03'),
    ]);
    expect(judge(toolChoice, completed([msg('m1')]), allowed('required'))).toEqual([
      found(toolChoice, 'fail', `With allowed_tools in mode "required" (${LIVE}), the completed response calls no tool.`, 'at least one function_call (or hosted-tool) item', 'no tool call in output', '/output'),
    ]);
    expect(judge(toolChoice, completed([msg('m1')]), allowed('auto'))).toEqual([]);
    expect(judge(toolChoice, { status: 'incomplete', output: [msg('m1')] }, allowed('required'))).toEqual([]);
    expect(judge(toolChoice, completed([call('f1', 'send_email')]), { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', mode: 'auto', tools: 'all' } })).toEqual([]);
    expect(judge(toolChoice, completed([{ id: 'x', type: 'function_call', status: 'completed' }]), allowed('auto'))).toEqual([]);
  });

  it('judges a capture by the echo, and says why one without it is not judged', () => {
    expect(judge(toolChoice, { ...completed([msg('m1')]), tools: TOOLS, tool_choice: 'required' }, null)).toMatchObject([
      { message: `With tool_choice "required" (${OFFLINE}), the completed response calls no tool.` },
    ]);
    expect(toolChoice.notJudged?.(observe({}, null))).toBe('not judged: the capture has no request, and the response does not echo tool_choice');
  });
});

describe('response/usage-arithmetic', () => {
  const usage = (u: Body) => judge(usageArithmetic, { usage: u });

  it('warns when the total is not input plus output', () => {
    expect(usage({ input_tokens: 3, output_tokens: 4, total_tokens: 8 })).toEqual([
      found(usageArithmetic, 'warn', 'usage.total_tokens (8) is not input_tokens plus output_tokens (3 + 4).', '7', '8', '/usage/total_tokens'),
    ]);
    expect(usage({ input_tokens: 3, output_tokens: 4, total_tokens: 7 })).toEqual([]);
    expect(usage({ input_tokens: 3, output_tokens: 4, total_tokens: Infinity })).toEqual([]);
    expect(usage({ input_tokens: 3, total_tokens: 8 })).toEqual([]);
    expect(usage({ output_tokens: 3, total_tokens: 8 })).toEqual([]);
    expect(usage({ input_tokens: 0, output_tokens: 0, total_tokens: 0 })).toEqual([]);
    expect(judge(usageArithmetic, { usage: 'none' })).toEqual([]);
  });

  it('warns when cached or reasoning tokens exceed their part', () => {
    expect(usage({ input_tokens: 3, output_tokens: 4, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 5 } })).toEqual([
      found(usageArithmetic, 'warn', 'usage.input_tokens_details.cached_tokens (4) is more than input_tokens (3); cached tokens are part of the input.', 'at most 3', '4', '/usage/input_tokens_details/cached_tokens'),
      found(usageArithmetic, 'warn', 'usage.output_tokens_details.reasoning_tokens (5) is more than output_tokens (4); reasoning tokens are part of the output.', 'at most 4', '5', '/usage/output_tokens_details/reasoning_tokens'),
    ]);
    expect(usage({ input_tokens: 3, output_tokens: 4, input_tokens_details: { cached_tokens: 3 }, output_tokens_details: { reasoning_tokens: 4 } })).toEqual([]);
    expect(usage({ input_tokens_details: { cached_tokens: 3 }, output_tokens_details: { reasoning_tokens: 4 } })).toEqual([]);
    expect(usage({ input_tokens: 3, output_tokens: 4, input_tokens_details: 5, output_tokens_details: 5 })).toEqual([]);
  });

  it('warns on each negative count and leaves it out of the sums', () => {
    expect(usage({ input_tokens: -1, output_tokens: 4, total_tokens: 3, input_tokens_details: { cached_tokens: -2 }, output_tokens_details: { reasoning_tokens: -3 } })).toEqual([
      found(usageArithmetic, 'warn', 'usage.input_tokens is -1; a token count cannot be negative.', 'a count of 0 or more', '-1', '/usage/input_tokens'),
      found(usageArithmetic, 'warn', 'usage.input_tokens_details.cached_tokens is -2; a token count cannot be negative.', 'a count of 0 or more', '-2', '/usage/input_tokens_details/cached_tokens'),
      found(usageArithmetic, 'warn', 'usage.output_tokens_details.reasoning_tokens is -3; a token count cannot be negative.', 'a count of 0 or more', '-3', '/usage/output_tokens_details/reasoning_tokens'),
    ]);
    expect(usage({ input_tokens: 2, output_tokens: -4, total_tokens: -2 })).toMatchObject([{ location: { path: '/usage/output_tokens' } }, { location: { path: '/usage/total_tokens' } }]);
  });
});

describe('survivors of the first mutation run', () => {
  it('completed_at: without a completed_at, no status is judged', () => {
    for (const status of ['queued', 'in_progress', 'failed', 'incomplete', 'completed']) expect(judge(completedAt, { status }), status).toEqual([]);
  });

  it('function-call-arguments-json: only function calls with string arguments are parsed', () => {
    const item = { id: 'c1', type: 'custom_tool_call', name: 'get_weather', status: 'completed', arguments: 'not json' };
    expect(judge(functionCallArgumentsJson, { output: [item] })).toEqual([]);
    expect(judge(functionCallArgumentsJson, { output: [{ ...call('f1'), arguments: { city: 'Paris' } }] })).toEqual([]);
  });

  it('function-call-arguments-json: only the tool of the same name gives the parameters', () => {
    const tools = [{ type: 'function', name: 'other', parameters: { type: 'object', required: ['x'] } }, { type: 'function', name: 'get_weather', parameters: { type: 'object' } }];
    expect(judge(functionCallArgumentsJson, { output: [call('f1', 'get_weather', 'completed', '{}')] }, { ...REQUEST, tools })).toEqual([]);
  });

  it('tool calls: an unprefixed *_call type is no tool call, and only object tools with a string type count', () => {
    const output = [{ id: 'x', type: 'custom_call', status: 'completed' }, call('f1')];
    expect(judge(maxToolCalls, { output }, { ...REQUEST, max_tool_calls: 1 })).toEqual([]);
    for (const tools of [['x'], [{ type: 3 }], 'all']) {
      expect(judge(toolChoice, { status: 'completed', output: [msg('m1')] }, { ...REQUEST, tools, tool_choice: 'required' }), JSON.stringify(tools)).toEqual([]);
    }
  });

  it('tool-choice: only allowed_tools limits by a tools list, and only function calls are checked against it', () => {
    const request = { ...REQUEST, tools: TOOLS, tool_choice: { type: 'custom', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }] } };
    expect(judge(toolChoice, { status: 'completed', output: [call('f1', 'send_email')] }, request)).toEqual([]);
    const allowed = { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }] } };
    expect(judge(toolChoice, { status: 'completed', output: [{ id: 'x', type: 'acme:search_call', name: 'search', status: 'completed' }] }, allowed)).toEqual([]);
  });

  it('extension-items: function_call_output and compaction are standard item types', () => {
    const output = [
      { id: 'o1', type: 'function_call_output', call_id: 'c1', output: 'sunny', status: 'completed' },
      { id: 'k1', type: 'compaction', encrypted_content: 'x' },
    ];
    expect(judge(extensionItems, { output })).toEqual([]);
  });

  it('usage-arithmetic: a count of 0 takes part in the sums', () => {
    expect(judge(usageArithmetic, { usage: { input_tokens: 0, output_tokens: 4, total_tokens: 5, input_tokens_details: { cached_tokens: 1 } } })).toEqual([
      found(usageArithmetic, 'warn', 'usage.total_tokens (5) is not input_tokens plus output_tokens (0 + 4).', '4', '5', '/usage/total_tokens'),
      found(usageArithmetic, 'warn', 'usage.input_tokens_details.cached_tokens (1) is more than input_tokens (0); cached tokens are part of the input.', 'at most 0', '1', '/usage/input_tokens_details/cached_tokens'),
    ]);
  });
});

describe('response/schema judges the JSON body of a 2xx answer only', () => {
  const observe = (status: number, json: unknown) => ({
    http: { request: { method: 'POST', path: '/responses', body: REQUEST, stream: false }, status, headers: { 'content-type': 'application/json' } },
    text: JSON.stringify(json) ?? '',
    json,
  });
  const issue = ctx.schemas.validate('ResponseResource', {}).find((i) => i.path === '/id')!;

  it('names the schema issue', () => {
    expect(responseSchema.check(observe(200, {}), ctx)).toContainEqual({
      checkId: 'response/schema', requirement: 'RES-02', verdict: 'fail',
      message: `The response body does not match ResponseResource: ${issue.message}.`,
      expected: issue.expected, actual: issue.actual, location: { path: '/id' },
    });
  });

  it('at 200 to 299, and not at 199, 300 or above, nor without a parsed body', () => {
    for (const status of [200, 299]) expect(responseSchema.check(observe(status, {}), ctx).length, String(status)).toBeGreaterThan(0);
    for (const status of [199, 300, 400, 500]) expect(responseSchema.check(observe(status, {}), ctx), String(status)).toEqual([]);
    expect(responseSchema.check(observe(200, undefined), ctx)).toEqual([]);
  });
});

describe('isStandardItemType asks the spec version only about the standard types', () => {
  const asking = (answer: boolean) => {
    const asked: unknown[] = [];
    const schemas = { ...ctx.schemas, has: (name: string) => (asked.push(name), answer) } as SchemaValidator;
    return { schemas, asked };
  };

  it('a standard type whose schema the version lacks is not standard', () => {
    const { schemas, asked } = asking(false);
    expect(isStandardItemType('message', schemas)).toBe(false);
    expect(asked).toEqual(['Message']);
  });

  it('an unknown type is not standard, whatever the version has', () => {
    const { schemas, asked } = asking(true);
    for (const type of ['weird', 'toString', 'constructor']) expect(isStandardItemType(type, schemas), type).toBe(false);
    expect(asked).toEqual([]);
    expect(['message', 'function_call', 'function_call_output', 'reasoning', 'compaction'].map((type) => isStandardItemType(type, schemas))).toEqual([true, true, true, true, true]);
    expect(asked).toEqual(['Message', 'FunctionCall', 'FunctionCallOutput', 'ReasoningBody', 'CompactionBody']);
  });
});

describe('response/reasoning-tokens, exactly', () => {
  const withUsage = (output: Record<string, unknown>[], reasoningTokens: unknown) => ({
    status: 'completed',
    output,
    usage: { input_tokens: 5, output_tokens: 20, total_tokens: 25, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: reasoningTokens } },
  });
  const judge = (response: Record<string, unknown>) => reasoningTokens.check({ request: undefined, response, source: 'body' }, ctx);

  it('warns when a summary or raw text shows reasoning that reasoning_tokens 0 does not count', () => {
    const expected = [
      {
        checkId: 'response/reasoning-tokens',
        requirement: 'RSN-07',
        verdict: 'warn',
        message: 'The output shows reasoning text, but usage.output_tokens_details.reasoning_tokens is 0.',
        expected: 'reasoning_tokens > 0',
        actual: 'reasoning_tokens 0',
        location: { path: '/usage/output_tokens_details/reasoning_tokens' },
      },
    ];
    expect(judge(withUsage([{ type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'Thought.' }] }], 0))).toEqual(expected);
    expect(judge(withUsage([{ type: 'reasoning', id: 'rs', summary: [], content: [{ type: 'reasoning_text', text: 'Hmm.' }] }], 0))).toEqual(expected);
  });

  it('does not judge reasoning it cannot see, counted reasoning, or a response without usage details', () => {
    expect(judge(withUsage([{ type: 'reasoning', id: 'rs', summary: [] }], 0))).toEqual([]);
    expect(judge(withUsage([{ type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: '' }], encrypted_content: 'x' }], 0))).toEqual([]);
    expect(judge(withUsage([{ type: 'message', id: 'm', content: [{ type: 'output_text', text: 'Hi' }] }], 0))).toEqual([]);
    expect(judge(withUsage([{ type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'Thought.' }] }], 7))).toEqual([]);
    expect(judge({ status: 'completed', output: [{ type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'T' }] }], usage: null })).toEqual([]);
  });
});

describe('response/assistant-message, exactly', () => {
  const judge = (output: unknown[]) => assistantMessage.check({ request: undefined, response: { status: 'completed', output }, source: 'body' }, ctx);

  it('warns on a message in another role, and on each part that is not model content', () => {
    expect(judge([{ type: 'message', id: 'm', role: 'user', content: [] }])).toEqual([
      {
        checkId: 'response/assistant-message',
        requirement: 'ITEM-MSG-01',
        verdict: 'warn',
        message: 'Output message 0 has role "user"; a message the model writes is the assistant\'s.',
        expected: 'role "assistant"',
        actual: 'role "user"',
        location: { path: '/output/0/role' },
      },
    ]);
    expect(judge([{ type: 'reasoning', id: 'r' }, { type: 'message', id: 'm', role: 'assistant', content: [{ type: 'output_text', text: 'a' }, { type: 'input_text', text: 'b' }, 'x'] }])).toEqual([
      expect.objectContaining({ message: 'Output message 1 holds a "input_text" part; model content is output_text or refusal.', actual: 'type "input_text"', location: { path: '/output/1/content/1/type' } }),
      expect.objectContaining({ message: 'Output message 1 holds a part without a type; model content is output_text or refusal.', actual: 'type nothing', location: { path: '/output/1/content/2/type' } }),
    ]);
  });

  it('passes assistant messages of output_text and refusal parts, and other items', () => {
    expect(judge([{ type: 'message', id: 'm', role: 'assistant', content: [{ type: 'output_text', text: 'a' }, { type: 'refusal', refusal: 'no' }] }, { type: 'function_call', id: 'f' }])).toEqual([]);
  });
});
