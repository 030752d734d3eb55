import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/fixtures/server.js';
import '../../src/vitest/index.js';
import { judgeBody } from '../../src/vitest/index.js';

/** What the reference server answered, with the request each answer was given to. */
const streamRequest = { model: 'm', input: 'Tell me about the sea.', stream: true };
const jsonRequest = { ...streamRequest, stream: false };
let sse: string;
let json: string;

beforeAll(async () => {
  const server = await startReferenceServer();
  try {
    const post = (body: object) =>
      fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.text());
    [sse, json] = await Promise.all([post(streamRequest), post(jsonRequest)]);
  } finally {
    await server.close();
  }
});

/** The text cut into chunks of `size` bytes, so the framer meets messages split anywhere. */
function chunks(text: string, size = 7): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return parts;
}

function webStream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of chunks(text)) controller.enqueue(new Uint8Array(part));
      controller.close();
    },
  });
}

/** The stream with the messages `drop` picks removed. */
function withoutMessages(text: string, drop: (message: string) => boolean): string {
  return text.split('\n\n').filter((message) => message === '' || !drop(message)).join('\n\n');
}

/** A stream whose sequence_number goes down at the tenth event. */
function sequenceGoingDown(text: string): string {
  return text.replace('"sequence_number":9,', '"sequence_number":2,');
}

