import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseRuleChecks } from '../../src/checks/response/rules.js';
import type { Finding, Verdict } from '../../src/checks/types.js';
import { ctx, runResponse, summarize } from './harness.js';
import { responseSnapshot, type EventObject } from './stream-builder.js';
import { seeded } from '../helpers/fast-check-seed.js';

type Body = Record<string, unknown>;

interface ResponseCase {
  response: Body;
  request: Body;
}

const REQUEST: Body = { model: 'test-model', input: 'Say hello.' };

function message(id: string, text = 'Hello.', status = 'completed'): EventObject {
  return { id, type: 'message', status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
}

function call(id: string, name: string, args = '{"city":"Paris"}', status = 'completed'): EventObject {
  return { id, type: 'function_call', call_id: `call_${id}`, name, arguments: args, status };
}

function reasoning(id: string): EventObject {
  return { id, type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thought about it.' }] };
}

function extensionItem(id: string): EventObject {
  return { id, type: 'acme:web_search_call', status: 'completed', action: { query: 'weather' } };
}

const TOOLS = [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }, { type: 'function', name: 'send_email' }];

function body(status: string, output: EventObject[], change: (response: Body) => void = () => {}): Body {
  const response = responseSnapshot(status, output);
  change(response);
  return response;
}

function check(response: Body, request: Body = REQUEST): Finding[] {
  return runResponse(response, responseRuleChecks, request);
}

describe('conforming responses give no finding', () => {
  const cases: [string, ResponseCase][] = [
    ['a completed message', { response: body('completed', [message('msg_1')]), request: REQUEST }],
    ['reasoning, a function call and an extension item', { response: body('completed', [reasoning('rs_1'), call('fc_1', 'get_weather'), extensionItem('ws_1')]), request: { ...REQUEST, tools: TOOLS } }],
    ['an incomplete last item in an incomplete response', { response: body('incomplete', [call('fc_1', 'get_weather'), message('msg_1', 'cut o', 'incomplete')]), request: REQUEST }],
    ['an incomplete call whose arguments are cut off', { response: body('incomplete', [call('fc_1', 'get_weather', '{"ci', 'incomplete')]), request: REQUEST }],
    ['a failed response with its error', { response: body('failed', []), request: REQUEST }],
    ['tool_choice required, answered with a call', { response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'required' } }],
    ['tool_choice required, answered with a hosted-tool item', { response: body('completed', [extensionItem('ws_1'), message('msg_1')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'required' } }],
    ['tool_choice required on an incomplete response without a call', { response: body('incomplete', [message('msg_1', 'cut', 'incomplete')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'required' } }],
    ['tool_choice none, answered with a message and a telemetry item', {
      response: body('completed', [message('msg_1'), { id: 't_1', type: 'acme:telemetry_chunk', status: 'completed' }]),
      request: { ...REQUEST, tools: TOOLS, tool_choice: 'none' },
    }],
    ['a forced function called', { response: body('completed', [call('fc_1', 'send_email')]), request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'function', name: 'send_email' } } }],
    ['allowed_tools respected', {
      response: body('completed', [call('fc_1', 'get_weather')]),
      request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }] } },
    }],
    ['parallel_tool_calls false with one call', { response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, parallel_tool_calls: false } }],
    ['max_tool_calls reached, not exceeded', { response: body('completed', [call('fc_1', 'get_weather'), call('fc_2', 'send_email')]), request: { ...REQUEST, tools: TOOLS, max_tool_calls: 2 } }],
    ['every input token cached (cached_tokens == input_tokens)', { response: body('completed', [], (r) => { (r.usage as Body).input_tokens_details = { cached_tokens: 12 }; }), request: REQUEST }],
    ['every output token a reasoning token (reasoning_tokens == output_tokens)', { response: body('completed', [], (r) => { (r.usage as Body).output_tokens_details = { reasoning_tokens: 30 }; }), request: REQUEST }],
    ['zero token counts', { response: body('completed', [], (r) => { r.usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } }; }), request: REQUEST }],
    ['created_at at the largest value still read as seconds', { response: body('completed', [], (r) => { r.created_at = 1e11; r.completed_at = 1e11; }), request: REQUEST }],
    ['a completed response without completed_at at all (left to the schema)', { response: body('completed', [], (r) => { delete r.completed_at; }), request: REQUEST }],
    ['tool_choice required without any tool offered', { response: body('completed', [message('msg_1')]), request: { ...REQUEST, tools: [], tool_choice: 'required' } }],
    ['allowed_tools in mode none, answered without a call', {
      response: body('completed', [message('msg_1')]),
      request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'none' } },
    }],
    ['allowed_tools in mode required, answered with a listed call', {
      response: body('completed', [call('fc_1', 'get_weather')]),
      request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'required' } },
    }],
    ['allowed_tools in mode auto, answered without a call', {
      response: body('completed', [message('msg_1')]),
      request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'auto' } },
    }],
    ['max_tool_calls 0 and no call', { response: body('completed', [message('msg_1')]), request: { ...REQUEST, tools: TOOLS, max_tool_calls: 0 } }],
    ['previous_response_id null when none was sent', { response: body('completed', [message('msg_1')], (r) => { r.previous_response_id = null; }), request: REQUEST }],
    ...['queued', 'in_progress'].map((status): [string, ResponseCase] => [`a ${status} response`, { response: body(status, []), request: REQUEST }]),
    ['previous_response_id echoed', { response: body('completed', [message('msg_1')], (r) => { r.previous_response_id = 'resp_0'; }), request: { ...REQUEST, previous_response_id: 'resp_0' } }],
  ];
  it.each(cases)('%s', (_name, { response, request }) => {
    const findings = check(response, request);
    expect(findings, summarize(findings)).toEqual([]);
  });
});

