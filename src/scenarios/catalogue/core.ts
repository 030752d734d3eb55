import type { ScenarioRecord } from '../record.js';
import { LONG_ANSWER_PROMPT, TIME_TOOL, WEATHER_TOOL, userMessage } from '../inputs.js';

const WEATHER_PROMPT = 'What is the weather in Paris? Use the tool.';
const BOTH_TOOLS_PROMPT = 'What is the weather in Paris and the local time in Tokyo? Use the tools.';

/** max_output_tokens 16 under a long prompt: `incomplete` exercises the limit; `completed` only warns. */
const TOKEN_LIMIT = { status: 'incomplete', requirement: 'REQ-MOT-01', purpose: 'the incomplete path of max_output_tokens', tolerated: 'completed' } as const;

/** Plain requests and the agentic loop every Open Responses server must answer. */
export const coreRecords: readonly ScenarioRecord[] = [
  {
    id: 'text-input',
    title: 'Plain string input',
    tags: ['input'],
    requirements: ['HTTP-02', 'HTTP-10', 'REQ-IN-01', 'END-01'],
    forms: ['json', 'stream'],
    steps: [{ body: { input: 'Say hello in exactly three words.' }, outcome: { status: 'completed', requirement: 'HTTP-02', purpose: 'a model answer to a valid request' } }],
  },
  {
    id: 'function-call',
    title: 'A function tool the model is required to call',
    tags: ['tools'],
    requirements: ['REQ-TC-02', 'REQ-TC-06', 'REQ-TC-07'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: { input: [userMessage(WEATHER_PROMPT)], tools: [WEATHER_TOOL], tool_choice: 'required' },
        outcome: { status: 'completed', requirement: 'REQ-TC-02', purpose: 'a tool call that tool_choice "required" demands' },
      },
    ],
  },
  {
    id: 'function-call-round-trip',
    title: 'Function call, then its output sent back with previous_response_id',
    tags: ['tools', 'multi-turn'],
    requirements: ['REQ-TC-04', 'REQ-TC-06', 'REQ-PR-02', 'REQ-ECHO-03'],
    steps: [
      {
        name: 'turn-1',
        body: { input: [userMessage(WEATHER_PROMPT)], tools: [WEATHER_TOOL], tool_choice: { type: 'function', name: WEATHER_TOOL.name } },
        outcome: { status: 'completed', requirement: 'REQ-TC-04', purpose: 'a call of the function tool_choice names' },
      },
      {
        name: 'turn-2',
        body: {
          previous_response_id: { $ref: 'turn-1.id' },
          input: [{ type: 'function_call_output', call_id: { $ref: 'turn-1.output[type=function_call].call_id' }, output: '{"temperature":18,"unit":"celsius","sky":"clear"}' }],
          tools: [WEATHER_TOOL],
        },
        outcome: { status: 'completed', requirement: 'REQ-TC-06', purpose: 'the round trip of a function_call_output' },
      },
    ],
  },
  {
    id: 'function-call-round-trip-inline',
    title: 'Function call, then the whole history and the call output sent back inline (no previous_response_id)',
    tags: ['tools', 'multi-turn'],
    requirements: ['REQ-TC-06'],
    steps: [
      {
        name: 'turn-1',
        body: { input: [userMessage(WEATHER_PROMPT)], tools: [WEATHER_TOOL], tool_choice: 'required' },
        outcome: { status: 'completed', requirement: 'REQ-TC-02', purpose: 'a tool call that tool_choice "required" demands' },
      },
      {
        name: 'turn-2',
        body: {
          input: [
            userMessage(WEATHER_PROMPT),
            { $splice: 'turn-1.output' },
            { type: 'function_call_output', call_id: { $ref: 'turn-1.output[type=function_call].call_id' }, output: '{"temperature":18,"unit":"celsius","sky":"clear"}' },
          ],
          tools: [WEATHER_TOOL],
        },
        outcome: { status: 'completed', requirement: 'REQ-TC-06', purpose: 'the inline round trip of a function_call_output' },
      },
    ],
  },
  {
    id: 'tool-choice-none',
    title: 'tool_choice "none": the model answers without calling the tool offered',
    tags: ['tools'],
    requirements: ['REQ-TC-03'],
    steps: [{ body: { input: [userMessage('What is the weather in Paris?')], tools: [WEATHER_TOOL], tool_choice: 'none' }, outcome: { status: 'completed', requirement: 'REQ-TC-03', purpose: 'an answer under tool_choice "none"' } }],
  },
  {
    id: 'tool-choice-function',
    title: 'tool_choice names one of two functions: the model calls that one',
    tags: ['tools'],
    requirements: ['REQ-TC-04'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: { input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL], tool_choice: { type: 'function', name: TIME_TOOL.name } },
        outcome: { status: 'completed', requirement: 'REQ-TC-04', purpose: 'a call of the function tool_choice names' },
      },
    ],
  },
  {
    id: 'tool-choice-allowed-tools',
    title: 'tool_choice allowed_tools: only the listed function may be called',
    tags: ['tools'],
    requirements: ['REQ-TC-05'],
    steps: [
      {
        body: {
          input: [userMessage(BOTH_TOOLS_PROMPT)],
          tools: [WEATHER_TOOL, TIME_TOOL],
          tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: TIME_TOOL.name }] },
        },
        outcome: { status: 'completed', requirement: 'REQ-TC-05', purpose: 'a call limited by allowed_tools' },
      },
    ],
  },
  {
    id: 'parallel-tool-calls',
    title: 'Two tools the model may call in parallel (the default; streamed items may interleave)',
    tags: ['tools'],
    requirements: ['REQ-TC-06'],
    forms: ['json', 'stream'],
    steps: [{ body: { input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL] }, outcome: { status: 'completed', requirement: 'REQ-TC-06', purpose: 'function calling with two tools' } }],
  },
  {
    id: 'parallel-tool-calls-off',
    title: 'parallel_tool_calls false with two tools that could both be called, streamed',
    tags: ['tools'],
    requirements: ['REQ-TC-08'],
    forms: ['stream'],
    steps: [{ body: { input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL], parallel_tool_calls: false }, outcome: { status: 'completed', requirement: 'REQ-TC-08', purpose: 'parallel_tool_calls false' } }],
  },
  {
    id: 'max-tool-calls',
    title: 'max_tool_calls 1 with two tools the prompt asks for',
    tags: ['tools', 'limits'],
    requirements: ['REQ-TC-09'],
    steps: [{ body: { input: [userMessage(BOTH_TOOLS_PROMPT)], tools: [WEATHER_TOOL, TIME_TOOL], max_tool_calls: 1 }, outcome: { status: 'completed', requirement: 'REQ-TC-09', purpose: 'max_tool_calls' } }],
  },
  {
    id: 'max-output-tokens',
    title: 'max_output_tokens 16 on a prompt that needs a long answer (the incomplete path)',
    tags: ['limits'],
    requirements: ['REQ-MOT-01', 'RES-07', 'RES-17'],
    forms: ['json', 'stream'],
    steps: [{ body: { input: LONG_ANSWER_PROMPT, max_output_tokens: 16 }, outcome: TOKEN_LIMIT }],
  },
  {
    id: 'stream-obfuscation-off',
    title: 'stream_options.include_obfuscation false: deltas carry no obfuscation padding',
    requirements: ['SSE-C-08'],
    forms: ['stream'],
    steps: [{ body: { input: 'Count from 1 to 5.', stream_options: { include_obfuscation: false } }, outcome: { status: 'completed', requirement: 'SSE-C-08', purpose: 'deltas without obfuscation' } }],
  },
];
