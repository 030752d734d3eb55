import { jsonStreamEvent } from '../../src/checks/stream/stream-event.js';
import { describe, expect, it } from 'vitest';
import { errorObject } from '../../src/checks/error/error-object.js';
import { requestRejected } from '../../src/checks/error/request-rejected.js';
import { errorStatusMatchesType } from '../../src/checks/error/status-matches-type.js';
import { jsonContentType } from '../../src/checks/http/json-content-type.js';
import { statusOk } from '../../src/checks/http/status-ok.js';
import { mediaType } from '../../src/checks/media-type.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { eventStreamContentType } from '../../src/checks/stream/event-stream-content-type.js';
import { finalResponse } from '../../src/checks/stream/final-response.js';
import { bodyNotJson } from '../../src/checks/transport/body-not-json.js';
import type { BodyObservation, HttpObservation, StreamMessage, StreamEvent } from '../../src/checks/types.js';
import { ctx } from './harness.js';

/** Exact findings of the HTTP, error and body checks: mutation testing showed their texts and bounds untested. */
function http(status: number, contentType: string | undefined, stream = false, extra: Record<string, string> = {}): HttpObservation {
  return {
    request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'hi', stream }, stream },
    status,
    headers: { ...(contentType === undefined ? {} : { 'content-type': contentType }), ...extra },
  };
}

function body(status: number, json: unknown, text = JSON.stringify(json)): BodyObservation {
  return { http: http(status, 'application/json'), text, json };
}

describe('error/error-object, exactly', () => {
  it('names the missing object and describes what came instead', () => {
    expect(errorObject.check(body(400, [1]), ctx)).toEqual([
      {
        checkId: 'error/error-object',
        requirement: 'ERR-01',
        verdict: 'fail',
        message: 'The error answer has no error object under "error".',
        expected: '{"error": {"message", "type", "param", "code"}}',
        actual: '[1]',
        location: { path: '/error' },
      },
    ]);
    expect(errorObject.check(body(400, { error: 'nope' }), ctx)).toHaveLength(1);
  });

  it('fails message and type that are not strings, and warns on code and param by kind', () => {
    expect(errorObject.check(body(400, { error: { message: 5, code: 7, param: null } }), ctx)).toEqual([
      { checkId: 'error/error-object', requirement: 'ERR-01', verdict: 'fail', message: 'The error object has no string "message".', expected: 'a string "message"', actual: '5', location: { path: '/error/message' } },
      { checkId: 'error/error-object', requirement: 'ERR-01', verdict: 'fail', message: 'The error object has no string "type".', expected: 'a string "type"', actual: 'nothing', location: { path: '/error/type' } },
      {
        checkId: 'error/error-object',
        requirement: 'ERR-02',
        verdict: 'warn',
        message: `The error object's "code" is not a string; the spec's example always carries it, as a string or null.`,
        expected: 'a string or null',
        actual: '7',
        location: { path: '/error/code' },
      },
    ]);
    expect(errorObject.check(body(400, { error: { message: 'm', type: 't', code: 'c' } }), ctx)).toEqual([
      expect.objectContaining({ message: `The error object's "param" is missing; the spec's example always carries it, as a string or null.`, actual: 'nothing' }),
    ]);
  });

  it('judges every status from 400 up, and nothing below or without a parsed body', () => {
    expect(errorObject.check(body(400, {}), ctx)).toHaveLength(1);
    expect(errorObject.check(body(399, {}), ctx)).toEqual([]);
    expect(errorObject.check({ http: http(500, 'text/html'), text: '<html>' }, ctx)).toEqual([]);
  });
});

describe('error/status-matches-type, exactly', () => {
  const typed = (status: number, type: unknown) => errorStatusMatchesType.check(body(status, { error: { message: 'x', type } }), ctx);

  it('warns with the type, both statuses and the path', () => {
    expect(typed(400, 'server_error')).toEqual([
      {
        checkId: 'error/status-matches-type',
        requirement: 'ERR-03',
        verdict: 'warn',
        message: `An error of type "server_error" was sent with HTTP 400; the spec's table gives 500.`,
        expected: '500',
        actual: '400',
        location: { path: '/error/type' },
      },
    ]);
  });

  it.each([
    ['invalid_request', 400],
    ['invalid_request_error', 400],
    ['not_found', 404],
    ['server_error', 500],
    ['model_error', 500],
    ['too_many_requests', 429],
  ] as const)('knows the usual status of %s', (type, usual) => {
    expect(typed(usual, type)).toEqual([]);
    expect(typed(usual === 500 ? 400 : 500, type)).toMatchObject([{ expected: String(usual) }]);
  });

  it('leaves successes, auth answers, unknown or missing types and bodies without an error object alone', () => {
    expect(typed(399, 'not_found')).toEqual([]);
    expect(typed(401, 'not_found')).toEqual([]);
    expect(typed(403, 'not_found')).toEqual([]);
    expect(typed(402, 'not_found')).toHaveLength(1);
    expect(typed(500, 42)).toEqual([]);
    // Only a string names a type, even one an object key lookup would turn into a known type.
    expect(typed(500, ['not_found'])).toEqual([]);
    expect(errorStatusMatchesType.check(body(500, { error: 'server_error' }), ctx)).toEqual([]);
    expect(errorStatusMatchesType.check(body(500, 'server_error'), ctx)).toEqual([]);
  });
});