interface Violation {
  name: string;
  checkId: string;
  requirement: string;
  verdict: Verdict;
  response: Body;
  request?: Body;
}

const violations: Violation[] = [
  { name: 'an incomplete item before another', checkId: 'response/incomplete-item-last', requirement: 'RES-17', verdict: 'fail', response: body('incomplete', [message('msg_1', 'cut', 'incomplete'), message('msg_2')]) },
  { name: 'an incomplete item in a completed response', checkId: 'response/incomplete-item-last', requirement: 'RES-17', verdict: 'fail', response: body('completed', [message('msg_1', 'cut', 'incomplete')]) },
  { name: 'an in_progress item in a completed response', checkId: 'response/completed-items-status', requirement: 'RES-18', verdict: 'fail', response: body('completed', [call('fc_1', 'f', '{}', 'in_progress')]) },
  { name: 'incomplete_details on a completed response', checkId: 'response/incomplete-details', requirement: 'RES-07', verdict: 'fail', response: body('completed', [message('msg_1')], (r) => { r.incomplete_details = { reason: 'max_output_tokens' }; }) },
  { name: 'no incomplete_details on an incomplete response', checkId: 'response/incomplete-details', requirement: 'RES-07', verdict: 'warn', response: body('incomplete', [], (r) => { r.incomplete_details = null; }) },
  { name: 'an error on a completed response', checkId: 'response/error-field', requirement: 'RES-08', verdict: 'fail', response: body('completed', [], (r) => { r.error = { code: 'x', message: 'y' }; }) },
  { name: 'no error on a failed response', checkId: 'response/error-field', requirement: 'RES-08', verdict: 'warn', response: body('failed', [], (r) => { r.error = null; }) },
  { name: 'completed_at on an in_progress response', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'fail', response: body('in_progress', [], (r) => { r.completed_at = 1741476778; }) },
  { name: 'created_at in milliseconds', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'fail', response: body('completed', [], (r) => { r.created_at = 1741476777000; }) },
  { name: 'no completed_at on a completed response', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'warn', response: body('completed', [], (r) => { r.completed_at = null; }) },
  { name: 'completed_at on a failed response', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'warn', response: body('failed', [], (r) => { r.completed_at = 1741476778; }) },
  { name: 'two items with one id', checkId: 'response/item-ids-unique', requirement: 'ITEM-03', verdict: 'fail', response: body('completed', [message('msg_1'), message('msg_1')]) },
  { name: 'completed call arguments that are not JSON', checkId: 'response/function-call-arguments-json', requirement: 'REQ-TC-07', verdict: 'fail', response: body('completed', [call('fc_1', 'f', '{"city": Paris}')]) },
  { name: 'an unprefixed unknown item type', checkId: 'response/extension-items', requirement: 'EXT-01', verdict: 'fail', response: body('completed', [{ id: 'ws_1', type: 'web_search_call', status: 'completed' }]) },
  { name: 'an extension item without status', checkId: 'response/extension-items', requirement: 'EXT-02', verdict: 'fail', response: body('completed', [{ id: 'ws_1', type: 'acme:web_search_call' }]) },
  { name: 'an output message in the user role', checkId: 'response/assistant-message', requirement: 'ITEM-MSG-01', verdict: 'warn', response: body('completed', [{ ...message('msg_1'), role: 'user' }]) },
  { name: 'reasoning shown but not counted', checkId: 'response/reasoning-tokens', requirement: 'RSN-07', verdict: 'warn', response: body('completed', [reasoning('rs_1'), message('msg_1')], (r) => { (r.usage as Body).output_tokens_details = { reasoning_tokens: 0 }; }) },
  { name: 'total_tokens not the sum', checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn', response: body('completed', [], (r) => { (r.usage as Body).total_tokens = 41; }) },
  { name: 'more cached tokens than input tokens', checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn', response: body('completed', [], (r) => { (r.usage as Body).input_tokens_details = { cached_tokens: 13 }; }) },
  { name: 'more reasoning tokens than output tokens', checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn', response: body('completed', [], (r) => { (r.usage as Body).output_tokens_details = { reasoning_tokens: 31 }; }) },
  { name: 'a status outside the five', checkId: 'response/status-value', requirement: 'RES-06', verdict: 'warn', response: body('completed', [], (r) => { r.status = 'done'; }) },
  { name: 'a negative input token count', checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn', response: body('completed', [], (r) => { r.usage = { input_tokens: -1, output_tokens: 30, total_tokens: 29, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } }; }) },
  { name: 'created_at just past the largest value read as seconds', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'fail', response: body('completed', [], (r) => { r.created_at = 1e11 + 1; }) },
  { name: 'completed_at on a queued response', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'fail', response: body('queued', [], (r) => { r.completed_at = 1741476778; }) },
  { name: 'completed_at on an incomplete response', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'warn', response: body('incomplete', [], (r) => { r.completed_at = 1741476778; }) },
  { name: 'a call under allowed_tools in mode none', checkId: 'response/tool-choice', requirement: 'REQ-TC-03', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'none' } } },
  { name: 'one call with max_tool_calls 0', checkId: 'response/max-tool-calls', requirement: 'REQ-TC-09', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, max_tool_calls: 0 } },
  { name: 'tool_choice required but no call', checkId: 'response/tool-choice', requirement: 'REQ-TC-02', verdict: 'fail', response: body('completed', [message('msg_1')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'required' } },
  { name: 'allowed_tools in required mode but no call', checkId: 'response/tool-choice', requirement: 'REQ-TC-02', verdict: 'fail', response: body('completed', [message('msg_1')]), request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'required' } } },
  { name: 'tool_choice none but a call', checkId: 'response/tool-choice', requirement: 'REQ-TC-03', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'none' } },
  { name: 'tool_choice none but a hosted-tool call', checkId: 'response/tool-choice', requirement: 'REQ-TC-03', verdict: 'fail', response: body('completed', [extensionItem('ws_1')]), request: { ...REQUEST, tools: TOOLS, tool_choice: 'none' } },
  { name: 'a forced function not called', checkId: 'response/tool-choice', requirement: 'REQ-TC-04', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather')]), request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'function', name: 'send_email' } } },
  { name: 'a call outside allowed_tools', checkId: 'response/tool-choice', requirement: 'REQ-TC-05', verdict: 'fail', response: body('completed', [call('fc_1', 'send_email')]), request: { ...REQUEST, tools: TOOLS, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'get_weather' }], mode: 'auto' } } },
  { name: 'two calls with parallel_tool_calls false', checkId: 'response/parallel-tool-calls', requirement: 'REQ-TC-08', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather'), call('fc_2', 'send_email')]), request: { ...REQUEST, tools: TOOLS, parallel_tool_calls: false } },
  { name: 'more calls than max_tool_calls', checkId: 'response/max-tool-calls', requirement: 'REQ-TC-09', verdict: 'fail', response: body('completed', [call('fc_1', 'get_weather'), extensionItem('ws_1')]), request: { ...REQUEST, tools: TOOLS, max_tool_calls: 1 } },
  { name: 'previous_response_id not echoed', checkId: 'response/previous-response-id-echo', requirement: 'REQ-ECHO-03', verdict: 'fail', response: body('completed', [message('msg_1')]), request: { ...REQUEST, previous_response_id: 'resp_0' } },
  { name: 'previous_response_id invented', checkId: 'response/previous-response-id-echo', requirement: 'REQ-ECHO-03', verdict: 'fail', response: body('completed', [message('msg_1')], (r) => { r.previous_response_id = 'resp_0'; }) },
];

