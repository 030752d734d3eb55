import { describe, expect, it } from 'vitest';
import { allChecks, checkSetForStep, checksForStep, type StepShape } from '../../src/checks/registry.js';
import { responseRuleChecks } from '../../src/checks/response/rules.js';
import { sseStreamEngineChecks } from '../../src/checks/stream/engine.js';
import { transportChecks } from '../../src/checks/transport/problems.js';

/** Which checks each kind of step runs, exactly: mutation testing showed the registry's branches untested. */
const ids = (checks: readonly { id: string }[]) => checks.map((check) => check.id);
const STREAM = ['stream/event-schema', 'stream/final-response', ...ids(sseStreamEngineChecks)];
const RESPONSE = ids(responseRuleChecks);
const ERROR_BODY = ['error/error-object', 'error/status-matches-type'];
const outcome = { requirement: 'REQ-TC-02', purpose: 'a required tool call', status: 'completed' } as const;
const rejection = { requirement: 'REQ-V-04', what: 'max_output_tokens 1' };

function groups(step: StepShape) {
  const set = checkSetForStep(step);
  return { http: ids(set.http), body: ids(set.body), stream: ids(set.stream), response: ids(set.response) };
}

describe('checkSetForStep', () => {
  it('a JSON request: status, JSON media type, body schema and error rules, response rules', () => {
    expect(groups({ stream: false })).toEqual({
      http: ['http/status-ok', 'http/json-content-type'],
      body: ['transport/body-not-json', 'response/schema', ...ERROR_BODY],
      stream: [],
      response: RESPONSE,
    });
  });

  it('a stream request: the event-stream media type, the stream rules, and a body only as an error', () => {
    expect(groups({ stream: true })).toEqual({
      http: ['http/status-ok', 'stream/event-stream-content-type'],
      body: ['transport/body-not-json', ...ERROR_BODY],
      stream: STREAM,
      response: RESPONSE,
    });
  });

  it('an expected outcome adds the outcome check before the response rules', () => {
    const set = checkSetForStep({ stream: true, outcome });
    expect(ids(set.response)).toEqual(['scenario/outcome', ...RESPONSE]);
    expect(set.response[0].requirement).toBe('REQ-TC-02');
  });

  it('a negative test is judged by how it is refused, whether it streams or not', () => {
    for (const stream of [false, true]) {
      const set = checkSetForStep({ stream, rejection });
      expect(groups({ stream, rejection })).toEqual({ http: ['http/json-content-type', 'error/request-rejected'], body: ['transport/body-not-json', ...ERROR_BODY], stream: [], response: [] });
      expect(set.http[1].requirement).toBe('REQ-V-04');
      expect(set.http[1].title).toBe('A request with max_output_tokens 1 is rejected with a 4xx');
      expect(groups({ stream, withoutCredentials: true, outcome })).toEqual({ http: ['http/json-content-type'], body: ['transport/body-not-json', ...ERROR_BODY], stream: [], response: [] });
    }
  });
});

describe('checksForStep', () => {
  it('lists the JSON body checks of a stream request only when it is a negative test', () => {
    expect(ids(checksForStep({ stream: true }))).toEqual(['http/status-ok', 'stream/event-stream-content-type', ...STREAM, ...RESPONSE]);
    expect(ids(checksForStep({ stream: false }))).toEqual(['http/status-ok', 'http/json-content-type', 'transport/body-not-json', 'response/schema', ...ERROR_BODY, ...RESPONSE]);
    expect(ids(checksForStep({ stream: true, rejection }))).toEqual(['http/json-content-type', 'error/request-rejected', 'transport/body-not-json', ...ERROR_BODY]);
    expect(ids(checksForStep({ stream: true, withoutCredentials: true }))).toEqual(['http/json-content-type', 'transport/body-not-json', ...ERROR_BODY]);
  });

  it('lists for a WebSocket turn the connection rules and the checks of the answer it expects: a response\'s events, or an error envelope', () => {
    const engine = STREAM.filter((id) => !['stream/event-schema', 'stream/final-response', 'stream/sse-data-json', 'stream/sse-event-field', 'stream/sse-id-field', 'stream/done-sentinel', 'stream/sse-message-terminated'].includes(id));
    expect(ids(checksForStep({ stream: false, transport: 'websocket' }))).toEqual([
      'websocket/answer',
      'websocket/no-interleaving',
      'websocket/message-json',
      'stream/event-schema',
      'stream/final-response',
      ...engine,
      ...RESPONSE,
    ]);
    const failed = { requirement: 'HTTP-18', purpose: 'a missing response', status: 'failed', errorCode: 'previous_response_not_found' } as const;
    expect(ids(checksForStep({ stream: false, transport: 'websocket', outcome: failed }))).toEqual(['websocket/answer', 'websocket/no-interleaving', 'websocket/error-envelope', 'scenario/outcome']);
    expect(ids(checksForStep({ stream: false, transport: 'websocket', probe: true }))).toEqual(['websocket/answer', 'websocket/no-interleaving', 'websocket/error-envelope']);
  });
});

describe('allChecks', () => {
  it('lists every check once, in its groups', () => {
    expect(ids(allChecks())).toEqual([
      'http/status-ok',
      'http/json-content-type',
      'stream/event-stream-content-type',
      'transport/body-not-json',
      'response/schema',
      'compact/schema',
      ...ERROR_BODY,
      ...STREAM,
      ...RESPONSE,
      ...ids(transportChecks),
      'websocket/message-json',
      'websocket/error-envelope',
      'websocket/answer',
      'websocket/no-interleaving',
    ]);
  });

  it('declares the transport problems the runner reports', () => {
    expect(transportChecks.map((check) => [check.id, check.requirement, check.severity, check.section])).toEqual([
      ['transport/timeout', 'HTTP-01', 'TOOL', 'HTTP Requests'],
      ['transport/connection-error', 'HTTP-01', 'TOOL', 'HTTP Requests'],
      ['transport/body-too-large', 'HTTP-01', 'TOOL', 'HTTP Responses'],
      ['transport/too-many-events', 'HTTP-01', 'TOOL', 'Streaming'],
      ['transport/invalid-utf8', 'HTTP-07', 'TOOL', 'HTTP Responses'],
      ['transport/content-encoding', 'HTTP-01', 'TOOL', 'HTTP Responses'],
    ]);
  });
});
