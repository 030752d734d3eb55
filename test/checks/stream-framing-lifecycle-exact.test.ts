import { describe, expect, it } from 'vitest';
import { errorThenFailed } from '../../src/checks/stream/error-then-failed.js';
import { responseLifecycle } from '../../src/checks/stream/response-lifecycle.js';
import { sequenceNumberIncreasing } from '../../src/checks/stream/sequence-number-increasing.js';
import { singleTerminalEvent } from '../../src/checks/stream/single-terminal-event.js';
import { sseDataJson } from '../../src/checks/stream/sse-data-json.js';
import { sseEventField } from '../../src/checks/stream/sse-event-field.js';
import { sseMessageTerminated } from '../../src/checks/stream/sse-message-terminated.js';
import type { StreamEvent } from '../../src/checks/types.js';
import { at, doneEvent, events, feed, jsonEvent } from './direct.js';

/** Exact findings of the framing, sequence and lifecycle rules, edge by edge (mutation testing showed these untested). */
const invalid = (index: number, data: string): StreamEvent => ({ frame: { index, data, byteOffset: 10 * (index + 1), receivedAtMs: 0 }, kind: 'invalid', error: 'bad' });
const snapshot = (status: string) => ({ response: { id: 'resp_1', status } });

describe('stream/sse-data-json', () => {
  it('names the kind of JSON that is not an object', () => {
    const values: [unknown, string][] = [[null, 'null'], [[1], 'an array'], [3, 'a number'], ['x', 'a string'], [true, 'a boolean']];
    for (const [value, kind] of values) {
      expect(feed(sseDataJson, [jsonEvent(0, value)])).toEqual([
        {
          checkId: 'stream/sse-data-json',
          requirement: 'SSE-F-02',
          verdict: 'fail',
          message: 'The data of this SSE message is JSON but not an object; every message must carry one event object.',
          expected: 'a JSON object',
          actual: kind,
          location: { eventIndex: 0, byteOffset: 10 },
        },
      ]);
    }
  });

  it('tells [DONE] with whitespace on either side from other bad data, and passes objects and [DONE]', () => {
    expect(feed(sseDataJson, [invalid(0, '\t[DONE]'), invalid(1, '[DONE ]')]).map((f) => [f.message.includes('extra whitespace'), f.actual])).toEqual([
      [true, 'not JSON (bad)'],
      [false, 'not JSON (bad)'],
    ]);
    expect(feed(sseDataJson, [jsonEvent(0, {}), doneEvent(1)])).toEqual([]);
  });
});

describe('stream/sse-event-field', () => {
  it('treats an empty event: line as missing, and reports a missing line once', () => {
    const stream = [jsonEvent(0, { type: 'response.created' }, { event: '' }), jsonEvent(1, { type: 'response.in_progress' })];
    expect(feed(sseEventField, stream)).toEqual([expect.objectContaining({ verdict: 'warn', expected: 'event: response.created', location: { eventIndex: 0, byteOffset: 10, eventType: 'response.created' } })]);
  });

  it('shows long names cut, and leaves untyped data alone', () => {
    const long = `acme:${'x'.repeat(100)}`;
    const [mismatch] = feed(sseEventField, [jsonEvent(0, { type: long }, { event: `${long}y` })]);
    expect([mismatch.expected, mismatch.actual]).toEqual([`event: ${long.slice(0, 79)}…`, `event: ${long.slice(0, 79)}…`]);
    const [missing] = feed(sseEventField, [jsonEvent(0, { type: long })]);
    expect(missing.message).toBe(`The SSE message carrying ${long.slice(0, 79)}… has no event: line; the spec's messages name their type in event: as well (reported once per stream).`);
    expect(feed(sseEventField, [jsonEvent(0, { type: 5 }, { event: 'x' }), jsonEvent(1, [1])])).toEqual([]);
  });

  it('a mismatch after a missing line is still reported', () => {
    const stream = [jsonEvent(0, { type: 'a:b' }), jsonEvent(1, { type: 'a:b' }, { event: 'a:c' }), jsonEvent(2, { type: 'a:b' })];
    expect(feed(sseEventField, stream).map((f) => f.verdict)).toEqual(['warn', 'fail']);
  });
});

describe('stream/sse-message-terminated', () => {
  it('points at the last message and shows its data cut short', () => {
    const last = jsonEvent(1, { type: 'x', pad: 'p'.repeat(300) });
    expect(feed(sseMessageTerminated, [jsonEvent(0, {}), last], { unterminatedMessage: true })).toEqual([
      expect.objectContaining({ location: { eventIndex: 1, byteOffset: 20, eventType: 'x' }, excerpt: `${last.frame.data.slice(0, 239)}…` }),
    ]);
  });

  it('without any message it has no location, and a closed stream passes', () => {
    expect(feed(sseMessageTerminated, [], { unterminatedMessage: true })).toEqual([
      {
        checkId: 'stream/sse-message-terminated',
        requirement: 'SSE-F-05',
        verdict: 'warn',
        message: 'The stream ended in the middle of its last SSE message (no closing blank line); standard SSE clients discard such a message.',
        expected: 'a blank line after the last message',
        actual: 'end of the body',
      },
    ]);
    expect(feed(sseMessageTerminated, [jsonEvent(0, {})])).toEqual([]);
  });
});

