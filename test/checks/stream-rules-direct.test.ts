import { jsonStreamEvent } from '../../src/checks/stream/stream-event.js';
import { describe, expect, it } from 'vitest';
import { doneSentinel } from '../../src/checks/stream/done-sentinel.js';
import { sequenceNumberContiguous } from '../../src/checks/stream/sequence-number-contiguous.js';
import { sseIdField } from '../../src/checks/stream/sse-id-field.js';
import type { StreamMessage, StreamEvent } from '../../src/checks/types.js';
import { ctx, httpObservation } from './harness.js';

/** Exact findings of single stream rules, fed event by event (mutation testing showed these untested). */
function jsonEvent(index: number, value: Record<string, unknown>, frame: Partial<StreamMessage> = {}): StreamEvent {
  return jsonStreamEvent({ index, data: JSON.stringify(value), byteOffset: 10 * (index + 1), receivedAtMs: 0, ...frame }, value);
}

describe('stream/sequence-number-contiguous, exactly', () => {
  function feed(numbers: number[]) {
    const state = sequenceNumberContiguous.init(httpObservation(), ctx);
    return numbers.flatMap((n, i) => sequenceNumberContiguous.onEvent(state, jsonEvent(i, { type: 'response.output_text.delta', sequence_number: n }), ctx));
  }

  it('a first number other than 0 or 1 says what was expected', () => {
    const [f, ...rest] = feed([7, 8]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      checkId: 'stream/sequence-number-contiguous',
      verdict: 'warn',
      message: 'The first event has sequence_number 7; streams are expected to start at 0 or 1, so that a client can tell that no event was lost.',
      expected: '0 or 1',
      actual: '7',
      location: { path: '/sequence_number', eventIndex: 0 },
    });
  });

  it('a gap names the lost count and the number expected', () => {
    const findings = feed([0, 1, 5]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      message: 'The sequence_number jumps from 1 to 5; a client reads the gap as 3 lost event(s).',
      expected: '2',
      actual: '5',
      location: { path: '/sequence_number', eventIndex: 2 },
    });
  });

  it('starts at 0 or 1 without a finding, and repeats or decreases are left to another check', () => {
    expect(feed([0, 1, 2])).toEqual([]);
    expect(feed([1, 2, 3])).toEqual([]);
    expect(feed([0, 1, 1, 0])).toEqual([]);
  });
});

describe('stream/sse-id-field, exactly', () => {
  const end = { reason: 'eof' as const, frames: 2, unterminatedMessage: false };

  it('two id: lines give one finding, with what was expected and seen', () => {
    const state = sseIdField.init(httpObservation(), ctx);
    const findings = [
      ...sseIdField.onEvent(state, jsonEvent(0, { type: 'response.created' }, { id: '41' }), ctx),
      ...sseIdField.onEvent(state, jsonEvent(1, { type: 'response.completed' }, { id: '42' }), ctx),
      ...sseIdField.onEnd(state, { ...end, idWithoutData: { byteOffset: 99 } }, ctx),
    ];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      checkId: 'stream/sse-id-field',
      verdict: 'warn',
      message: 'An SSE message carries an id: line; servers should not use SSE ids (reported once per stream).',
      expected: 'no id: line',
      actual: 'id: 41',
    });
  });

  it('an id: only on a message without data is reported at the end, once', () => {
    const state = sseIdField.init(httpObservation(), ctx);
    expect(sseIdField.onEvent(state, jsonEvent(0, { type: 'response.created' }), ctx)).toEqual([]);
    const findings = sseIdField.onEnd(state, { ...end, idWithoutData: { byteOffset: 99 } }, ctx);
    expect(findings).toEqual([
      expect.objectContaining({
        message: 'An SSE message without data carries an id: line; servers should not use SSE ids (reported once per stream).',
        expected: 'no id: line',
        actual: 'an id: line on a message without data',
        location: { byteOffset: 99 },
      }),
    ]);
    expect(sseIdField.onEnd(state, { ...end, idWithoutData: { byteOffset: 99 } }, ctx)).toEqual([]);
  });
});

describe('stream/done-sentinel, exactly', () => {
  const done = (index: number): StreamEvent => ({ frame: { index, data: '[DONE]', byteOffset: 10 * (index + 1), receivedAtMs: 0 }, kind: 'done' });
  const completed = (index: number) => jsonEvent(index, { type: 'response.completed', sequence_number: index });
  function feed(events: StreamEvent[], end: { reason: 'eof' | 'timeout' | 'reset' | 'cap'; frames?: number } = { reason: 'eof' }) {
    const state = doneSentinel.init(httpObservation(), ctx);
    const during = events.flatMap((event) => doneSentinel.onEvent(state, event, ctx));
    const atEnd = doneSentinel.onEnd(state, { reason: end.reason, frames: end.frames ?? events.length, unterminatedMessage: false }, ctx);
    return { during, atEnd };
  }

  it('passes a stream that ends with [DONE]', () => {
    expect(feed([completed(0), done(1)])).toEqual({ during: [], atEnd: [] });
  });

  it('reports the first message after [DONE] once, saying what it was and where', () => {
    const { during, atEnd } = feed([completed(0), done(1), completed(2), done(3)]);
    expect(atEnd).toEqual([]);
    expect(during).toEqual([
      {
        checkId: 'stream/done-sentinel',
        requirement: 'SSE-O-14',
        verdict: 'fail',
        message: 'An SSE message follows data: [DONE]; [DONE] must be the last message of the stream.',
        expected: 'the end of the stream after [DONE]',
        actual: 'another message',
        location: { eventIndex: 2, byteOffset: 30, eventType: 'response.completed', sequenceNumber: 2 },
      },
    ]);
    expect(feed([done(0), done(1)]).during).toMatchObject([{ actual: 'a second [DONE]', location: { eventIndex: 1, byteOffset: 20 } }]);
  });

  it('fails a stream the server closed without [DONE], pointing at its last message', () => {
    const { atEnd } = feed([completed(0), completed(1)]);
    expect(atEnd).toEqual([
      {
        checkId: 'stream/done-sentinel',
        requirement: 'SSE-F-05',
        verdict: 'fail',
        message: 'The stream ended without the final data: [DONE] message.',
        expected: 'data: [DONE] as the last message',
        actual: 'the stream closed after the last event',
        location: { eventIndex: 1, byteOffset: 20, eventType: 'response.completed', sequenceNumber: 1 },
      },
    ]);
    expect(feed([], { reason: 'eof', frames: 0 }).atEnd).toEqual([
      expect.not.objectContaining({ location: expect.anything() }),
    ]);
    expect(feed([], { reason: 'eof', frames: 0 }).atEnd[0].actual).toBe('no SSE messages at all');
  });

  it('leaves a stream the tool or the network cut to the transport findings', () => {
    for (const reason of ['timeout', 'reset', 'cap'] as const) expect(feed([completed(0)], { reason }).atEnd, reason).toEqual([]);
  });
});
