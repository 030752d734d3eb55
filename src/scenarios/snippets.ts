import type { CurlSnippet } from '../spec/snippets.js';
import { compileRecord, ENDPOINT_REQUEST_SCHEMAS } from './compile.js';
import { TINY_PNG_DATA_URL, userMessage, userMessageWithParts } from './inputs.js';
import type { ScenarioRecord, StepTemplate } from './record.js';
import type { Scenario } from './types.js';

interface SnippetRequest {
  stream: boolean;
  body: StepTemplate['body'];
  capability?: string;
}

/** Requests for the snippets the spec ships, keyed by snippet name. */
const SNIPPET_REQUESTS: Record<string, SnippetRequest> = {
  // "a streaming response with JSON input"
  create_response: { stream: true, body: { input: [userMessage('Tell me a three sentence bedtime story about a unicorn.')] } },
  // "a response with image input", inline so no network is needed
  create_response_with_image: {
    stream: false,
    capability: 'image_input',
    body: {
      input: [
        userMessageWithParts('What is in this image? Answer in one sentence.', { type: 'input_image', image_url: TINY_PNG_DATA_URL, detail: 'auto' }),
      ],
    },
  },
};

/** A snippet we have no specific request for still gets a minimal valid one for its endpoint. */
const GENERIC_REQUEST: SnippetRequest = { stream: false, body: { input: 'Say hello.' } };

/**
 * One scenario per cURL snippet. Snippet paths include the `/v1` of the spec's server URL, which
 * the base URL already carries, so that prefix is removed.
 */
export function snippetScenarios(snippets: readonly CurlSnippet[], serverPathPrefix: string, specVersion: string): Scenario[] {
  return snippets.flatMap((snippet) => {
    const path = snippet.path.startsWith(`${serverPathPrefix}/`) ? snippet.path.slice(serverPathPrefix.length) : snippet.path;
    const request = SNIPPET_REQUESTS[snippet.name] ?? GENERIC_REQUEST;
    const record: ScenarioRecord = {
      id: `snippet-${snippet.name.replace(/_/g, '-')}`,
      title: `cURL snippet ${snippet.name}: ${snippet.description}`,
      tags: ['snippet'],
      requirements: ['HTTP-02'],
      ...(request.capability ? { capability: request.capability } : {}),
      forms: [request.stream ? 'stream' : 'json'],
      steps: [{ path, body: request.body, outcome: { status: 'completed', requirement: 'HTTP-02', purpose: "the spec's own example request" } }],
    };
    const scenarios = compileRecord(record, specVersion);
    const requestSchema = snippet.dependencies[0] ?? ENDPOINT_REQUEST_SCHEMAS[path];
    if (snippet.method !== 'POST' || ENDPOINT_REQUEST_SCHEMAS[path] !== requestSchema) {
      for (const scenario of scenarios) {
        scenario.unsupported = `snippet ${snippet.name} targets ${snippet.method} ${snippet.path} with ${requestSchema}, which this version does not exercise yet`;
      }
    }
    return scenarios;
  });
}
