import { userMessage } from './inputs.js';
import { ERROR_PATH_TAG, type Scenario, type ScenarioStep } from './types.js';

/** A one-request error-path scenario: a JSON request to /responses that a server should refuse. */
function refusal(
  scenario: Pick<Scenario, 'id' | 'title'> & { extraTags?: string[] },
  step: Pick<ScenarioStep, 'body' | 'rejection' | 'withoutCredentials'>,
): Scenario {
  return {
    id: scenario.id,
    title: scenario.title,
    tags: [ERROR_PATH_TAG, ...(scenario.extraTags ?? [])],
    steps: [{ name: 'request', method: 'POST', path: '/responses', stream: false, requestSchema: 'CreateResponseBody', ...step }],
  };
}

/**
 * Requests a server should refuse. They run after every other scenario and can be skipped with
 * `--skip error-path`: some servers fall over on them, and that must not cost the other results.
 */
export const errorPathScenarios: readonly Scenario[] = [
  refusal(
    { id: 'error-unknown-previous-response', title: 'A previous_response_id that does not exist is refused with a 4xx error object' },
    {
      rejection: { requirement: 'REQ-PR-04', what: 'an unknown previous_response_id' },
      body: ({ model }) => ({ model, previous_response_id: 'resp_open_responses_check_does_not_exist', input: [userMessage('Continue.')] }),
    },
  ),
  refusal(
    { id: 'error-invalid-max-output-tokens', title: 'max_output_tokens below the schema minimum (16) is refused with a 4xx error object' },
    {
      rejection: { requirement: 'REQ-V-04', what: 'max_output_tokens 1 (the minimum is 16)' },
      body: ({ model }) => ({ model, input: 'Say hello.', max_output_tokens: 1 }),
    },
  ),
  refusal(
    { id: 'error-missing-credentials', title: 'A request without the API key gets an error object (the status is left open by the spec)', extraTags: ['auth'] },
    { withoutCredentials: true, body: ({ model }) => ({ model, input: 'Say hello.' }) },
  ),
];
