import { userMessage } from './inputs.js';
import { ERROR_PATH_TAG, type Scenario } from './types.js';

/**
 * Requests a server should refuse. They run after every other scenario and can be skipped with
 * `--skip error-path`: some servers fall over on them, and that must not cost the other results.
 */
export const errorPathScenarios: readonly Scenario[] = [
  {
    id: 'error-unknown-previous-response',
    title: 'A previous_response_id that does not exist is refused with a 4xx error object',
    tags: [ERROR_PATH_TAG],
    steps: [
      {
        name: 'request',
        method: 'POST',
        path: '/responses',
        stream: false,
        requestSchema: 'CreateResponseBody',
        rejection: { requirement: 'REQ-PR-04', what: 'an unknown previous_response_id' },
        body: ({ model }) => ({ model, previous_response_id: 'resp_open_responses_check_does_not_exist', input: [userMessage('Continue.')] }),
      },
    ],
  },
  {
    id: 'error-invalid-max-output-tokens',
    title: 'max_output_tokens below the schema minimum (16) is refused with a 4xx error object',
    tags: [ERROR_PATH_TAG],
    steps: [
      {
        name: 'request',
        method: 'POST',
        path: '/responses',
        stream: false,
        requestSchema: 'CreateResponseBody',
        rejection: { requirement: 'REQ-V-04', what: 'max_output_tokens 1 (the minimum is 16)' },
        body: ({ model }) => ({ model, input: 'Say hello.', max_output_tokens: 1 }),
      },
    ],
  },
  {
    id: 'error-missing-credentials',
    title: 'A request without the API key gets an error object (the status is left open by the spec)',
    tags: [ERROR_PATH_TAG, 'auth'],
    steps: [
      {
        name: 'request',
        method: 'POST',
        path: '/responses',
        stream: false,
        requestSchema: 'CreateResponseBody',
        withoutCredentials: true,
        body: ({ model }) => ({ model, input: 'Say hello.' }),
      },
    ],
  },
];
