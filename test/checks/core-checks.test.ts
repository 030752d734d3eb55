import { describe, expect, it } from 'vitest';
import { statusOk } from '../../src/checks/http/status-ok.js';
import { jsonContentType } from '../../src/checks/http/json-content-type.js';
import { responseSchema } from '../../src/checks/response/schema.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { eventStreamContentType } from '../../src/checks/stream/event-stream-content-type.js';
import { finalResponse } from '../../src/checks/stream/final-response.js';
import { bodyNotJson } from '../../src/checks/transport/body-not-json.js';
import type { CheckContext, Finding, HttpObservation, StreamCheck } from '../../src/checks/types.js';
import { SseFramer } from '../../src/http/sse.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';
import { validResponse } from '../helpers/responses.js';

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };

function http(status: number, contentType: string | undefined, stream = false): HttpObservation {
  return {
    request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'hi', stream }, stream },
    status,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  };
}

function runStream(check: StreamCheck<unknown>, sse: string): Finding[] {
  const session = new StreamCheckSession([check], http(200, 'text/event-stream', true), ctx);
  const framer = new SseFramer((f) => session.push(f), { maxEventBytes: 1 << 20, maxEvents: 1000 });
  framer.push(new TextEncoder().encode(sse));
  return session.end(framer.finish('eof')).get(check.id)!.items;
}

const sse = (events: Record<string, unknown>[]) =>
  events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';