describe('error/request-rejected, exactly', () => {
  const check = requestRejected('REQ-V-04', 'max_output_tokens 1');

  it('declares the scenario row and the request in its title', () => {
    expect(check).toMatchObject({ kind: 'http', id: 'error/request-rejected', requirement: 'REQ-V-04', severity: 'SCHEMA', section: 'Errors', title: 'A request with max_output_tokens 1 is rejected with a 4xx' });
  });

  it('warns on anything but 400 to 499, naming the request and status', () => {
    expect(check.check(http(200, 'application/json'), ctx)).toEqual([
      {
        checkId: 'error/request-rejected',
        requirement: 'REQ-V-04',
        verdict: 'warn',
        message: 'A request with max_output_tokens 1 was answered with HTTP 200; a 4xx error (400 invalid_request) was expected.',
        expected: '4xx',
        actual: '200',
      },
    ]);
    expect(check.check(http(399, 'application/json'), ctx)).toHaveLength(1);
    expect(check.check(http(400, 'application/json'), ctx)).toEqual([]);
    expect(check.check(http(499, 'application/json'), ctx)).toEqual([]);
    expect(check.check(http(500, 'application/json'), ctx)).toHaveLength(1);
  });
});

describe('http/status-ok, exactly', () => {
  const fail = (message: string, actual: string) => [{ checkId: 'http/status-ok', requirement: 'HTTP-09', verdict: 'fail', message, expected: '200', actual }];

  it('says whether the answer was a redirect, and where to', () => {
    expect(statusOk.check(http(299, 'application/json'), ctx)).toEqual(fail('A valid request was answered with HTTP 299 instead of 200.', '299'));
    expect(statusOk.check(http(400, 'application/json'), ctx)).toEqual(fail('A valid request was answered with HTTP 400 instead of 200.', '400'));
    expect(statusOk.check(http(300, 'text/html', false, { location: '/elsewhere' }), ctx)).toEqual(
      fail('A valid request was answered with a redirect (300 to /elsewhere); only 200 is declared, and the tool does not follow redirects.', '300'),
    );
    expect(statusOk.check(http(399, 'text/html'), ctx)).toEqual(
      fail('A valid request was answered with a redirect (399); only 200 is declared, and the tool does not follow redirects.', '399'),
    );
  });
});

describe('http/json-content-type, exactly', () => {
  it('fails a missing header under HTTP-06 and another media type under HTTP-07', () => {
    expect(jsonContentType.check(http(500, undefined), ctx)).toEqual([
      { checkId: 'http/json-content-type', requirement: 'HTTP-06', verdict: 'fail', message: 'The answer has no Content-Type header.', expected: 'application/json', actual: 'no Content-Type' },
    ]);
    expect(jsonContentType.check(http(400, 'text/html; charset=utf-8'), ctx)).toEqual([
      {
        checkId: 'http/json-content-type',
        requirement: 'HTTP-07',
        verdict: 'fail',
        message: 'A non-streamed answer (HTTP 400) was sent as text/html; charset=utf-8 instead of application/json.',
        expected: 'application/json',
        actual: 'text/html; charset=utf-8',
      },
    ]);
  });

  it('judges an error answer to a stream request, and a non-200 success of one', () => {
    expect(jsonContentType.check(http(400, 'text/event-stream', true), ctx)).toHaveLength(1);
    expect(jsonContentType.check(http(201, 'text/event-stream', true), ctx)).toHaveLength(1);
  });
});

