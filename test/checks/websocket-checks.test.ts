import { describe, expect, it } from 'vitest';
import { scenarioOutcome } from '../../src/checks/scenario/outcome.js';
import { interpretFrame } from '../../src/checks/session.js';
import type { CheckContext, StreamEvent } from '../../src/checks/types.js';
import { ConnectionRouter, unansweredFinding } from '../../src/checks/websocket/connection.js';
import { websocketErrorEnvelope } from '../../src/checks/websocket/error-envelope.js';
import { websocketMessageJson } from '../../src/checks/websocket/message-json.js';
import { sequenceNumberContiguous } from '../../src/checks/stream/sequence-number-contiguous.js';
import { loadBundledSpec } from '../../src/spec/load.js';
import { createSchemaValidator } from '../../src/spec/schemas.js';
import { ctx } from './harness.js';

/** The WebSocket rules, each with a conforming input that passes and a violating one that fails with its row. */

let index = 0;
function message(value: unknown): StreamEvent {
  const data = typeof value === 'string' ? value : JSON.stringify(value);
  return interpretFrame({ index: index++, data, byteOffset: 100, receivedAtMs: 0 });
}

const REQUEST = { method: 'POST', path: '/responses', body: { type: 'response.create', model: 'm', input: 'hi' }, stream: false };

describe('websocket/message-json (HTTP-15)', () => {
  const judge = (value: unknown) => websocketMessageJson.onEvent(null, message(value), ctx);

  it('passes a bare JSON event object', () => {
    expect(judge({ type: 'response.created', sequence_number: 0, response: {} })).toEqual([]);
  });

  it('fails [DONE], SSE framing, text that is not JSON and JSON that is not an object', () => {
    const cases: [unknown, RegExp][] = [
      ['[DONE]', /\[DONE\] belongs to SSE only/],
      ['event: response.created\ndata: {"type":"response.created"}\n\n', /framed as SSE/],
      ['hello', /is not JSON/],
      [[1, 2], /JSON but not an object/],
      [null, /JSON but not an object/],
    ];
    for (const [value, said] of cases) {
      const [found, ...rest] = judge(value);
      expect(rest).toEqual([]);
      expect(found).toMatchObject({ checkId: 'websocket/message-json', requirement: 'HTTP-15', verdict: 'fail' });
      expect(found.message).toMatch(said);
    }
    expect(judge([1])[0].actual).toBe('an array');
    expect(judge(null)[0].actual).toBe('null');
    expect(judge(5)[0].actual).toBe('a number');
  });
});

describe('websocket/error-envelope (HTTP-16)', () => {
  const judge = (envelope: Record<string, unknown>, context: CheckContext = ctx) =>
    websocketErrorEnvelope.check({ request: REQUEST, envelope, location: { eventIndex: 2, byteOffset: 40 } }, context);

  it('passes an envelope with a status and an error code', () => {
    expect(judge({ type: 'error', status: 400, error: { code: 'previous_response_not_found', message: 'Not found.', param: 'previous_response_id' } })).toEqual([]);
    expect(judge({ type: 'error', status: 400, error: { code: 'x', message: 'y', extra: true } })).toEqual([]);
  });

  it('fails an envelope without status, without error.code, or with a status that is not an integer', () => {
    for (const envelope of [
      { type: 'error', error: { code: 'x', message: 'y' } },
      { type: 'error', status: 400, error: { message: 'y' } },
      { type: 'error', status: '400', error: { code: 'x', message: 'y' } },
    ]) {
      const found = judge(envelope);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ checkId: 'websocket/error-envelope', requirement: 'HTTP-16', verdict: 'fail', location: { eventIndex: 2, byteOffset: 40 } });
      expect(found[0].message).toMatch(/^The error envelope does not match WebSocketErrorEvent: /);
    }
  });

  it('judges nothing under a release without the WebSocket transport', () => {
    const old = loadBundledSpec('2026-01-15');
    expect(judge({ type: 'error' }, { schemas: createSchemaValidator(old.document), specVersion: old.version })).toEqual([]);
  });
});