const inProgress = validResponse({ status: 'in_progress', completed_at: null, output: [], usage: null });
const conformingStream = [
  { type: 'response.created', sequence_number: 0, response: inProgress },
  { type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi', logprobs: [] },
  { type: 'acme:trace', sequence_number: 2, note: 'extension events are fine' },
  { type: 'response.completed', sequence_number: 3, response: validResponse() },
];

describe('http/status-ok (HTTP-09)', () => {
  it('passes 200', () => expect(statusOk.check(http(200, 'application/json'), ctx)).toEqual([]));
  it('fails any other status, and says so for redirects', () => {
    expect(statusOk.check(http(201, 'application/json'), ctx)).toMatchObject([{ checkId: 'http/status-ok', requirement: 'HTTP-09', verdict: 'fail', expected: '200', actual: '201' }]);
    const redirect = statusOk.check({ ...http(302, 'text/html'), headers: { location: 'https://elsewhere.example/' } }, ctx);
    expect(redirect[0].message).toMatch(/redirect \(302 to https:\/\/elsewhere\.example\/\)/);
  });
});

describe('http/json-content-type (HTTP-07, HTTP-06)', () => {
  it('passes application/json with parameters', () => {
    expect(jsonContentType.check(http(200, 'application/json; charset=utf-8'), ctx)).toEqual([]);
    expect(jsonContentType.check(http(400, 'Application/JSON'), ctx)).toEqual([]);
  });
  it('fails another media type, or none', () => {
    expect(jsonContentType.check(http(200, 'text/plain'), ctx)).toMatchObject([{ requirement: 'HTTP-07', verdict: 'fail', actual: 'text/plain' }]);
    expect(jsonContentType.check(http(500, undefined), ctx)).toMatchObject([{ requirement: 'HTTP-06', verdict: 'fail' }]);
  });
  it('leaves a 200 stream to the event-stream check', () => expect(jsonContentType.check(http(200, 'text/event-stream', true), ctx)).toEqual([]));
});

describe('stream/event-stream-content-type (HTTP-08)', () => {
  it('passes text/event-stream with parameters', () => expect(eventStreamContentType.check(http(200, 'text/event-stream; charset=utf-8', true), ctx)).toEqual([]));
  it('fails application/json for a 200 stream', () =>
    expect(eventStreamContentType.check(http(200, 'application/json', true), ctx)).toMatchObject([{ checkId: 'stream/event-stream-content-type', requirement: 'HTTP-08', verdict: 'fail' }]));
  it('does not judge an error answer to a stream request', () => expect(eventStreamContentType.check(http(400, 'application/json', true), ctx)).toEqual([]));
});

describe('response/schema (RES-02)', () => {
  const body = (json: unknown) => ({ http: http(200, 'application/json'), text: JSON.stringify(json), json });
  it('passes a complete ResponseResource', () => expect(responseSchema.check(body(validResponse()), ctx)).toEqual([]));
  it('fails a missing required field with its path', () => {
    const { usage: _dropped, ...withoutUsage } = validResponse();
    expect(responseSchema.check(body(withoutUsage), ctx)).toMatchObject([{ checkId: 'response/schema', requirement: 'RES-02', verdict: 'fail', location: { path: '/usage' }, actual: 'missing' }]);
  });
  it('fails a wrong type deep inside', () => {
    const findings = responseSchema.check(body(validResponse({ created_at: '2024-01-01' })), ctx);
    expect(findings).toMatchObject([{ location: { path: '/created_at' }, expected: 'type integer', actual: '"2024-01-01"' }]);
  });
});

describe('transport/body-not-json', () => {
  it('shows where the parse failed: the end of a body cut short, the place of a stray character', () => {
    const cut = '{"id":"resp_1","object":"response","output":[{"type":"message","content":[{"text":"hel';
    const [short] = bodyNotJson.check({ http: http(200, 'application/json'), text: cut }, ctx);
    expect(short.message).toMatch(/^The body of the HTTP 200 answer is not JSON: .+\.$/);
    expect(short.actual?.endsWith('"text":"hel⟨here⟩') || short.actual?.endsWith('"text":"hel')).toBe(true);
    const [stray] = bodyNotJson.check({ http: http(200, 'application/json'), text: '{"a":1,}' }, ctx);
    expect(stray.actual).toBe('{"a":1,⟨here⟩}');
  });

  it('passes a parsed body', () => expect(bodyNotJson.check({ http: http(200, 'application/json'), text: '{}', json: {} }, ctx)).toEqual([]));
  it('fails a body that is not JSON and shows its start', () =>
    expect(bodyNotJson.check({ http: http(500, 'text/html'), text: '<html>oops</html>' }, ctx)).toMatchObject([{ checkId: 'transport/body-not-json', verdict: 'fail', actual: '<html>oops</html>' }]));
});

describe('stream/event-schema (SSE-F-06, EXT-05)', () => {
  it('passes conforming events and a well-formed extension event', () => expect(runStream(eventSchema, sse(conformingStream))).toEqual([]));
  it('fails an event that breaks its schema, naming the event, its e.3 row and path', () => {
    const broken = conformingStream.map((e) => (e.type === 'response.output_text.delta' ? { ...e, item_id: undefined } : e));
    const findings = runStream(eventSchema, sse(broken));
    expect(findings).toMatchObject([{ checkId: 'stream/event-schema', requirement: 'EV-11', verdict: 'fail', location: { eventIndex: 1, sequenceNumber: 1, eventType: 'response.output_text.delta', path: '/item_id' } }]);
    expect(findings[0].excerpt).toContain('"delta":"Hi"');
  });
  it('fails an unknown type without an implementor prefix', () => {
    const findings = runStream(eventSchema, sse([...conformingStream.slice(0, 3), { type: 'response.done', sequence_number: 3 }]));
    expect(findings).toMatchObject([{ requirement: 'EXT-05', actual: '"response.done"' }]);
  });
  it('fails an extension event without a sequence_number', () => {
    const findings = runStream(eventSchema, sse([{ type: 'acme:ping' }]));
    expect(findings).toMatchObject([{ requirement: 'EXT-05', location: { path: '/sequence_number' } }]);
  });
});

describe('stream/final-response (SSE-O-14)', () => {
  it('passes a stream with a terminal event', () => expect(runStream(finalResponse, sse(conformingStream))).toEqual([]));
  it('fails a stream that ends without one', () =>
    expect(runStream(finalResponse, sse(conformingStream.slice(0, 3)))).toMatchObject([{ checkId: 'stream/final-response', requirement: 'SSE-O-14', verdict: 'fail' }]));
});