describe('stream/event-stream-content-type, exactly', () => {
  it('fails a missing header under HTTP-06 and another media type under HTTP-08', () => {
    expect(eventStreamContentType.check(http(200, undefined, true), ctx)).toEqual([
      {
        checkId: 'stream/event-stream-content-type',
        requirement: 'HTTP-06',
        verdict: 'fail',
        message: 'The streamed answer has no Content-Type header.',
        expected: 'text/event-stream',
        actual: 'no Content-Type',
      },
    ]);
    expect(eventStreamContentType.check(http(200, 'application/json', true), ctx)).toEqual([
      {
        checkId: 'stream/event-stream-content-type',
        requirement: 'HTTP-08',
        verdict: 'fail',
        message: 'A stream: true request was answered as application/json instead of text/event-stream.',
        expected: 'text/event-stream',
        actual: 'application/json',
      },
    ]);
  });

  it('judges only a 200 answer to a stream request', () => {
    expect(eventStreamContentType.check(http(200, 'application/json', false), ctx)).toEqual([]);
    expect(eventStreamContentType.check(http(201, 'application/json', true), ctx)).toEqual([]);
    expect(eventStreamContentType.check(http(200, ' Text/Event-Stream ;charset=utf-8', true), ctx)).toEqual([]);
  });
});