describe('stream/sequence-number-increasing', () => {
  const numbered = (...numbers: (number | undefined)[]) =>
    numbers.map((n, i) => jsonEvent(i, { type: i === 1 ? 'acme:x' : 'response.output_text.delta', ...(n === undefined ? {} : { sequence_number: n }) }));

  it('an extension event that repeats a number warns under SSE-SEQ-04', () => {
    expect(feed(sequenceNumberIncreasing, numbered(3, 3))).toEqual([
      {
        checkId: 'stream/sequence-number-increasing',
        requirement: 'SSE-SEQ-04',
        verdict: 'warn',
        message: "The sequence_number 3 repeats the previous event's number; each event should get a higher number than the one before.",
        expected: 'more than 3',
        actual: '3',
        location: { eventIndex: 1, byteOffset: 20, eventType: 'acme:x', sequenceNumber: 3, path: '/sequence_number' },
      },
    ]);
  });

  it('skips events without an integer number, comparing with the last numbered one', () => {
    expect(feed(sequenceNumberIncreasing, numbered(5, undefined, 4))).toMatchObject([{ requirement: 'SSE-SEQ-02', verdict: 'fail', expected: 'more than 5', actual: '4' }]);
    expect(feed(sequenceNumberIncreasing, [...numbered(5, 5.5, 6), doneEvent(3), jsonEvent(4, { sequence_number: 1 })])).toEqual([]);
  });
});

describe('stream/response-lifecycle', () => {
  const findings = (...bodies: Record<string, unknown>[]) => feed(responseLifecycle, events(...bodies));
  const lifecycle = (verdict: 'fail' | 'warn', requirement: string, message: string, expected: string, actual: string, location: Record<string, unknown>) => ({
    checkId: 'stream/response-lifecycle',
    requirement,
    verdict,
    message,
    expected,
    actual,
    location,
  });

  it('passes the queued and the direct lifecycle, and a failure at any point', () => {
    expect(findings({ type: 'response.created', ...snapshot('queued') }, { type: 'response.queued' }, { type: 'response.in_progress' }, { type: 'response.completed' })).toEqual([]);
    expect(findings({ type: 'response.created', ...snapshot('in_progress') }, { type: 'response.in_progress' }, { type: 'response.incomplete' })).toEqual([]);
    expect(findings({ type: 'response.failed' })).toEqual([]);
    expect(findings({ type: 'error' }, { type: 'response.failed' })).toEqual([]);
    expect(findings({ type: 'response.created', ...snapshot('queued') }, { type: 'error' }, { type: 'acme:x' }, { type: 'response.failed' })).toEqual([]);
  });

  it('a response.created after an allowed first event, or a second one, warns once', () => {
    const later = lifecycle('warn', 'SSE-O-01', 'response.created arrives after other events; by convention it is the first event of the stream.', 'response.created first', 'response.created later in the stream', at(1, 'response.created', '/type'));
    expect(findings({ type: 'error' }, { type: 'response.created', ...snapshot('in_progress') }, { type: 'response.in_progress' }, { type: 'response.failed' })).toEqual([later]);
    expect(findings({ type: 'response.created' }, { type: 'response.created' }, { type: 'response.created' }, { type: 'response.in_progress' })).toEqual([later]);
  });

  it('a later response.created does not move the response back to queued', () => {
    const result = findings({ type: 'response.created', ...snapshot('in_progress') }, { type: 'response.created', ...snapshot('queued') }, { type: 'response.output_item.added' }, { type: 'response.in_progress' });
    expect(result.map((f) => f.requirement)).toEqual(['SSE-O-01']);
  });

  it('a queued response that ends without response.in_progress fails, once', () => {
    expect(findings({ type: 'response.created', ...snapshot('queued') }, { type: 'response.incomplete' })).toEqual([
      lifecycle(
        'fail',
        'SSE-O-02',
        'response.incomplete arrives while the response is still queued; a queued response must move to in_progress with a response.in_progress event first.',
        'response.in_progress after response.queued',
        'response.incomplete',
        at(1, 'response.incomplete', '/type'),
      ),
    ]);
    const output = { type: 'response.output_item.added', item: { id: 'a' } };
    expect(findings({ type: 'response.queued' }, output, output, { type: 'response.completed' }).map((f) => `${f.requirement} ${f.actual}`)).toEqual([
      'SSE-O-01 response.queued',
      'SSE-O-02 response.output_item.added',
    ]);
  });

  it('response.queued first is a queued response, reported as the opening once; a snapshot without status is in progress', () => {
    expect(findings({ type: 'response.queued' }, { type: 'response.created' }, { type: 'response.in_progress' }, { type: 'response.completed' }).map((f) => f.requirement)).toEqual(['SSE-O-01']);
    expect(findings({ type: 'response.created', response: { status: 5 } }, { type: 'response.output_item.added' }, { type: 'response.in_progress' }, { type: 'response.completed' })).toEqual([]);
    expect(findings({ type: 'response.created', response: 'queued' }, { type: 'response.queued' }).map((f) => f.requirement)).toEqual(['SSE-O-04']);
  });

  it('the warning for a missing response.in_progress names the terminal event', () => {
    expect(findings({ type: 'response.created', ...snapshot('in_progress') }, { type: 'response.incomplete' })).toEqual([
      lifecycle(
        'warn',
        'SSE-O-04',
        "response.incomplete arrives without a response.in_progress event before it; clients (and the spec's own validator) expect the response to announce in_progress first.",
        'response.in_progress before the terminal event',
        'no response.in_progress',
        at(1, 'response.incomplete', '/type'),
      ),
    ]);
  });

  it('judges nothing after the response ended', () => {
    expect(findings({ type: 'response.created' }, { type: 'response.in_progress' }, { type: 'response.completed' }, { type: 'response.queued' }, { type: 'response.created' }, { type: 'response.completed' })).toEqual([]);
    expect(findings({ type: 'response.failed' }, { type: 'response.queued' }, { type: 'response.output_item.added' })).toEqual([]);
  });

  it('ignores extension events and data without a type, even as the first event', () => {
    expect(feed(responseLifecycle, [jsonEvent(0, { type: 'acme:hello' }), jsonEvent(1, [1]), doneEvent(2), ...events({ type: 'response.created' }, { type: 'response.in_progress' })])).toEqual([]);
  });
});