describe('the connection router (HTTP-17, HTTP-22)', () => {
  const created = (id: string, n = 0) => ({ type: 'response.created', sequence_number: n, response: { id, status: 'in_progress' } });
  const delta = (n: number) => ({ type: 'response.output_text.delta', sequence_number: n, item_id: 'msg_1', delta: 'hi' });
  const completed = (id: string, n: number) => ({ type: 'response.completed', sequence_number: n, response: { id, status: 'completed' } });
  const envelope = { type: 'error', status: 400, error: { code: 'busy', message: 'One at a time.' } };

  it('routes one response to its turn and ends the turn at the terminal event', () => {
    const router = new ConnectionRouter();
    const turn = router.sent();
    expect(router.route(message(created('resp_1')))).toEqual({ kind: 'event', turn, ends: false });
    expect(router.route(message(delta(1)))).toEqual({ kind: 'event', turn, ends: false });
    expect(router.route(message(completed('resp_1', 2)))).toEqual({ kind: 'event', turn, ends: true });
  });

  it('gives two pipelined turns their own responses in order', () => {
    const router = new ConnectionRouter();
    const [first, second] = [router.sent(), router.sent()];
    expect(router.route(message(created('resp_1'))).kind).toBe('event');
    expect(router.route(message(completed('resp_1', 1)))).toEqual({ kind: 'event', turn: first, ends: true });
    expect(router.route(message(created('resp_2')))).toEqual({ kind: 'event', turn: second, ends: false });
    expect(router.route(message(completed('resp_2', 1)))).toEqual({ kind: 'event', turn: second, ends: true });
  });

  it('takes an envelope before any event as the turn\'s answer, and one during a response as the refusal of the queued turn', () => {
    const router = new ConnectionRouter();
    const [first, second, third] = [router.sent(), router.sent(), router.sent()];
    expect(router.route(message(created('resp_1'))).kind).toBe('event');
    expect(router.route(message(envelope))).toEqual({ kind: 'envelope', turn: second, envelope, midResponse: false });
    expect(router.route(message(completed('resp_1', 1)))).toEqual({ kind: 'event', turn: first, ends: true });
    expect(router.route(message(envelope))).toEqual({ kind: 'envelope', turn: third, envelope, midResponse: false });
  });

  it('takes an envelope during the only response as that response\'s end', () => {
    const router = new ConnectionRouter();
    const turn = router.sent();
    router.route(message(created('resp_1')));
    expect(router.route(message(envelope))).toEqual({ kind: 'envelope', turn, envelope, midResponse: true });
  });

  it('leaves a turn unstarted by a message that is no event, so an envelope after it is still the answer', () => {
    const router = new ConnectionRouter();
    const turn = router.sent();
    expect(router.route(message('[DONE]'))).toEqual({ kind: 'event', turn, ends: false });
    expect(router.route(message(envelope))).toEqual({ kind: 'envelope', turn, envelope, midResponse: false });
  });

  it('keeps a stream error event (with a sequence_number, without status) in the response', () => {
    const router = new ConnectionRouter();
    const turn = router.sent();
    router.route(message(created('resp_1')));
    expect(router.route(message({ type: 'error', sequence_number: 1, error: { message: 'boom' } }))).toEqual({ kind: 'event', turn, ends: false });
  });

  it('fails an event of a second response while the first is in flight', () => {
    const router = new ConnectionRouter();
    const turn = router.sent();
    router.sent();
    router.route(message(created('resp_1')));
    const route = router.route(message(created('resp_2')));
    expect(route).toMatchObject({ kind: 'stray', turn, finding: { checkId: 'websocket/no-interleaving', requirement: 'HTTP-17', verdict: 'fail', actual: 'response.created' } });
    expect(route.kind === 'stray' && route.finding.message).toMatch(/two responses are interleaved/);
  });

  it('fails an event of a response after its terminal event, and any message when no turn waits', () => {
    const router = new ConnectionRouter();
    const first = router.sent();
    router.route(message(created('resp_1')));
    router.route(message(completed('resp_1', 1)));
    const late = router.route(message({ type: 'response.in_progress', sequence_number: 2, response: { id: 'resp_1' } }));
    expect(late).toMatchObject({ kind: 'stray', turn: first, finding: { checkId: 'websocket/no-interleaving', verdict: 'fail' } });
    expect(late.kind === 'stray' && late.finding.message).toMatch(/after that response's terminal event/);
    const idle = router.route(message('[DONE]'));
    expect(idle).toMatchObject({ kind: 'stray', turn: first, finding: { actual: '[DONE]' } });
    expect(new ConnectionRouter().route(message(delta(0)))).toMatchObject({ kind: 'stray', turn: undefined });
  });

  it('gives up on abandoned turns, so later messages answer later turns', () => {
    const router = new ConnectionRouter();
    router.sent();
    router.abandon(0);
    const next = router.sent();
    expect(router.route(message(created('resp_2')))).toEqual({ kind: 'event', turn: next, ends: false });
  });

  it('names an unanswered create under websocket/answer', () => {
    expect(unansweredFinding('the server closed the connection (code 1011)')).toEqual({
      checkId: 'websocket/answer',
      requirement: 'HTTP-22',
      verdict: 'fail',
      message: 'The response.create got no answer: the server closed the connection (code 1011).',
      expected: 'the events of a new response, or an error envelope',
      actual: 'nothing',
    });
  });
});

describe('scenario/outcome on a WebSocket turn', () => {
  const base = { requirement: 'HTTP-18', purpose: 'a continuation' } as const;
  const notFound = { code: 'previous_response_not_found', message: 'Gone.' };

  it('passes the error code a step needs, as an envelope or a failed response, and fails another', () => {
    const check = scenarioOutcome({ ...base, status: 'failed', errorCode: 'previous_response_not_found' });
    // The code is the rule itself, which the spec words as a MUST; other outcomes are the tool's own verdict.
    expect(check.severity).toBe('MUST');
    expect(scenarioOutcome({ ...base, status: 'completed' }).severity).toBe('TOOL');
    expect(check.judgeErrorAnswer!(notFound, ctx)).toEqual([]);
    expect(check.check({ request: undefined, response: { status: 'failed', error: notFound }, source: 'stream' }, ctx)).toEqual([]);
    const [wrong] = check.judgeErrorAnswer!({ code: 'response_not_found', message: 'Gone.' }, ctx);
    expect(wrong).toMatchObject({ checkId: 'scenario/outcome', requirement: 'HTTP-18', verdict: 'fail', expected: 'error.code "previous_response_not_found"' });
    const [answered] = check.check({ request: undefined, response: { status: 'completed', output: [] }, source: 'stream' }, ctx);
    expect(answered).toMatchObject({ verdict: 'fail', actual: 'status "completed"' });
  });

  it('warns on a tolerated error code, allows any refusal where the spec does, and fails an envelope where a response was needed', () => {
    expect(scenarioOutcome({ ...base, status: 'completed', toleratedErrorCode: 'previous_response_not_found' }).judgeErrorAnswer!(notFound, ctx)[0].verdict).toBe('warn');
    expect(scenarioOutcome({ ...base, status: 'completed', errorAllowed: true }).judgeErrorAnswer!(notFound, ctx)).toEqual([]);
    expect(scenarioOutcome({ ...base, status: 'failed' }).judgeErrorAnswer!(undefined, ctx)).toEqual([]);
    const [failed] = scenarioOutcome({ ...base, status: 'completed' }).judgeErrorAnswer!(notFound, ctx);
    expect(failed).toMatchObject({ verdict: 'fail', message: 'The turn was answered with an error envelope, so this scenario could not exercise a continuation.' });
  });
});

describe('sequence numbers across the responses of one connection (Z-47)', () => {
  const judgeFirst = (first: number, continuesFrom?: number) => {
    const http = { request: REQUEST, status: 101, headers: {}, ...(continuesFrom === undefined ? {} : { continuesFrom }) };
    const state = sequenceNumberContiguous.init(http, ctx);
    return sequenceNumberContiguous.onEvent(state, message({ type: 'response.created', sequence_number: first, response: {} }), ctx);
  };

  it('lets a response restart at 0 or 1, or go on from the previous response\'s last number', () => {
    expect(judgeFirst(0, 24)).toEqual([]);
    expect(judgeFirst(1, 24)).toEqual([]);
    expect(judgeFirst(25, 24)).toEqual([]);
  });

  it('warns on any other first number, naming the one it could have gone on at', () => {
    expect(judgeFirst(40, 24)[0]).toMatchObject({ checkId: 'stream/sequence-number-contiguous', verdict: 'warn', expected: '0, 1 or 25', actual: '40' });
    expect(judgeFirst(40, 24)[0].message).toBe('The first event has sequence_number 40; streams are expected to start at 0 or 1 (or, on this connection, go on at 25), so that a client can tell that no event was lost.');
    expect(judgeFirst(25)[0]).toMatchObject({ expected: '0 or 1', actual: '25' });
  });
});

describe('the WebSocket rules, exactly', () => {
  const at = (eventIndex: number, eventType?: string) => ({ eventIndex, byteOffset: 100, ...(eventType ? { eventType } : {}) });

  it('websocket/message-json names what came instead of an event object', () => {
    index = 0;
    expect(websocketMessageJson.init(REQUEST as never, ctx)).toBeNull();
    expect(websocketMessageJson.onEnd(null, { reason: 'eof', frames: 0, unterminatedMessage: false }, ctx)).toEqual([]);
    const judge = (value: unknown) => websocketMessageJson.onEvent(null, message(value), ctx);
    expect(judge('[DONE]')).toEqual([
      {
        checkId: 'websocket/message-json',
        requirement: 'HTTP-15',
        verdict: 'fail',
        message: 'The server sent [DONE] over the WebSocket; a WebSocket response ends with its terminal event, and [DONE] belongs to SSE only.',
        expected: 'a JSON event object',
        actual: '[DONE]',
        location: at(0),
      },
    ]);
    const [framed] = judge('data: {"type":"response.created"}\n\n');
    expect(framed).toMatchObject({ expected: 'a JSON event object', location: at(1) });
    expect(framed.actual).toMatch(/^not JSON \(.+\)$/);
    expect(judge('id: 1')[0].message).toMatch(/framed as SSE/);
    expect(judge('event: x')[0].message).toMatch(/framed as SSE/);
    expect(judge('plain words: data')[0].message).toBe('The WebSocket message is not JSON; each message must be one JSON event object.');
    expect(judge([1])).toEqual([
      {
        checkId: 'websocket/message-json',
        requirement: 'HTTP-15',
        verdict: 'fail',
        message: 'The WebSocket message is JSON but not an object; each message must be one event object.',
        expected: 'a JSON event object',
        actual: 'an array',
        location: at(5),
      },
    ]);
    expect(judge('"text"')[0].actual).toBe('a string');
  });

  it('websocket/error-envelope places each breach in the envelope, with the envelope as the excerpt', () => {
    expect(websocketErrorEnvelope.alsoRequirements).toEqual(['ERR-W-01']);
    const envelope = { type: 'error', error: { code: 'x', message: 'y' } };
    expect(websocketErrorEnvelope.check({ request: REQUEST, envelope, location: { eventIndex: 4, byteOffset: 80 } }, ctx)).toEqual([
      {
        checkId: 'websocket/error-envelope',
        requirement: 'HTTP-16',
        verdict: 'fail',
        message: 'The error envelope does not match WebSocketErrorEvent: /status: expected required property "status", saw missing.',
        expected: 'required property "status"',
        actual: 'missing',
        location: { eventIndex: 4, byteOffset: 80, path: '/status' },
        excerpt: JSON.stringify(envelope),
      },
    ]);
    const long = { type: 'error', status: 400, error: { code: 'x', message: 'y'.repeat(500) }, extra: 1 };
    expect(websocketErrorEnvelope.check({ request: REQUEST, envelope: { ...long, status: 'x' }, location: {} }, ctx)[0].excerpt).toHaveLength(240);
  });

  const stray = (turn: number, message: string, expected: string, actual: string, location: Record<string, unknown>) => ({
    kind: 'stray',
    turn,
    finding: { checkId: 'websocket/no-interleaving', requirement: 'HTTP-17', verdict: 'fail', message, expected, actual, location },
  });

  it('the router words each stray message exactly', () => {
    index = 0;
    const router = new ConnectionRouter();
    router.sent();
    router.route(message({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1' } }));
    router.route(message({ type: 'response.completed', sequence_number: 1, response: { id: 'resp_1' } }));
    expect(router.route(message({ type: 'response.in_progress', sequence_number: 2, response: { id: 'resp_1' } }))).toEqual(stray(0, 'A response.in_progress event of response "resp_1" arrived after that response\'s terminal event.', 'nothing more of a response after its terminal event', 'response.in_progress', { eventIndex: 2, byteOffset: 100, eventType: 'response.in_progress', sequenceNumber: 2 }));
    expect(router.route(message({ sequence_number: 3 }))).toEqual(stray(0, 'A message arrived while no response.create was waiting for an answer (after the last terminal event).', 'no message between a terminal event and the next response.create', 'an untyped message', { eventIndex: 3, byteOffset: 100, sequenceNumber: 3 }));
    expect(router.route(message('oops'))).toMatchObject({ finding: { actual: 'a message that is not JSON' } });
    router.sent();
    router.route(message({ type: 'response.created', sequence_number: 0, response: { id: 'resp_2' } }));
    expect(router.route(message({ type: 'response.created', sequence_number: 0, response: { id: 'resp_3' } }))).toEqual(stray(1, 'An event of response "resp_3" arrived while response "resp_2" was still in flight: two responses are interleaved on one connection.', 'events of response "resp_2" only, until its terminal event', 'response.created', { eventIndex: 6, byteOffset: 100, eventType: 'response.created', sequenceNumber: 0 }));
  });

  it('the router takes an error with a status but also a sequence_number, mid-response, as the response\'s own event', () => {
    const router = new ConnectionRouter();
    router.sent();
    router.route(message({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1' } }));
    expect(router.route(message({ type: 'error', status: 500, sequence_number: 1, error: { code: 'x' } }))).toEqual({ kind: 'event', turn: 0, ends: false });
    // An event without a response id keeps the turn's id unset until one names it.
    const other = new ConnectionRouter();
    other.sent();
    expect(other.route(message({ type: 'response.output_text.delta', sequence_number: 0, item_id: 'm' }))).toEqual({ kind: 'event', turn: 0, ends: false });
    expect(other.route(message({ type: 'response.completed', sequence_number: 1, response: { id: 'resp_9' } }))).toEqual({ kind: 'event', turn: 0, ends: true });
    expect(other.route(message({ type: 'response.in_progress', sequence_number: 2, response: { id: 'resp_9' } }))).toMatchObject({ kind: 'stray', turn: 0 });
  });
});

describe('scenario/outcome on a WebSocket turn, exactly', () => {
  const base = { requirement: 'HTTP-19', purpose: 'a retry from the evicted response' } as const;
  const needsCode = scenarioOutcome({ ...base, status: 'failed', errorCode: 'previous_response_not_found' });

  it('words a response where a failure with the code was needed', () => {
    expect(needsCode.check({ request: undefined, response: { status: 'failed', error: { code: 'server_error' } }, source: 'stream' }, ctx)).toEqual([
      {
        checkId: 'scenario/outcome',
        requirement: 'HTTP-19',
        verdict: 'fail',
        message: 'The turn was answered with a "failed" response, so it did not fail with error code "previous_response_not_found" as a retry from the evicted response requires.',
        expected: 'an error envelope, or a failed response, with error.code "previous_response_not_found"',
        actual: 'status "failed", error.code "server_error"',
        location: { path: '/status' },
      },
    ]);
    expect(needsCode.check({ request: undefined, response: { status: 'completed', error: null }, source: 'stream' }, ctx)[0].actual).toBe('status "completed"');
    expect(needsCode.check({ request: undefined, response: { status: 'completed', error: { code: 'previous_response_not_found' } }, source: 'stream' }, ctx)).toHaveLength(1);
  });

  it('words an envelope with another code, a tolerated one and an unexpected one', () => {
    expect(needsCode.judgeErrorAnswer!({ code: 'gone', message: 'Gone.' }, ctx)).toEqual([
      {
        checkId: 'scenario/outcome',
        requirement: 'HTTP-19',
        verdict: 'fail',
        message: 'The turn failed with error code "gone", not "previous_response_not_found", which a retry from the evicted response requires.',
        expected: 'error.code "previous_response_not_found"',
        actual: 'an error envelope with error.code "gone" ("Gone.")',
        location: { path: '/error/code' },
      },
    ]);
    expect(needsCode.judgeErrorAnswer!({ code: 'gone', message: 7 }, ctx)[0].actual).toBe('an error envelope with error.code "gone"');
    expect(needsCode.judgeErrorAnswer!(undefined, ctx)[0].actual).toBe('an error envelope with error.code nothing');
    const tolerant = scenarioOutcome({ requirement: 'HTTP-18', purpose: 'a same-socket continuation', status: 'completed', toleratedErrorCode: 'previous_response_not_found' });
    expect(tolerant.judgeErrorAnswer!({ code: 'previous_response_not_found', message: 'Gone.' }, ctx)).toEqual([
      {
        checkId: 'scenario/outcome',
        requirement: 'HTTP-18',
        verdict: 'warn',
        message: 'The turn failed with "previous_response_not_found", so a same-socket continuation was not exercised; the server should keep the state this needs.',
        expected: 'a "completed" response',
        actual: 'an error envelope with error.code "previous_response_not_found" ("Gone.")',
        location: { path: '/error' },
      },
    ]);
    expect(tolerant.judgeErrorAnswer!({ code: 'other', message: 'No.' }, ctx)).toEqual([
      {
        checkId: 'scenario/outcome',
        requirement: 'HTTP-18',
        verdict: 'fail',
        message: 'The turn was answered with an error envelope, so this scenario could not exercise a same-socket continuation.',
        expected: 'a "completed" response',
        actual: 'an error envelope with error.code "other" ("No.")',
        location: { path: '/error' },
      },
    ]);
    expect(scenarioOutcome({ requirement: 'HTTP-18', purpose: 'x', status: 'completed' }).judgeErrorAnswer!({ code: 'previous_response_not_found' }, ctx)[0].verdict).toBe('fail');
  });

  it('words a tolerated completion of a turn that should have failed', () => {
    const evicting = scenarioOutcome({ requirement: 'HTTP-19', purpose: 'a failed continuation', status: 'failed', tolerated: 'completed' });
    expect(evicting.check({ request: undefined, response: { status: 'completed', output: [{}] }, source: 'stream' }, ctx)[0]).toMatchObject({
      verdict: 'warn',
      message: 'The response is "completed", not "failed": the server accepted what it may refuse, so a failed continuation was not exercised.',
    });
  });
});
