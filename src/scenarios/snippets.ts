import type { OutcomeExpectation } from '../checks/scenario/outcome.js';
import type { CurlSnippet } from '../spec/snippets.js';
import { TINY_PNG_DATA_URL, userMessage } from './inputs.js';
import type { Scenario, StepContext } from './types.js';

type BodyBuilder = (ctx: StepContext) => Record<string, unknown>;
interface SnippetRequest {
  stream: boolean;
  body: BodyBuilder;
}

/** Requests for the snippets the spec ships, keyed by snippet name. */
const SNIPPET_REQUESTS: Record<string, SnippetRequest> = {
  // "a streaming response with JSON input"
  create_response: { stream: true, body: ({ model }) => ({
    model,
    input: [userMessage('Tell me a three sentence bedtime story about a unicorn.')],
  }) },
  // "a response with image input", inline so no network is needed
  create_response_with_image: { stream: false, body: ({ model }) => ({
    model,
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is in this image? Answer in one sentence.' },
          { type: 'input_image', image_url: TINY_PNG_DATA_URL, detail: 'auto' },
        ],
      },
    ],
  }) },
};

/** A snippet's request is valid and plain: it needs a completed answer to show the server accepts it. */
const SNIPPET_OUTCOME: OutcomeExpectation = { requirement: 'HTTP-02', purpose: "the spec's own example request", status: 'completed' };

/** A snippet we have no specific request for still gets a minimal valid one for its endpoint. */
const GENERIC_REQUEST: SnippetRequest = { stream: false, body: ({ model }) => ({ model, input: 'Say hello.' }) };

/**
 * One scenario per cURL snippet. Snippet paths include the `/v1` of the spec's server URL, which
 * the base URL already carries, so that prefix is removed.
 */
export function snippetScenarios(snippets: readonly CurlSnippet[], serverPathPrefix: string): Scenario[] {
  return snippets.map((snippet) => {
    const path = snippet.path.startsWith(`${serverPathPrefix}/`) ? snippet.path.slice(serverPathPrefix.length) : snippet.path;
    const requestSchema = snippet.dependencies[0] ?? 'CreateResponseBody';
    const request = SNIPPET_REQUESTS[snippet.name] ?? GENERIC_REQUEST;
    const scenario: Scenario = {
      id: `snippet-${snippet.name.replace(/_/g, '-')}`,
      title: `cURL snippet ${snippet.name}: ${snippet.description}`,
      tags: ['snippet', 'core', request.stream ? 'stream' : 'json'],
      steps: [{ name: 'request', method: 'POST', path, stream: request.stream, requestSchema, outcome: SNIPPET_OUTCOME, body: request.body }],
    };
    if (snippet.method !== 'POST' || path !== '/responses' || requestSchema !== 'CreateResponseBody') {
      scenario.unsupported = `snippet ${snippet.name} targets ${snippet.method} ${snippet.path} with ${requestSchema}, which this version does not exercise yet`;
    }
    return scenario;
  });
}
