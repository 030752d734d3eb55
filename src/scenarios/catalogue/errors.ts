import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';

/**
 * Requests a server should refuse with a 4xx error object. They run after every other scenario and
 * can be skipped with `--skip error-path`: some servers fall over on them, and that must not cost
 * the other results. A request-side flaw binds the client, so an acceptance is a warning (Z-46).
 */
function refusal(id: string, title: string, reject: { requirement: string; what: string }, body: ScenarioRecord['steps'][number]['body'], extra: Partial<ScenarioRecord['steps'][number]> = {}): ScenarioRecord {
  return { id, title, tags: ['error-path'], requirements: [reject.requirement, 'ERR-01'], steps: [{ body, reject, ...extra }] };
}

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
    { rawBody: '{"model": "open-responses-check", "input": "Say hello.",' },
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
    { input: 'Say hello.', model: 'open-responses-check-no-such-model' },
  ),
  refusal(
    'error-unknown-item-type',
    'An input item of a type the spec does not define (no implementor prefix) is refused with a 4xx error object',
    { requirement: 'REQ-F-02', what: 'an input item of type "not_a_real_item"' },
    { input: [{ type: 'not_a_real_item', text: 'Say hello.' }] },
  ),
  {
    id: 'error-missing-credentials',
    title: 'A request without the API key gets an error object (the status is left open by the spec)',
    tags: ['error-path', 'auth'],
    requirements: ['HTTP-03', 'ERR-01'],
    steps: [{ body: { input: 'Say hello.' }, withoutCredentials: true }],
  },
];