describe('stream/single-terminal-event', () => {
  const findings = (...bodies: Record<string, unknown>[]) => feed(singleTerminalEvent, events(...bodies));

  it('reports the first core event after the terminal one once, and a second terminal event as such', () => {
    expect(findings({ type: 'response.incomplete' }, { type: 'response.output_item.added' }, { type: 'response.failed' })).toEqual([
      {
        checkId: 'stream/single-terminal-event',
        requirement: 'SSE-O-14',
        verdict: 'fail',
        message: 'response.output_item.added follows the terminal event response.incomplete; no event of the response may follow it, only data: [DONE].',
        expected: 'data: [DONE]',
        actual: 'response.output_item.added',
        location: at(1, 'response.output_item.added', '/type'),
      },
    ]);
    expect(findings({ type: 'response.failed' }, { type: 'response.incomplete' })[0].message).toBe('A second terminal event (response.incomplete) follows response.failed; a stream ends its response exactly once.');
    expect(findings({ type: 'response.completed' }, { type: 'error' })[0].message).toBe('error follows the terminal event response.completed; no event of the response may follow it, only data: [DONE].');
  });

  it('reports extension events after it once, as a warning beside the core one', () => {
    const long = `acme:${'y'.repeat(90)}`;
    const result = findings({ type: 'response.completed' }, { type: long }, { type: 'acme:again' }, { type: 'response.created' });
    expect(result.map((f) => [f.verdict, f.actual])).toEqual([
      ['warn', `${long.slice(0, 79)}…`],
      ['fail', 'response.created'],
    ]);
    expect(result[0].message).toBe(`The extension event ${long.slice(0, 79)}… follows the terminal event response.completed; after the terminal event only data: [DONE] is expected.`);
  });

  it('ignores unknown types, untyped data and events before the terminal one', () => {
    expect(findings({ type: 'response.created' }, { type: 'acme:x' }, { type: 'response.in_progress' }, { type: 'response.completed' }, { type: 'response.done' })).toEqual([]);
    expect(feed(singleTerminalEvent, [...events({ type: 'response.completed' }), jsonEvent(1, [1]), doneEvent(2)])).toEqual([]);
  });
});

describe('stream/error-then-failed', () => {
  const findings = (...bodies: Record<string, unknown>[]) => feed(errorThenFailed, events(...bodies));

  it('names the terminal event that follows an error', () => {
    expect(findings({ type: 'response.created' }, { type: 'error' }, { type: 'acme:x' }, { type: 'response.incomplete' })).toEqual([
      {
        checkId: 'stream/error-then-failed',
        requirement: 'SSE-O-16',
        verdict: 'fail',
        message: 'An error event earlier in the stream is followed by response.incomplete; after an error the response must end with response.failed.',
        expected: 'response.failed',
        actual: 'response.incomplete',
        location: at(3, 'response.incomplete', '/type'),
      },
    ]);
  });

  it('passes failed after an error, a success without one, and an error after the end', () => {
    expect(findings({ type: 'error' }, { type: 'response.in_progress' }, { type: 'response.failed' })).toEqual([]);
    expect(findings({ type: 'response.in_progress' }, { type: 'response.completed' })).toEqual([]);
    expect(findings({ type: 'response.completed' }, { type: 'error' }, { type: 'response.completed' })).toEqual([]);
  });
});
