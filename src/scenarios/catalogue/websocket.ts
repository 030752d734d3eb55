import type { ScenarioRecord, StepTemplate } from '../record.js';
import { userMessage, WEATHER_TOOL } from '../inputs.js';

const LATEST = '2026-04-24';
const WS = 'websocket' as const;
const WEATHER_PROMPT = 'What is the weather in Paris? Use the tool.';
const NOT_FOUND = 'previous_response_not_found';

/** A first `store: false` turn to continue from. */
function firstTurn(body: StepTemplate['body'] = { input: [userMessage('Remember this code word: juniper. Reply only with "OK".')] }): StepTemplate {
  return {
    name: 'turn-1',
    transport: WS,
    body: { store: false, ...body },
    outcome: { status: 'completed', requirement: 'HTTP-22', purpose: 'a first WebSocket turn to continue from' },
  };
}

/**
 * The optional WebSocket transport of the 2026-04-24 release (`/v1/responses` upgraded): each
 * record opens one connection (two for a reconnect) and sends `response.create` messages on it.
 * A target that refuses the upgrade gets them skipped (401/403: not run).
 */
export const websocketRecords: readonly ScenarioRecord[] = [
  {
    id: 'websocket-response',
    title: 'WebSocket: one response.create answered with the events of a response',
    tags: [WS],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-15', 'HTTP-22'],
    steps: [{ transport: WS, body: { input: 'Say hello.' }, outcome: { status: 'completed', requirement: 'HTTP-15', purpose: 'a response streamed over a WebSocket' } }],
  },
  {
    id: 'websocket-sequential',
    title: 'WebSocket: a second response.create sent at once is processed after the first, never interleaved',
    tags: [WS, 'multi-turn'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-17'],
    steps: [
      { name: 'turn-1', transport: WS, body: { input: 'Reply with exactly: first' }, outcome: { status: 'completed', requirement: 'HTTP-17', purpose: 'the first of two responses on one connection' } },
      {
        name: 'turn-2',
        transport: WS,
        pipelined: true,
        body: { input: 'Reply with exactly: second' },
        // A server may refuse a create while one is in flight (HTTP-17 leaves it open): an envelope is no finding.
        outcome: { status: 'completed', requirement: 'HTTP-17', purpose: 'a second response after the first', errorAllowed: true },
      },
    ],
  },
  {
    id: 'websocket-continuation',
    title: 'WebSocket: store false continues on the same socket with only the new items (a function call round trip)',
    tags: [WS, 'multi-turn', 'tools'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-18', 'REQ-PR-02'],
    steps: [
      firstTurn({ input: [userMessage(WEATHER_PROMPT)], tools: [WEATHER_TOOL], tool_choice: 'required' }),
      {
        name: 'turn-2',
        transport: WS,
        body: {
          store: false,
          previous_response_id: { $ref: 'turn-1.id' },
          input: [{ type: 'function_call_output', call_id: { $ref: 'turn-1.output[type=function_call].call_id' }, output: '{"temperature":18,"unit":"celsius","sky":"clear"}' }],
          tools: [WEATHER_TOOL],
        },
        outcome: { status: 'completed', requirement: 'HTTP-18', purpose: 'a store:false continuation on the same socket', toleratedErrorCode: NOT_FOUND },
      },
    ],
  },
  {
    id: 'websocket-reconnect-store-false',
    title: 'WebSocket: after a reconnect a store false response cannot be continued (previous_response_not_found); a new chain can',
    tags: [WS, 'multi-turn'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-18'],
    steps: [
      firstTurn(),
      {
        name: 'turn-2',
        transport: WS,
        newConnection: true,
        body: { store: false, previous_response_id: { $ref: 'turn-1.id' }, input: [userMessage('What was the code word?')] },
        outcome: { status: 'failed', requirement: 'HTTP-18', purpose: 'a store:false response missing from a new connection', errorCode: NOT_FOUND },
      },
      {
        name: 'turn-3',
        transport: WS,
        body: { store: false, input: [userMessage('Start over: reply with exactly: recovered')] },
        outcome: { status: 'completed', requirement: 'HTTP-22', purpose: 'a new chain after the failed continuation' },
      },
    ],
  },
  {
    id: 'websocket-failed-continuation-evicts',
    title: 'WebSocket: a continuation that fails evicts the response it continued, so a retry gets previous_response_not_found',
    tags: [WS, 'multi-turn'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-19'],
    steps: [
      firstTurn(),
      {
        name: 'turn-2',
        transport: WS,
        body: {
          store: false,
          previous_response_id: { $ref: 'turn-1.id' },
          input: [{ type: 'function_call_output', call_id: 'call_open_responses_check_missing', output: 'No call of this id exists.' }],
        },
        // Whether an output for an unknown call is refused the spec does not say: an acceptance
        // leaves eviction untested, so turn-3 is then skipped rather than judged.
        outcome: { status: 'failed', requirement: 'HTTP-19', purpose: 'a failed continuation', tolerated: 'completed' },
      },
      {
        name: 'turn-3',
        transport: WS,
        onlyIfFailed: 'turn-2',
        body: { store: false, previous_response_id: { $ref: 'turn-1.id' }, input: [userMessage('Reply with exactly: stale')] },
        outcome: { status: 'failed', requirement: 'HTTP-19', purpose: 'a retry from the evicted response', errorCode: NOT_FOUND },
      },
    ],
  },
  {
    id: 'websocket-compact-new-chain',
    title: 'WebSocket: after /responses/compact a new response starts from the compacted window, without previous_response_id',
    tags: [WS, 'multi-turn'],
    capability: 'compact',
    specVersions: [LATEST],
    requirements: ['END-07'],
    steps: [
      {
        name: 'compact',
        path: '/responses/compact',
        body: {
          input: [
            userMessage('Pick a one-word code name for our project and tell me.'),
            { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'The code name is slate.' }] },
          ],
        },
      },
      {
        name: 'continue',
        transport: WS,
        body: { store: false, input: [{ $splice: 'compact.output' }, userMessage('What was the code name? Answer with the word only.')] },
        outcome: { status: 'completed', requirement: 'END-07', purpose: 'a new WebSocket chain from a compacted window' },
        expect: [{ kind: 'output_text_contains', text: 'slate', requirement: 'END-07' }],
      },
    ],
  },
  {
    id: 'websocket-malformed-message',
    title: 'WebSocket: a message that is not JSON gets an error envelope, if any answer',
    tags: [WS, 'error-path'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-16'],
    steps: [{ transport: WS, probe: true, rawBody: '{"type": "response.create", "model": ', body: {} }],
  },
  {
    id: 'websocket-unknown-message-type',
    title: 'WebSocket: a message of an unknown type gets an error envelope, if any answer',
    tags: [WS, 'error-path'],
    capability: WS,
    specVersions: [LATEST],
    requirements: ['HTTP-16'],
    steps: [{ transport: WS, probe: true, body: { type: 'response.open_responses_check_unknown' } }],
  },
];