describe('toBeConformingStream', () => {
  it('passes a conforming stream of the reference server, with and without its request', async () => {
    await expect(sse).toBeConformingStream({ request: streamRequest });
    await expect(sse).toBeConformingStream();
  });

  it.each([
    ['a string', () => sse],
    ['a Buffer', () => Buffer.from(sse)],
    ['a Uint8Array', () => new TextEncoder().encode(sse)],
    ['an ArrayBuffer', () => new TextEncoder().encode(sse).buffer],
    ['a Response', () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } })],
    ['a web ReadableStream in 7-byte chunks', () => webStream(sse)],
    ['a Node Readable in 7-byte chunks', () => Readable.from(chunks(sse))],
    ['a Node Readable that yields text', () => Readable.from(sse.split('\n\n').map((m) => `${m}\n\n`).slice(0, -1))],
  ])('reads %s', async (_form, body) => {
    await expect(body()).toBeConformingStream({ request: streamRequest });
  });

  it('judges a Response with its request as a live answer: status and headers too', async () => {
    await expect(new Response(sse, { headers: { 'content-type': 'text/event-stream' } })).toBeConformingStream({ request: streamRequest });
    const wrongType = new Response(sse, { headers: { 'content-type': 'text/plain' } });
    await expect(expect(wrongType).toBeConformingStream({ request: streamRequest })).rejects.toThrow(/✖ fail stream\/event-stream-content-type {2}HTTP-08 \(MUST, Streaming HTTP Responses\)/);
    const refused = new Response(sse, { status: 500, headers: { 'content-type': 'text/event-stream' } });
    await expect(expect(refused).toBeConformingStream({ request: streamRequest })).rejects.toThrow(/http\/status-ok/);
  });

  it('says that a Response given without its request had its status and headers left unjudged', async () => {
    const refused = new Response(sse, { status: 500, headers: { 'content-type': 'text/plain' } });
    await expect(expect(refused).not.toBeConformingStream()).rejects.toThrow(/the Response's status and headers: not judged without \{ request \}/);
  });

  it('fails a stream whose sequence_number goes down, naming the rule, the event and what was expected', async () => {
    const verdict = await judgeBody(sequenceGoingDown(sse), 'stream');
    expect(verdict.pass).toBe(false);
    const lines = verdict.message.split('\n');
    expect(lines[0]).toMatch(/^expected an event stream that conforms to Open Responses, but found \d+ problems? that fails? it/);
    const at = lines.indexOf('✖ fail stream/sequence-number-increasing  SSE-SEQ-02 (IMPLIED, Extending streaming events)');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 6)).toEqual([
      '    The sequence_number goes down from 8 to 2; sequence numbers must increase in the order events are sent.',
      '    expected: more than 8',
      '    seen:     2',
      expect.stringMatching(/^ {4}excerpt: {2}\{"type":"response\.output_text\.delta","sequence_number":2,/),
      expect.stringMatching(/^ {4}at \/sequence_number, event #9 \(response\.output_text\.delta, sequence_number 2\), byte offset \d+$/),
    ]);
    await expect(expect(sequenceGoingDown(sse)).toBeConformingStream()).rejects.toThrow(/stream\/sequence-number-increasing {2}SSE-SEQ-02/);
  });

  it('fails a stream without its terminal event', async () => {
    const cut = withoutMessages(sse, (message) => message.startsWith('event: response.completed'));
    await expect(expect(cut).toBeConformingStream()).rejects.toThrow(/✖ fail stream\/final-response {2}SSE-O-14[\s\S]*expected: response\.completed, response\.failed or response\.incomplete/);
  });

  it('fails an empty body: no stream at all', async () => {
    await expect(expect('').toBeConformingStream()).rejects.toThrow(/stream\/final-response/);
  });

  it('fails a JSON answer, and a request that did not ask for a stream, saying which matcher fits', async () => {
    await expect(expect(json).toBeConformingStream()).rejects.toThrow(/^expected an event stream that conforms to Open Responses, but the body is a JSON response, not an event stream/);
    await expect(expect(JSON.parse(json)).toBeConformingStream()).rejects.toThrow(/parsed JSON object, which cannot be an event stream; use toBeConformingResponse/);
    await expect(expect(sse).toBeConformingStream({ request: jsonRequest })).rejects.toThrow(/the request has stream: false, so its answer is JSON, not an event stream \(HTTP-10\); use toBeConformingResponse/);
    await expect(expect(sse).toBeConformingStream({ request: { model: 'm', input: 'hi' } })).rejects.toThrow(/the request does not set stream, so its answer is JSON/);
  });

  it('lets warnings pass unless strict', async () => {
    // The last message without its closing blank line: still read, with a warning (SSE-F-05).
    const unterminated = sse.replace(/\n\n$/, '\n');
    const verdict = await judgeBody(unterminated, 'stream', { request: streamRequest });
    expect(verdict.pass).toBe(true);
    expect(verdict.message).toMatch(/but it conforms: \d+ checks passed, with 1 warning\n⚠ warn stream\/sse-message-terminated {2}SSE-F-05/);
    await expect(expect(unterminated).toBeConformingStream({ request: streamRequest, strict: true })).rejects.toThrow(
      /found 1 problem that fails it \(warnings count: strict\)\n✖ fail stream\/sse-message-terminated/,
    );
  });

  it('judges the rules that compare with the request only when it is given', async () => {
    const optedOut = { ...streamRequest, stream_options: { include_obfuscation: false } };
    const padded = sse.replace('"delta":"You",', '"delta":"You","obfuscation":"xq",');
    await expect(padded).toBeConformingStream({ request: streamRequest });
    // Padding after the request turned it off is a warning (SSE-C-08): strict makes it fail.
    await expect(expect(padded).toBeConformingStream({ request: optedOut, strict: true })).rejects.toThrow(/✖ fail stream\/obfuscation-opt-out {2}SSE-C-08/);
    await expect(expect(padded).not.toBeConformingStream({ strict: true })).rejects.toThrow(/stream\/obfuscation-opt-out: not judged: the capture has no request[\s\S]*Pass \{ request \}/);
  });

  it('reports a stream that breaks off while it is read as a broken connection, not a pass', async () => {
    async function* breaksOff() {
      yield Buffer.from(sse.slice(0, 200));
      throw new Error('handler crashed');
    }
    await expect(expect(breaksOff()).toBeConformingStream()).rejects.toThrow(/transport\/connection-error[\s\S]*handler crashed/);
  });

  it('fails a stream that breaks before its first byte, or yields something that is no bytes, in one sentence', async () => {
    async function* failsAtOnce(): AsyncGenerator<Uint8Array> {
      throw new Error('handler crashed');
    }
    await expect(expect(failsAtOnce()).toBeConformingStream()).rejects.toThrow(/^expected an event stream that conforms to Open Responses, but it could not be judged: reading the body failed: handler crashed$/);
    await expect(expect(Readable.from([42], { objectMode: true })).toBeConformingStream()).rejects.toThrow(/the stream yielded a number; a body stream yields bytes or text/);
  });
});

describe('.not', () => {
  it('passes for a broken stream and fails for a conforming one, saying what was judged', async () => {
    await expect(sequenceGoingDown(sse)).not.toBeConformingStream();
    await expect(expect(sse).not.toBeConformingStream({ request: streamRequest })).rejects.toThrow(
      // A body handed to a matcher has no arrival times, so the buffered-stream rule says it did not judge.
      /^expected an event stream that does not conform to Open Responses, but it conforms: \d+ checks passed\nNot judged:\n {4}stream\/buffered-stream: not judged: arrival times are measured in a live run only$/,
    );
    await expect(expect(json).not.toBeConformingResponse({ request: jsonRequest })).rejects.toThrow(/^expected a JSON response that does not conform to Open Responses, but it conforms/);
  });
});

