import { describe, expect, it } from 'vitest';
import { sequenceNumberContiguous } from '../../src/checks/stream/sequence-number-contiguous.js';
import { sseIdField } from '../../src/checks/stream/sse-id-field.js';
import type { SseFrame, StreamEvent } from '../../src/checks/types.js';
import { ctx, httpObservation } from './harness.js';

/** Exact findings of single stream rules, fed event by event (mutation testing showed these untested). */
function jsonEvent(index: number, value: Record<string, unknown>, frame: Partial<SseFrame> = {}): StreamEvent {
  return { frame: { index, data: JSON.stringify(value), byteOffset: 10 * (index + 1), receivedAtMs: 0, ...frame }, kind: 'json', value };
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
