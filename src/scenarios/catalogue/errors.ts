import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';
import { countText } from './count-text.js';

/**
 * Requests a server should refuse with a 4xx error object. They run after every other scenario and
 * can be skipped with `--skip error-path`: some servers fall over on them, and that must not cost
 * the other results. A request-side flaw binds the client, so an acceptance is a warning (Z-46).
 */
function refusal(id: string, title: string, reject: { requirement: string; what: string }, body: ScenarioRecord['steps'][number]['body'], extra: Partial<ScenarioRecord['steps'][number]> = {}): ScenarioRecord {
  return { id, title, tags: ['error-path'], requirements: [reject.requirement, 'ERR-01'], steps: [{ body, reject, ...extra }] };
}

/** The schema's maxLength of a string input (REQ-V-03). */
const INPUT_LIMIT = 10_485_760;

export const errorRecords: readonly ScenarioRecord[] = [
  refusal(
    'error-unknown-previous-response',
    'A previous_response_id that does not exist is refused with a 4xx error object',
    { requirement: 'REQ-PR-04', what: 'an unknown previous_response_id' },
    { previous_response_id: 'resp_open_responses_check_does_not_exist', input: [userMessage('Continue.')] },
  ),
  refusal(
    'error-invalid-max-output-tokens',
    'max_output_tokens below the schema minimum (16) is refused with a 4xx error object',
    { requirement: 'REQ-V-04', what: 'max_output_tokens 1 (the minimum is 16)' },
    { input: 'Say hello.', max_output_tokens: 1 },
  ),
  refusal(
    'error-malformed-json',
    'A body that is not valid JSON is refused with a 4xx error object',
    { requirement: 'ERR-03', what: 'a body that is not valid JSON' },
    {},
    { rawBody: '{"model": "{{model}}", "input": "Say hello.",' },
  ),
  refusal(
    'error-wrong-type',
    'A wrongly typed field (temperature as a string) is refused with a 4xx error object',
    { requirement: 'REQ-F-09', what: 'temperature "hot" (a number is required)' },
    { input: 'Say hello.', temperature: 'hot' },
  ),
  refusal(
    'error-unknown-model',
    'A model the server does not have is refused with an error object',
    { requirement: 'ERR-02', what: 'a model that does not exist' },
    { input: 'Say hello.', model: 'open-responses-check-nonexistent-model' },
  ),
  refusal(
    'error-unknown-item-type',
    'An input item of a type the spec does not define (no implementor prefix) is refused with a 4xx error object',
    { requirement: 'REQ-F-02', what: 'an input item of type "not_a_real_item"' },
    { input: [{ type: 'not_a_real_item', text: 'Say hello.' }] },
  ),
  refusal(
    'error-invalid-include',
    'An include value the spec does not define is refused with a 4xx error object',
    { requirement: 'REQ-F-04', what: 'include ["not.a.real.include"]' },
    { input: 'Say hello.', include: ['not.a.real.include'] },
  ),
  refusal(
    'error-stream-not-boolean',
    'stream given as a string is refused with a 4xx error object',
    { requirement: 'REQ-F-13', what: 'stream "yes" (a boolean is required)' },
    {},
    // The runner sets `stream` from the step's form, so the wrong type goes out as a raw body.
    { rawBody: '{"model": "{{model}}", "input": "Say hello.", "stream": "yes"}' },
  ),
  refusal(
    'error-invalid-stream-options',
    'stream_options.include_obfuscation given as a string is refused with a 4xx error object',
    { requirement: 'REQ-F-14', what: 'stream_options.include_obfuscation "no" (a boolean is required)' },
    { input: 'Say hello.', stream_options: { include_obfuscation: 'no' } },
  ),
  refusal(
    'error-invalid-tool-name',
    'A function tool whose name breaks ^[a-zA-Z0-9_-]+$ is refused with a 4xx error object',
    { requirement: 'REQ-V-01', what: 'a tool named "get weather!"' },
    { input: 'Say hello.', tools: [{ type: 'function', name: 'get weather!', parameters: { type: 'object', properties: {} } }] },
  ),
  refusal(
    'error-call-id-too-long',
    'A function_call_output whose call_id is longer than 64 characters is refused with a 4xx error object',
    { requirement: 'REQ-V-02', what: 'a call_id of 65 characters' },
    { input: [userMessage('Go on.'), { type: 'function_call_output', call_id: 'c'.repeat(65), output: '{}' }] },
  ),
  refusal(
    'error-allowed-tools-empty',
    'tool_choice allowed_tools with an empty tools list is refused with a 4xx error object',
    { requirement: 'REQ-V-05', what: 'allowed_tools with no tools (1 to 128 are allowed)' },
    { input: 'Say hello.', tools: [{ type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} } }], tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] } },
  ),
  refusal(
    'error-invalid-enum',
    'truncation with a value outside its enum is refused with a 4xx error object',
    { requirement: 'REQ-V-06', what: 'truncation "sometimes"' },
    { input: 'Say hello.', truncation: 'sometimes' },
  ),
  refusal(
    'error-reasoning-item-with-content',
    'A reasoning input item that carries content is refused with a 4xx error object',
    { requirement: 'REQ-V-07', what: 'a reasoning input item with content' },
    { input: [{ type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'Thinking.' }] }, userMessage('Say hello.')] },
  ),
  refusal(
    'error-item-reference-without-id',
    'An item_reference without its id is refused with a 4xx error object',
    { requirement: 'REQ-V-09', what: 'an item_reference with no id' },
    { input: [{ type: 'item_reference' }, userMessage('Say hello.')] },
  ),
  {
    id: 'error-input-too-long',
    title: `A string input over the schema's ${countText(INPUT_LIMIT)} characters is refused with a 4xx error object`,
    tags: ['error-path'],
    requirements: ['REQ-V-03', 'ERR-01'],
    costly: `sends ${countText(INPUT_LIMIT + 1)} characters of input`,
    steps: [{ body: { input: 'x'.repeat(INPUT_LIMIT + 1) }, reject: { requirement: 'REQ-V-03', what: `a string input of ${countText(INPUT_LIMIT + 1)} characters` } }],
  },
  {
    id: 'error-missing-credentials',
    title: 'A request without the API key gets an error object (the status is left open by the spec)',
    tags: ['error-path', 'auth'],
    requirements: ['ERR-01'],
    steps: [{ body: { input: 'Say hello.' }, withoutCredentials: true }],
  },
  {
    id: 'error-wrong-credentials',
    title: 'A request with a wrong API key gets an error object (the status is left open by the spec)',
    tags: ['error-path', 'auth'],
    requirements: ['ERR-01'],
    steps: [{ body: { input: 'Say hello.' }, wrongCredentials: true }],
  },
];
