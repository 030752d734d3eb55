import type { OutcomeExpectation } from '../checks/scenario/outcome.js';
import type { Scenario, ScenarioStep } from './types.js';
import { LONG_ANSWER_PROMPT, TIME_TOOL, WEATHER_TOOL, firstFunctionCall, userMessage } from './inputs.js';

const RESPONSES_PATH = '/responses';
const BOTH_TOOLS_PROMPT = 'What is the weather in Paris and the local time in Tokyo? Use the tools.';

function createStep(name: string, stream: boolean, outcome: OutcomeExpectation, body: ScenarioStep['body']): ScenarioStep {
  return { name, method: 'POST', path: RESPONSES_PATH, stream, requestSchema: 'CreateResponseBody', outcome, body };
}

/** A `completed` answer with output: what every scenario needs that is not about a limit. */
function completed(requirement: string, purpose: string): OutcomeExpectation {
  return { requirement, purpose, status: 'completed' };
}

const TEXT_ANSWER = completed('HTTP-02', 'a model answer to a valid request');
const STREAMED_ANSWER = completed('HTTP-10', 'a streamed model answer');
const REQUIRED_CALL = completed('REQ-TC-02', 'a tool call that tool_choice "required" demands');
/** max_output_tokens 16 under a long prompt: `incomplete` exercises the limit; `completed` only warns. */
const TOKEN_LIMIT: OutcomeExpectation = {
  requirement: 'REQ-MOT-01',
  purpose: 'the incomplete path of max_output_tokens',
  status: 'incomplete',
  tolerated: 'completed',
};

/** The core scenarios: the requests every Open Responses server must answer. */
export const coreScenarios: readonly Scenario[] = [
  {
    id: 'text-input',
    title: 'Plain string input, JSON answer',
    tags: ['core', 'json'],
    steps: [createStep('request', false, TEXT_ANSWER, ({ model }) => ({ model, input: 'Say hello in exactly three words.' }))],
  },
  {
    id: 'text-input-stream',
    title: 'Plain string input, streamed answer',
    tags: ['core', 'stream'],
    steps: [createStep('request', true, STREAMED_ANSWER, ({ model }) => ({ model, input: 'Count from 1 to 5.' }))],
  },
  {
    id: 'system-message',
    title: 'Message-array input with a system message',
    tags: ['core', 'json', 'messages'],
    steps: [
      createStep('request', false, completed('HTTP-02', 'an answer to message-array input with a system message'), ({ model }) => ({
        model,
        input: [
          { type: 'message', role: 'system', content: 'You are a terse assistant. Answer in one sentence.' },
          userMessage('What is the capital of France?'),
        ],
      })),
    ],
  },
  {
    id: 'function-call',
    title: 'A function tool the model is required to call',
    tags: ['core', 'json', 'tools'],
    steps: [
      createStep('request', false, REQUIRED_CALL, ({ model }) => ({
        model,
        input: [userMessage('What is the weather in Paris? Use the tool.')],
        tools: [WEATHER_TOOL],
        tool_choice: 'required',
      })),
    ],
  },
  {
    id: 'function-call-stream',
    title: 'A required function call, streamed',
    tags: ['core', 'stream', 'tools'],
    steps: [
      createStep('request', true, REQUIRED_CALL, ({ model }) => ({
        model,
        input: [userMessage('What is the weather in Paris? Use the tool.')],
        tools: [WEATHER_TOOL],
        tool_choice: 'required',
      })),
    ],
  },
  {
    id: 'function-call-round-trip',
    title: 'Function call, then its output sent back with previous_response_id',
    tags: ['core', 'json', 'tools', 'multi-turn'],
    steps: [
      createStep('turn-1', false, completed('REQ-TC-04', 'a call of the function tool_choice names'), ({ model }) => ({
        model,
        input: [userMessage('What is the weather in Paris? Use the tool.')],
        tools: [WEATHER_TOOL],
        tool_choice: { type: 'function', name: WEATHER_TOOL.name },
      })),
      createStep('turn-2', false, completed('REQ-TC-06', 'the round trip of a function_call_output'), ({ model, previous }) => {
        const turn1 = previous[0];
        const call = firstFunctionCall(turn1);
        if (typeof turn1?.id !== 'string' || typeof call?.call_id !== 'string') return undefined;
        return {
          model,
          previous_response_id: turn1.id,
          input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"temperature":18,"unit":"celsius","sky":"clear"}' }],
          tools: [WEATHER_TOOL],
        };
      }),
    ],
  },
  {
    id: 'tool-choice-none',
    title: 'tool_choice "none": the model answers without calling the tool offered',
    tags: ['core', 'json', 'tools'],
    steps: [
      createStep('request', false, completed('REQ-TC-03', 'an answer under tool_choice "none"'), ({ model }) => ({
        model,
        input: [userMessage('What is the weather in Paris?')],
        tools: [WEATHER_TOOL],
        tool_choice: 'none',
      })),
    ],
  },
  {
    id: 'parallel-tool-calls-off',
    title: 'parallel_tool_calls false with two tools that could both be called, streamed',
    tags: ['core', 'stream', 'tools'],
    steps: [
      createStep('request', true, completed('REQ-TC-08', 'parallel_tool_calls false'), ({ model }) => ({
        model,
        input: [userMessage(BOTH_TOOLS_PROMPT)],
        tools: [WEATHER_TOOL, TIME_TOOL],
        parallel_tool_calls: false,
      })),
    ],
  },
  {
    id: 'max-output-tokens-stream',
    title: 'max_output_tokens 16 on a prompt that needs a long answer, streamed (the incomplete path)',
    tags: ['core', 'stream', 'limits'],
    steps: [createStep('request', true, TOKEN_LIMIT, ({ model }) => ({ model, input: LONG_ANSWER_PROMPT, max_output_tokens: 16 }))],
  },
  {
    id: 'parallel-tool-calls',
    title: 'Two tools the model may call in parallel (the default)',
    tags: ['core', 'json', 'tools'],
    steps: [createStep('request', false, completed('REQ-TC-06', 'function calling with two tools'), ({ model }) => ({ model, input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL] }))],
  },
  {
    id: 'parallel-tool-calls-stream',
    title: 'Two tools the model may call in parallel, streamed (items may interleave)',
    tags: ['core', 'stream', 'tools'],
    steps: [createStep('request', true, completed('REQ-TC-06', 'streamed function calling with two tools'), ({ model }) => ({ model, input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL] }))],
  },
  {
    id: 'max-tool-calls',
    title: 'max_tool_calls 1 with two tools the prompt asks for',
    tags: ['core', 'json', 'tools', 'limits'],
    steps: [createStep('request', false, completed('REQ-TC-09', 'max_tool_calls'), ({ model }) => ({ model, input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL], max_tool_calls: 1 }))],
  },
  {
    id: 'max-output-tokens',
    title: 'max_output_tokens 16 on a prompt that needs a long answer (the incomplete path)',
    tags: ['core', 'json', 'limits'],
    steps: [createStep('request', false, TOKEN_LIMIT, ({ model }) => ({ model, input: LONG_ANSWER_PROMPT, max_output_tokens: 16 }))],
  },
  {
    id: 'stream-obfuscation-off',
    title: 'stream_options.include_obfuscation false: deltas carry no obfuscation padding',
    tags: ['core', 'stream'],
    steps: [createStep('request', true, completed('SSE-C-08', 'deltas without obfuscation'), ({ model }) => ({ model, input: 'Count from 1 to 5.', stream_options: { include_obfuscation: false } }))],
  },
];
