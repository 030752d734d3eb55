import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../src/checks/types.js';
import { SseFramer } from '../../src/http/sse.js';

const LIMITS = { maxEventBytes: 1024, maxEvents: 100 };
const encode = (text: string) => new TextEncoder().encode(text);

function frame(chunks: (string | Uint8Array)[], limits = LIMITS) {
  const frames: StreamMessage[] = [];
  const framer = new SseFramer((f) => frames.push(f), limits);
  for (const chunk of chunks) if (!framer.push(typeof chunk === 'string' ? encode(chunk) : chunk)) break;
  const end = framer.finish('eof');
  return { frames, end, framer };
}

describe('SseFramer', () => {
  it('frames events with event, id, data, and the byte offset where each ended', () => {
    const text = 'event: a\ndata: {"x":1}\n\nid: 7\ndata: [DONE]\n\n';
    const { frames, end } = frame([text]);
    expect(frames.map((f) => [f.index, f.event, f.id, f.data])).toEqual([
      [0, 'a', undefined, '{"x":1}'],
      [1, undefined, '7', '[DONE]'],
    ]);
    expect(frames[0].byteOffset).toBe('event: a\ndata: {"x":1}\n\n'.length);
    expect(frames[1].byteOffset).toBe(text.length);
    expect(end).toEqual({ reason: 'eof', frames: 2, unterminatedMessage: false });
  });

  it('gives the same frames however the bytes are split, including inside a UTF-8 character', () => {
    const text = 'data: {"t":"héllo ✓ 🎉"}\r\n\r\n: keepalive\n\ndata: line1\ndata: line2\n\n';
    const whole = frame([text]).frames.map((f) => f.data);
    const bytes = encode(text);
    const oneByOne = frame([...bytes].map((b) => Uint8Array.of(b))).frames.map((f) => f.data);
    expect(whole).toEqual(['{"t":"héllo ✓ 🎉"}', 'line1\nline2']);
    expect(oneByOne).toEqual(whole);
  });

  it('dispatches a last message without its closing blank line and flags it', () => {
    const { frames, end } = frame(['data: {"a":1}\n\ndata: [DONE]']);
    expect(frames.map((f) => f.data)).toEqual(['{"a":1}', '[DONE]']);
    expect(end.unterminatedMessage).toBe(true);
  });

  it('notes bytes that are not UTF-8 and goes on reading', () => {
    const { frames, framer } = frame([Uint8Array.of(...encode('data: a'), 0xff, 0xfe, ...encode('b\n\n'))]);
    expect(framer.sawInvalidUtf8).toBe(true);
    expect(frames).toHaveLength(1);
  });

  it('cuts off a message that grows past the byte cap without buffering the rest', () => {
    const { end, framer } = frame(['data: ', 'x'.repeat(2000), '\n\n'], { maxEventBytes: 1024, maxEvents: 10 });
    expect(end.reason).toBe('cap');
    expect(framer.cutoff).toMatchObject({ reason: 'event-too-large' });
  });

  it('does not count keepalive comments towards the message cap', () => {
    const pings = Array.from({ length: 200 }, () => ': ping\n\n');
    const { end } = frame([...pings, 'data: {}\n\n'], { maxEventBytes: 64, maxEvents: 10 });
    expect(end).toMatchObject({ reason: 'eof', frames: 1 });
  });

  it('stops at the event cap', () => {
    const { end, framer } = frame([Array.from({ length: 50 }, () => 'data: {}\n\n').join('')], { maxEventBytes: 1024, maxEvents: 5 });
    expect(end).toMatchObject({ reason: 'cap', frames: 5 });
    expect(framer.cutoff).toEqual({ reason: 'too-many-events', events: 5 });
  });
});

describe('SseFramer line endings and data-less ids', () => {
  const text = 'event: a\ndata: {"x":1}\n\ndata: [DONE]\n\n';

  it.each([
    ['LF', text],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['a lone CR', text.replace(/\n/g, '\r')],
    ['mixed CR, LF and CRLF', 'event: a\rdata: {"x":1}\r\n\ndata: [DONE]\n\r'],
  ])('%s ends lines, and a closed last message is not flagged unterminated', (_name, body) => {
    for (const chunks of [[body], [...encode(body)].map((b) => Uint8Array.of(b))]) {
      const { frames, end } = frame(chunks);
      expect(frames.map((f) => [f.event, f.data])).toEqual([
        ['a', '{"x":1}'],
        [undefined, '[DONE]'],
      ]);
      expect(end).toEqual({ reason: 'eof', frames: 2, unterminatedMessage: false });
    }
  });

  it('flags a CR-ended stream whose last message lacks its blank line', () => {
    const { frames, end } = frame(['data: {"a":1}\r\rdata: [DONE]\r']);
    expect(frames.map((f) => f.data)).toEqual(['{"a":1}', '[DONE]']);
    expect(end.unterminatedMessage).toBe(true);
  });

  it('ends a CR-ended message when its blank line arrives, not at the next byte', () => {
    const frames: StreamMessage[] = [];
    const framer = new SseFramer((f) => frames.push(f), LIMITS);
    framer.push(encode('data: {"a":1}\r\r'));
    expect(frames.map((f) => f.byteOffset)).toEqual(['data: {"a":1}\r\r'.length]);
  });

  it('notes an id: line on a message without data, which dispatches nothing', () => {
    const { frames, end } = frame(['id: 7\n\ndata: {}\n\n']);
    expect(frames.map((f) => f.id)).toEqual([undefined]);
    expect(end.idWithoutData).toEqual({ byteOffset: 'id: 7\n\n'.length });
  });

  it.each([
    ['no id at all', 'data: {}\n\n: comment\n\n'],
    ['an id on a message with data', 'id: 1\ndata: {}\n\n'],
    ['a field that merely starts with id', 'identity: x\n\ndata: {}\n\n'],
  ])('notes no data-less id for %s', (_name, body) => {
    expect(frame([body]).end.idWithoutData).toBeUndefined();
  });
});
