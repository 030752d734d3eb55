/**
 * Testing a provider's handler against the Open Responses spec, without a network: the handler
 * is called directly and its answer judged by the same checks as `open-responses-check validate`.
 *
 *   npm install --save-dev open-responses-check vitest
 *   npx vitest run examples/vitest/handler.test.ts
 *
 * The matchers are async (a body may be a stream): always `await` them.
 */
import { describe, expect, it } from 'vitest';
// Registers toBeConformingStream and toBeConformingResponse (or list it in vitest's setupFiles).
import 'open-responses-check/vitest';
import { handleResponses } from './handler.js';

/** Calls the handler as a server would, with the request body as JSON. */
function call(body: Record<string, unknown>): Promise<Response> {
  return handleResponses(new Request('http://localhost/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

describe('POST /v1/responses', () => {
  it('streams a conforming answer', async () => {
    const request = { model: 'echo-1', input: 'Hello there', stream: true, instructions: 'Be brief.' };
    // With { request }, a Response is judged as a live answer: status, headers, body, and the
    // fields that must echo the request.
    await expect(await call(request)).toBeConformingStream({ request });
  });

  it('answers a conforming JSON response', async () => {
    const request = { model: 'echo-1', input: 'Hello there', metadata: { ticket: 'T-1' } };
    const response = await call(request);
    // Any body form works: the Response itself, its text, or the parsed object.
    await expect(await response.json()).toBeConformingResponse({ request });
  });

  it('would fail, with the rule and the event, if the stream broke a rule', async () => {
    const request = { model: 'echo-1', input: 'Hello there', stream: true };
    const text = await (await call(request)).text();
    const broken = text.replace('"sequence_number":5', '"sequence_number":1');
    // The failure message names the rule (stream/sequence-number-increasing, SSE-SEQ-02), the
    // event (#5, its type and sequence_number), and what was expected against what was seen.
    await expect(broken).not.toBeConformingStream({ request });
    await expect(expect(broken).toBeConformingStream({ request })).rejects.toThrow(/stream\/sequence-number-increasing {2}SSE-SEQ-02/);
  });
});