describe('toBeConformingResponse', () => {
  it.each([
    ['a JSON object', () => JSON.parse(json)],
    ['JSON text', () => json],
    ['JSON bytes', () => Buffer.from(json)],
    ['a Response', () => new Response(json, { headers: { 'content-type': 'application/json' } })],
    ['a web ReadableStream', () => webStream(json)],
    ['a Node Readable', () => Readable.from(chunks(json))],
  ])('passes a conforming response given as %s', async (_form, body) => {
    await expect(body()).toBeConformingResponse({ request: jsonRequest });
  });

  it('fails a response that breaks the schema, with the JSON path', async () => {
    const broken = { ...JSON.parse(json), status: 42 };
    await expect(expect(broken).toBeConformingResponse()).rejects.toThrow(/✖ fail response\/schema {2}RES-06 \(HTTP Responses\)\n {4}.*\/status: expected type string, saw 42\.[\s\S]*at \/status/);
  });

  it('lists the first ten distinct problems and counts the rest', async () => {
    const verdict = await judgeBody({ object: 'response' }, 'response');
    const lines = verdict.message.split('\n');
    expect(lines[0]).toBe('expected a JSON response that conforms to Open Responses, but found 30 problems that fail it');
    expect(lines.filter((line) => line.startsWith('✖ fail response/schema  RES-02 (SCHEMA, HTTP Responses)'))).toHaveLength(10);
    expect(lines).toContain('… and 20 more problems (judge the body with `open-responses-check validate` for every one)');
    expect(verdict.result?.checks.find((c) => c.id === 'response/schema')?.findings).toHaveLength(30);
  });

  it('compares the echoed fields and previous_response_id with the request', async () => {
    const answer = { ...JSON.parse(json), instructions: null, previous_response_id: 'resp_9' };
    const request = { ...jsonRequest, instructions: 'Be brief.' };
    await expect(answer).not.toBeConformingResponse({ request });
    const verdict = await judgeBody(answer, 'response', { request });
    expect(verdict.message).toMatch(/found 1 problem that fails it \(and 1 warning\)\n✖ fail response\/previous-response-id-echo {2}REQ-ECHO-03[\s\S]*⚠ warn scenario\/echo {2}REQ-ECHO-01[\s\S]*expected: "Be brief\."\n {4}seen: {5}null\n {4}at \/instructions/);
    // Without the request neither can be judged, and the message says so.
    await expect(expect(answer).not.toBeConformingResponse()).rejects.toThrow(/response\/previous-response-id-echo: not judged/);
  });

  it('fails an error envelope and a stream, saying what the body is', async () => {
    const envelope = { error: { type: 'invalid_request', code: 'bad', message: 'no', param: null } };
    await expect(expect(envelope).toBeConformingResponse()).rejects.toThrow(/the body is a JSON error envelope, not a JSON response/);
    await expect(expect(sse).toBeConformingResponse()).rejects.toThrow(/the body is an event stream, not a JSON response/);
    await expect(expect(json).toBeConformingResponse({ request: streamRequest })).rejects.toThrow(/stream: true, so its answer is an event stream \(HTTP-10\); use toBeConformingStream/);
  });
});

describe('input that is no answer', () => {
  it.each([
    [42, /the body is a number, not an answer/],
    [null, /the body is null, not an answer/],
    [[1, 2], /the body is an array, not an answer/],
  ])('fails %j with one sentence, under .not as well', async (body, why) => {
    await expect(expect(body).toBeConformingResponse()).rejects.toThrow(why);
    await expect(expect(body).not.toBeConformingResponse()).rejects.toThrow(why);
  });

  it('fails a Response whose body was already read', async () => {
    const used = new Response(json);
    await used.text();
    await expect(expect(used).not.toBeConformingResponse()).rejects.toThrow(/already read; pass a fresh Response/);
  });

  it('fails a bad option with the engine\'s message, under .not as well', async () => {
    await expect(expect(json).toBeConformingResponse({ specVersion: '1999-01-01' })).rejects.toThrow(/1999-01-01/);
    await expect(expect(json).not.toBeConformingResponse({ specVersion: '1999-01-01' })).rejects.toThrow(/1999-01-01/);
    await expect(expect(json).not.toBeConformingResponse({ maxEvents: 0 })).rejects.toThrow(/maxEvents must be a positive whole number, got 0/);
    const notAnObject = { request: JSON.stringify(jsonRequest) } as unknown as { request: Record<string, unknown> };
    await expect(expect(json).not.toBeConformingResponse(notAnObject)).rejects.toThrow(/options\.request must be the request body as an object/);
  });

  it('refuses the asymmetric form, which vitest would run synchronously, and does not type it', () => {
    // @ts-expect-error only expect(body) is typed with the matchers
    expect(() => expect.toBeConformingStream()).toThrow(/toBeConformingStream is async and cannot be used as an asymmetric matcher; use `await expect\(body\)\.toBeConformingStream\(\)`/);
    // @ts-expect-error only expect(body) is typed with the matchers
    expect(() => expect.not.toBeConformingResponse()).toThrow(/asymmetric/);
  });
});