describe('media type', () => {
  it('is the lower-case type before any parameter, trimmed', () => {
    expect(mediaType(undefined)).toBeUndefined();
    expect(mediaType('  Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(mediaType('text/plain')).toBe('text/plain');
  });
});

describe('transport/body-not-json, exactly', () => {
  const judge = (text: string, status = 200) => bodyNotJson.check({ http: http(status, 'application/json'), text }, ctx);

  it('an empty or blank body says so, without a parser message', () => {
    for (const text of ['', ' \n\t']) {
      expect(judge(text, 502)).toEqual([
        { checkId: 'transport/body-not-json', requirement: 'HTTP-07', verdict: 'fail', message: 'The body of the HTTP 502 answer is not JSON.', expected: 'a JSON document', actual: 'an empty body' },
      ]);
    }
  });

  it('quotes the parser and marks the failing position, with ellipses only where text was cut', () => {
    const [finding] = judge('{"a":1,}');
    expect(finding.message).toMatch(/^The body of the HTTP 200 answer is not JSON: .*position 7.*\.$/);
    expect(finding.actual).toBe('{"a":1,⟨here⟩}');
    const long = `{"a":"${'x'.repeat(50)}",  \n  oops${'y'.repeat(50)}}`;
    const at = long.indexOf('oops');
    expect(judge(long)[0].actual).toBe(`…${long.slice(at - 40, at).replace(/\s+/g, ' ')}⟨here⟩${long.slice(at, at + 40)}…`);
    const edge = `{"a":"${'x'.repeat(32)}",}${'z'.repeat(39)}`;
    expect(judge(edge)[0].actual).toBe(`${edge.slice(0, 40)}⟨here⟩${edge.slice(40)}`);
  });

  it('shows the end of a body cut short, and the start of one the parser cannot place', () => {
    const cut = `[${'1,  '.repeat(40)}`;
    expect(judge(cut)[0].actual).toBe(`…${cut.slice(-80).replace(/\s+/g, ' ')}`);
    expect(judge('{"a":')[0].actual).toBe('…{"a":');
    const unplaced = `[${'[ '.repeat(50)}x]`;
    expect(judge(unplaced)[0].actual).toBe(`${unplaced.replace(/\s+/g, ' ').slice(0, 79)}…`);
  });

  it('passes a body that parsed, whatever its text', () => {
    expect(bodyNotJson.check({ http: http(200, 'application/json'), text: 'not the parsed text', json: null }, ctx)).toEqual([]);
  });
});

describe('stream/final-response, exactly', () => {
  const frame = (index: number, data: string): StreamMessage => ({ index, data, byteOffset: index * 10, receivedAtMs: 0 });
  const json = (index: number, value: unknown): StreamEvent => jsonStreamEvent(frame(index, JSON.stringify(value)), value);
  function judge(events: StreamEvent[], reason: 'eof' | 'timeout' = 'eof') {
    const state = finalResponse.init(http(200, 'text/event-stream', true), ctx);
    for (const event of events) expect(finalResponse.onEvent(state, event, ctx)).toEqual([]);
    return finalResponse.onEnd(state, { reason, frames: events.length, unterminatedMessage: false }, ctx);
  }

  it('counts the messages of a stream that never ended its response', () => {
    expect(judge([json(0, { type: 'response.created' }), json(1, { type: 'response.done' })])).toEqual([
      {
        checkId: 'stream/final-response',
        requirement: 'SSE-O-14',
        verdict: 'fail',
        message: 'The stream ended after 2 message(s) without a terminal event, so there is no final response.',
        expected: 'response.completed, response.failed or response.incomplete',
        actual: 'none',
      },
    ]);
    expect(judge([json(0, ['response.completed']), json(1, { type: 7 }), json(2, null)])).toHaveLength(1);
  });

  it('takes each terminal type, and leaves a cut stream to the transport checks', () => {
    for (const type of ['response.completed', 'response.failed', 'response.incomplete']) expect(judge([json(0, { type })]), type).toEqual([]);
    expect(judge([], 'timeout')).toEqual([]);
  });
});

describe('stream/event-schema, exactly', () => {
  const event = (value: unknown): StreamEvent => jsonStreamEvent({ index: 3, data: JSON.stringify(value), byteOffset: 99, receivedAtMs: 0 }, value);
  const judge = (value: unknown) => eventSchema.onEvent(eventSchema.init(http(200, 'text/event-stream', true), ctx), event(value), ctx);

  it('an event without a string type', () => {
    expect(judge({ sequence_number: 4 })).toEqual([
      {
        checkId: 'stream/event-schema',
        requirement: 'SSE-F-06',
        verdict: 'fail',
        message: 'The event has no string "type", so no event schema can apply.',
        expected: 'a "type" naming a streaming event',
        actual: 'no "type"',
        location: { eventIndex: 3, byteOffset: 99, sequenceNumber: 4, path: '/type' },
      },
    ]);
    expect(judge({ type: 5 })[0].actual).toBe('5');
  });

  it('an unknown type without a prefix', () => {
    expect(judge({ type: 'response.done', sequence_number: 1 })).toEqual([
      {
        checkId: 'stream/event-schema',
        requirement: 'EXT-05',
        verdict: 'fail',
        message: '"response.done" is not an event type of this spec version, and it has no implementor prefix ("acme:…") that would make it an extension.',
        expected: 'a streaming event type of the spec, or a slug-prefixed extension type',
        actual: '"response.done"',
        location: { eventIndex: 3, byteOffset: 99, eventType: 'response.done', sequenceNumber: 1, path: '/type' },
      },
    ]);
  });

  it('an extension event needs an integer sequence_number, and nothing else', () => {
    expect(judge({ type: 'acme:ping', sequence_number: 1.5 })).toEqual([
      {
        checkId: 'stream/event-schema',
        requirement: 'EXT-05',
        verdict: 'fail',
        message: 'The extension event acme:ping has no integer sequence_number; extension events must carry one.',
        expected: 'an integer sequence_number',
        actual: '1.5',
        location: { eventIndex: 3, byteOffset: 99, eventType: 'acme:ping', sequenceNumber: 1.5, path: '/sequence_number' },
      },
    ]);
    expect(judge({ type: 'acme:ping' })[0].actual).toBe('missing');
    expect(judge({ type: 'acme:ping', sequence_number: 2, anything: [1] })).toEqual([]);
  });

  it('a core event against its schema, naming the schema and path', () => {
    expect(judge({ type: 'response.output_text.delta', sequence_number: 2, output_index: 0, content_index: 0, delta: 'x', logprobs: [] })).toEqual([
      expect.objectContaining({
        checkId: 'stream/event-schema',
        // The event's own row in the event catalogue, not the framing row.
        requirement: 'EV-11',
        verdict: 'fail',
        message: expect.stringMatching(/^The response\.output_text\.delta event does not match its schema \(\w+\): .+\.$/),
        actual: 'missing',
        location: { eventIndex: 3, byteOffset: 99, eventType: 'response.output_text.delta', sequenceNumber: 2, path: '/item_id' },
      }),
    ]);
  });

  it('leaves [DONE], non-JSON and non-object data to the framing checks', () => {
    const state = eventSchema.init(http(200, 'text/event-stream', true), ctx);
    expect(eventSchema.onEvent(state, { frame: { index: 0, data: '[DONE]', byteOffset: 0, receivedAtMs: 0 }, kind: 'done' }, ctx)).toEqual([]);
    expect(eventSchema.onEvent(state, { frame: { index: 0, data: 'x', byteOffset: 0, receivedAtMs: 0 }, kind: 'invalid', error: 'bad' }, ctx)).toEqual([]);
    expect(judge([1, 2])).toEqual([]);
    expect(eventSchema.onEnd(state, { reason: 'eof', frames: 0, unterminatedMessage: false }, ctx)).toEqual([]);
  });
});