describe('each violation is reported by its rule', () => {
  it.each(violations.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const findings = check(v.response, v.request);
    const match = findings.find((f) => f.checkId === v.checkId && f.requirement === v.requirement && f.verdict === v.verdict);
    expect(match, `expected ${v.checkId} ${v.requirement} ${v.verdict} among:\n${summarize(findings)}`).toBeDefined();
    expect(match?.location?.path).toMatch(/^\//);
  });

  it('every response rule has a violation above', () => {
    expect(new Set(violations.map((v) => v.checkId))).toEqual(new Set(responseRuleChecks.map((c) => c.id)));
  });
});

describe('named breaches', () => {
  it.each([
    ['input_tokens', (u: Body) => { u.input_tokens = -1; u.total_tokens = 29; }, '/usage/input_tokens'],
    ['cached_tokens', (u: Body) => { u.input_tokens_details = { cached_tokens: -2 }; }, '/usage/input_tokens_details/cached_tokens'],
    ['reasoning_tokens', (u: Body) => { u.output_tokens_details = { reasoning_tokens: -3 }; }, '/usage/output_tokens_details/reasoning_tokens'],
  ])('a negative %s is one warning at its path, not an arithmetic one', (_name, change, path) => {
    const findings = check(body('completed', [], (r) => change(r.usage as Body)));
    expect(findings).toEqual([expect.objectContaining({ checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn', location: { path } })]);
    expect(findings[0].message).toMatch(/cannot be negative/);
  });

  it('a status outside the five is named; a non-string status is left to the schema', () => {
    expect(check(body('completed', [], (r) => { r.status = 'cancelled'; })).map((f) => [f.checkId, f.verdict, f.actual])).toEqual([['response/status-value', 'warn', '"cancelled"']]);
    expect(check(body('completed', [], (r) => { r.status = 3; })).filter((f) => f.checkId === 'response/status-value')).toEqual([]);
  });
});

describe('with no request (a capture)', () => {
  const judge = (response: Body) =>
    responseRuleChecks.map((rule) => {
      const obs = { request: undefined, response, source: 'body' as const };
      return { id: rule.id, notJudged: rule.notJudged?.(obs), findings: rule.notJudged?.(obs) === undefined ? rule.check(obs, ctx) : [] };
    });

  it('does not judge the previous_response_id echo, and says why', () => {
    const echo = judge(body('completed', [message('msg_1')], (r) => { r.previous_response_id = 'resp_0'; })).find((r) => r.id === 'response/previous-response-id-echo');
    expect(echo?.notJudged).toMatch(/no request/);
  });

  it('judges the tool rules by the echo', () => {
    const response = body('completed', [call('fc_1', 'get_weather'), call('fc_2', 'send_email')], (r) => {
      Object.assign(r, { tools: TOOLS, tool_choice: 'none', parallel_tool_calls: false, max_tool_calls: 1 });
    });
    const results = judge(response);
    const requirements = results.flatMap((r) => r.findings.map((f) => f.requirement));
    expect(new Set(requirements)).toEqual(new Set(['REQ-TC-03', 'REQ-TC-08', 'REQ-TC-09']));
    expect(results.flatMap((r) => r.findings).every((f) => f.message.includes('as the response echoes it'))).toBe(true);
  });

  it('does not judge a tool rule whose parameter is not echoed either', () => {
    const results = judge(body('completed', [message('msg_1')], (r) => { delete r.tool_choice; delete r.parallel_tool_calls; delete r.max_tool_calls; }));
    for (const id of ['response/tool-choice', 'response/parallel-tool-calls', 'response/max-tool-calls']) {
      expect(results.find((r) => r.id === id)?.notJudged, id).toMatch(/does not echo/);
    }
  });
});

describe('the response rules never throw on odd values', () => {
  it('holds for arbitrary JSON in every field', () => {
    const odd = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('__proto__', 'completed', 'incomplete', 'failed'));
    const oddItem = fc.oneof(fc.record({ id: odd, type: fc.oneof(odd, fc.constantFrom('message', 'function_call', 'acme:x')), status: odd, arguments: odd, name: odd }, { requiredKeys: [] }), odd);
    fc.assert(
      fc.property(
        fc.record({ status: odd, output: fc.oneof(fc.array(oddItem, { maxLength: 5 }), odd), usage: odd, completed_at: odd, created_at: odd, error: odd, incomplete_details: odd, previous_response_id: odd }, { requiredKeys: [] }),
        fc.record({ tool_choice: odd, tools: odd, parallel_tool_calls: odd, max_tool_calls: odd, previous_response_id: odd }, { requiredKeys: [] }),
        (response, request) => {
          for (const f of check(response, request)) expect(['fail', 'warn']).toContain(f.verdict);
        },
      ),
      seeded({ numRuns: 300 }),
    );
  });
});

// ---- Property: generated conforming responses, and single mutations ----

const itemArb = fc.oneof(
  fc.constant('message' as const),
  fc.constantFrom('get_weather', 'send_email').map((name) => ({ call: name })),
  fc.constant('reasoning' as const),
  fc.constant('extension' as const),
);

interface ResponseDraft {
  kinds: ('message' | 'reasoning' | 'extension' | { call: string })[];
  status: 'completed' | 'incomplete' | 'failed';
  choice: number;
}

const responseDraft: fc.Arbitrary<ResponseDraft> = fc.record({
  kinds: fc.array(itemArb, { maxLength: 5 }),
  status: fc.constantFrom('completed', 'completed', 'incomplete', 'failed'),
  choice: fc.nat(),
});

function buildResponse(draft: ResponseDraft): ResponseCase {
  const output = draft.kinds.map((kind, n) => {
    if (kind === 'message') return message(`msg_${n}`);
    if (kind === 'reasoning') return reasoning(`rs_${n}`);
    if (kind === 'extension') return extensionItem(`ws_${n}`);
    return call(`fc_${n}`, kind.call, JSON.stringify({ n }));
  });
  if (draft.status === 'incomplete' && output.length > 0 && output[output.length - 1].type === 'message') output[output.length - 1].status = 'incomplete';
  const calls = output.filter((item) => item.type === 'function_call');
  const names = [...new Set(calls.map((item) => item.name as string))];
  const toolCalls = output.filter((item) => item.type === 'function_call' || item.type === 'acme:web_search_call');
  const choices: Body[] = [
    {},
    { tool_choice: 'auto' },
    ...(toolCalls.length > 0 || draft.status !== 'completed' ? [{ tool_choice: 'required' }] : []),
    ...(toolCalls.length === 0 ? [{ tool_choice: 'none' }] : []),
    ...(names.length > 0 ? [{ tool_choice: { type: 'function', name: names[0] } }, { tool_choice: { type: 'allowed_tools', tools: names.map((name) => ({ type: 'function', name })), mode: 'auto' } }] : []),
    ...(calls.length <= 1 ? [{ parallel_tool_calls: false }] : []),
    { max_tool_calls: Math.max(1, toolCalls.length) },
  ];
  return { response: body(draft.status, output), request: { ...REQUEST, tools: TOOLS, ...choices[draft.choice % choices.length] } };
}

interface ResponseMutation {
  name: string;
  checkId: string;
  requirement: string;
  verdict: Verdict;
  applies(c: ResponseCase): boolean;
  apply(c: ResponseCase): ResponseCase;
}

function outputOf(c: ResponseCase): EventObject[] {
  return c.response.output as EventObject[];
}

function withOutput(c: ResponseCase, output: EventObject[], change: Body = {}): ResponseCase {
  return { ...c, response: { ...c.response, ...change, output } };
}

const responseMutations: ResponseMutation[] = [
  {
    name: 'mark an earlier item incomplete', checkId: 'response/incomplete-item-last', requirement: 'RES-17', verdict: 'fail',
    applies: (c) => outputOf(c).slice(0, -1).some((item) => item.type === 'message'),
    apply: (c) => {
      const at = outputOf(c).findIndex((item, i) => item.type === 'message' && i < outputOf(c).length - 1);
      return withOutput(c, outputOf(c).map((item, i) => (i === at ? { ...item, status: 'incomplete' } : item)));
    },
  },
  {
    name: 'leave an item in_progress in a completed response', checkId: 'response/completed-items-status', requirement: 'RES-18', verdict: 'fail',
    applies: (c) => c.response.status === 'completed' && outputOf(c).some((item) => item.type === 'message' || item.type === 'function_call'),
    apply: (c) => {
      const at = outputOf(c).findIndex((item) => item.type === 'message' || item.type === 'function_call');
      return withOutput(c, outputOf(c).map((item, i) => (i === at ? { ...item, status: 'in_progress' } : item)));
    },
  },
  {
    name: 'add incomplete_details to a response that is not incomplete', checkId: 'response/incomplete-details', requirement: 'RES-07', verdict: 'fail',
    applies: (c) => c.response.status !== 'incomplete',
    apply: (c) => ({ ...c, response: { ...c.response, incomplete_details: { reason: 'max_output_tokens' } } }),
  },
  {
    name: 'add an error to a response that did not fail', checkId: 'response/error-field', requirement: 'RES-08', verdict: 'fail',
    applies: (c) => c.response.status !== 'failed',
    apply: (c) => ({ ...c, response: { ...c.response, error: { code: 'server_error', message: 'x' } } }),
  },
  {
    name: 'give created_at in milliseconds', checkId: 'response/completed-at', requirement: 'RES-05', verdict: 'fail',
    applies: () => true,
    apply: (c) => ({ ...c, response: { ...c.response, created_at: (c.response.created_at as number) * 1000 } }),
  },
  {
    name: 'repeat an item id', checkId: 'response/item-ids-unique', requirement: 'ITEM-03', verdict: 'fail',
    applies: (c) => outputOf(c).length >= 2,
    apply: (c) => withOutput(c, outputOf(c).map((item, i) => (i === 1 ? { ...item, id: outputOf(c)[0].id } : item))),
  },
  {
    name: 'break the arguments of a completed call', checkId: 'response/function-call-arguments-json', requirement: 'REQ-TC-07', verdict: 'fail',
    applies: (c) => outputOf(c).some((item) => item.type === 'function_call' && item.status === 'completed'),
    apply: (c) => withOutput(c, outputOf(c).map((item) => (item.type === 'function_call' ? { ...item, arguments: `${String(item.arguments)},` } : item))),
  },
  {
    name: 'drop the status of an extension item', checkId: 'response/extension-items', requirement: 'EXT-02', verdict: 'fail',
    applies: (c) => outputOf(c).some((item) => item.type === 'acme:web_search_call'),
    apply: (c) => withOutput(c, outputOf(c).map(({ status, ...item }) => (item.type === 'acme:web_search_call' ? item : { ...item, status }))),
  },
  {
    name: 'drop the prefix of an extension item', checkId: 'response/extension-items', requirement: 'EXT-01', verdict: 'fail',
    applies: (c) => outputOf(c).some((item) => item.type === 'acme:web_search_call'),
    apply: (c) => withOutput(c, outputOf(c).map((item) => (item.type === 'acme:web_search_call' ? { ...item, type: 'web_search_call' } : item))),
  },
  {
    name: 'miscount total_tokens', checkId: 'response/usage-arithmetic', requirement: 'RES-11', verdict: 'warn',
    applies: (c) => c.response.usage !== null,
    apply: (c) => ({ ...c, response: { ...c.response, usage: { ...(c.response.usage as Body), total_tokens: 1 } } }),
  },
  {
    name: 'forbid tools the response calls', checkId: 'response/tool-choice', requirement: 'REQ-TC-03', verdict: 'fail',
    applies: (c) => outputOf(c).some((item) => item.type === 'function_call'),
    apply: (c) => ({ ...c, request: { ...c.request, tool_choice: 'none' } }),
  },
  {
    name: 'require a tool call the completed response lacks', checkId: 'response/tool-choice', requirement: 'REQ-TC-02', verdict: 'fail',
    applies: (c) => c.response.status === 'completed',
    apply: (c) => ({ ...withOutput(c, outputOf(c).filter((item) => item.type !== 'function_call' && item.type !== 'acme:web_search_call')), request: { ...c.request, tool_choice: 'required' } }),
  },
  {
    name: 'force a function the completed response does not call', checkId: 'response/tool-choice', requirement: 'REQ-TC-04', verdict: 'fail',
    applies: (c) => c.response.status === 'completed',
    apply: (c) => ({ ...c, request: { ...c.request, tool_choice: { type: 'function', name: 'never_called' } } }),
  },
  {
    name: 'allow none of the called functions', checkId: 'response/tool-choice', requirement: 'REQ-TC-05', verdict: 'fail',
    applies: (c) => outputOf(c).some((item) => item.type === 'function_call'),
    apply: (c) => ({ ...c, request: { ...c.request, tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'other' }], mode: 'auto' } } }),
  },
  {
    name: 'forbid parallel calls the response makes', checkId: 'response/parallel-tool-calls', requirement: 'REQ-TC-08', verdict: 'fail',
    applies: (c) => outputOf(c).filter((item) => item.type === 'function_call').length >= 2,
    apply: (c) => ({ ...c, request: { ...c.request, parallel_tool_calls: false } }),
  },
  {
    name: 'allow fewer tool calls than made', checkId: 'response/max-tool-calls', requirement: 'REQ-TC-09', verdict: 'fail',
    applies: (c) => outputOf(c).filter((item) => item.type === 'function_call').length >= 2,
    apply: (c) => ({ ...c, request: { ...c.request, max_tool_calls: 1 } }),
  },
  {
    name: 'send a previous_response_id the response does not echo', checkId: 'response/previous-response-id-echo', requirement: 'REQ-ECHO-03', verdict: 'fail',
    applies: () => true,
    apply: (c) => ({ ...c, request: { ...c.request, previous_response_id: 'resp_prev' } }),
  },
];

describe('generated responses', () => {
  it('conforming ones give no finding', () => {
    fc.assert(
      fc.property(responseDraft, (draft) => {
        const { response, request } = buildResponse(draft);
        const findings = check(response, request);
        expect(findings, summarize(findings)).toEqual([]);
      }),
      seeded({ numRuns: 400 }),
    );
  });

  it.each(responseMutations.map((m) => [m.name, m] as const))('%s is caught by its rule', (_name, mutation) => {
    fc.assert(
      fc.property(responseDraft, (draft) => {
        const base = buildResponse(draft);
        fc.pre(mutation.applies(base));
        const mutated = mutation.apply(base);
        const findings = check(mutated.response, mutated.request);
        const match = findings.some((f) => f.checkId === mutation.checkId && f.requirement === mutation.requirement && f.verdict === mutation.verdict);
        expect(match, `expected ${mutation.checkId} ${mutation.requirement} among:\n${summarize(findings)}`).toBe(true);
      }),
      seeded({ numRuns: 40 }),
    );
  });
});
