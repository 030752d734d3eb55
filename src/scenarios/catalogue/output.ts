import type { ScenarioRecord } from '../record.js';
import { WEATHER_TOOL, userMessage } from '../inputs.js';
import { countText } from './count-text.js';

/** A schema the structured-output scenarios ask the answer to fit. */
const CITY_SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    country: { type: 'string' },
    population_millions: { type: 'number' },
  },
  required: ['city', 'country', 'population_millions'],
  additionalProperties: false,
};

/** Characters of the input that overflows every context window in use (about 2.5 million tokens). */
export const OVERFLOW_INPUT_CHARS = 10_000_000;

/** Every request parameter the spec says comes back as sent, in one request. */
const ECHOED_PARAMETERS = {
  temperature: 0.5,
  top_p: 0.9,
  max_output_tokens: 200,
  metadata: { suite: 'open-responses-check', case: 'echo' },
  tools: [WEATHER_TOOL],
  tool_choice: 'none',
  instructions: 'Answer in one short sentence.',
  truncation: 'disabled',
  service_tier: 'default',
  store: true,
  parallel_tool_calls: false,
  text: { format: { type: 'text' } },
  top_logprobs: 0,
} as const;

/** What a response reports of its request, and output the request shapes. */
export const outputRecords: readonly ScenarioRecord[] = [
  {
    id: 'echo-parameters',
    title: 'Every echoed request parameter comes back as sent',
    tags: ['echo'],
    requirements: ['REQ-ECHO-01', 'REQ-ECHO-02', 'REQ-F-07', 'REQ-F-09', 'REQ-F-10', 'REQ-F-12', 'REQ-F-16', 'REQ-F-21', 'REQ-F-22', 'REQ-F-23', 'REQ-F-24', 'REQ-F-25'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: { input: [userMessage('Say hello.')], ...ECHOED_PARAMETERS },
        outcome: { status: 'completed', requirement: 'REQ-ECHO-01', purpose: 'an answer that echoes its parameters' },
        expect: [{ kind: 'echo', fields: ['model', ...Object.keys(ECHOED_PARAMETERS)] }],
      },
    ],
  },
  {
    id: 'structured-output',
    title: 'text.format json_schema: the output text is JSON that fits the schema',
    capability: 'structured_output',
    requirements: ['REQ-TXT-01', 'REQ-F-08', 'RES-12'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: {
          input: [userMessage('Give the largest city of Japan with its country and population in millions.')],
          text: { format: { type: 'json_schema', name: 'city', schema: CITY_SCHEMA, strict: true } },
        },
        outcome: { status: 'completed', requirement: 'REQ-TXT-01', purpose: 'structured output' },
        expect: [{ kind: 'output_text_json_schema' }],
      },
    ],
  },
  {
    id: 'logprobs',
    title: 'include message.output_text.logprobs with top_logprobs 2: logprobs on the output text',
    requirements: ['REQ-IC-02', 'CNT-11', 'REQ-F-25'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: { input: 'Say hello.', include: ['message.output_text.logprobs'], top_logprobs: 2 },
        outcome: { status: 'completed', requirement: 'REQ-IC-02', purpose: 'an answer with logprobs' },
        expect: [{ kind: 'logprobs' }, { kind: 'echo', fields: ['top_logprobs'] }],
      },
    ],
  },
  {
    id: 'truncation-auto',
    title: 'truncation "auto" is accepted and echoed',
    requirements: ['REQ-F-21', 'REQ-ECHO-01'],
    steps: [
      {
        body: { input: 'Say hello.', truncation: 'auto' },
        outcome: { status: 'completed', requirement: 'REQ-F-21', purpose: 'an answer under truncation "auto"' },
        expect: [{ kind: 'echo', fields: ['truncation'] }],
      },
    ],
  },
  {
    id: 'truncation-disabled-overflow',
    title: `truncation "disabled" with a ${OVERFLOW_INPUT_CHARS / 1_000_000} million character input (over the context window): an error, not silent truncation`,
    tags: ['error-path'],
    requirements: ['REQ-TR-02', 'ERR-TR-01'],
    costly: `sends ${countText(OVERFLOW_INPUT_CHARS)} characters of input`,
    steps: [
      {
        body: { input: 'overflow '.repeat(OVERFLOW_INPUT_CHARS / 'overflow '.length), truncation: 'disabled' },
        reject: { requirement: 'REQ-TR-02', what: `truncation "disabled" and an input of ${countText(OVERFLOW_INPUT_CHARS)} characters`, verdict: 'fail' },
      },
    ],
  },
];
