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

describe('SseFramer frames the same whatever the chunks', () => {
  const samples: [string, string][] = [
    ['LF, ASCII', 'event: a\ndata: {"x":1}\n\n: ping\n\nid: 3\ndata: a\ndata: b\n\ndata: [DONE]\n\n'],
    ['LF, non-ASCII', 'data: {"t":"héllo ✓ 🎉"}\n\nevent: b\ndata: ü\n\n'],
    ['a byte order mark first', '\uFEFFdata: 1\n\ndata: \uFEFF2\n\n'],
    ['CRLF', 'event: a\r\ndata: {"x":1}\r\n\r\nid: 9\r\n\r\ndata: ✓\r\n\r\n'],
    ['lone CR', 'data: 1\r\rdata: 2\r\r: c\r\rdata: 3\r\r'],
    ['mixed, unterminated at the end', 'data: 1\r\n\ndata: 2\n\r\ndata: é\r\rdata: 4\n'],
    ['a blank line first, and empty messages', '\n\ndata: 1\n\n\n\ndata: 2\n\n'],
  ];
  const whole = (text: string) => frame([text]);
  const view = (result: ReturnType<typeof frame>) => ({ frames: result.frames, end: result.end, invalid: result.framer.sawInvalidUtf8 });

  it.each(samples)('%s: split at every pair of byte positions', (_name, text) => {
    const bytes = encode(text);
    const expected = view(whole(text));
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += 3) {
        const split = frame([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]);
        // Arrival times differ by chunk; everything else is the same.
        expect({ ...view(split), frames: split.frames.map((f) => ({ ...f, receivedAtMs: 0 })) }).toEqual({ ...expected, frames: expected.frames.map((f) => ({ ...f, receivedAtMs: 0 })) });
      }
    }
  });

  it('gives each frame the byte offset just past its blank line, counting UTF-8 bytes', () => {
    const messages = ['data: {"t":"é"}\n\n', ': ping\n\n', 'event: x\ndata: 🎉🎉\n\n', 'data: plain\n\n'];
    const { frames } = whole(messages.join(''));
    const ends = messages.map((_, i) => Buffer.byteLength(messages.slice(0, i + 1).join('')));
    expect(frames.map((f) => f.byteOffset)).toEqual([ends[0], ends[2], ends[3]]);
  });

  it('drops a byte order mark only at the start of the stream', () => {
    expect(whole('\uFEFFdata: 1\n\ndata: \uFEFF2\n\n').frames.map((f) => f.data)).toEqual(['1', '\uFEFF2']);
  });

  it('notes invalid UTF-8 in a message that spans chunks', () => {
    const { frames, framer } = frame([encode('data: a'), Uint8Array.of(0xc3), Uint8Array.of(0x28), encode('b\n\ndata: ok\n\n')]);
    expect(framer.sawInvalidUtf8).toBe(true);
    expect(frames.map((f) => f.data)).toEqual(['a\uFFFD(b', 'ok']);
  });

  it('cuts off a message whose blank line arrives only past the byte cap', () => {
    const { frames, end } = frame([`data: ${'x'.repeat(100)}\n\n`, `data: ${'y'.repeat(2000)}\n\n`], { maxEventBytes: 1024, maxEvents: 10 });
    expect(frames).toHaveLength(1);
    expect(end.reason).toBe('cap');
  });

  it('stamps every frame of a chunk with the time that chunk arrived', () => {
    const frames: StreamMessage[] = [];
    const framer = new SseFramer((f) => frames.push(f), LIMITS, performance.now() - 1000);
    framer.push(encode('data: 1\n\ndata: 2\n\n'));
    expect(frames[0].receivedAtMs).toBeGreaterThanOrEqual(1000);
    expect(frames[1].receivedAtMs).toBe(frames[0].receivedAtMs);
  });
});
