/**
 * A stream cut by the transport (deadline, reset) ends mid-message more often than not; the
 * half-received message is the cut's doing, not the server's, so it is not checked.
 */
import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../src/checks/types.js';
import { SseFramer } from '../../src/http/sse.js';

const LIMITS = { maxEventBytes: 1024, maxEvents: 100 };
const bytes = (text: string) => new TextEncoder().encode(text);

function framed(text: string, reason: 'eof' | 'timeout' | 'reset') {
  const frames: StreamMessage[] = [];
  const framer = new SseFramer((frame) => frames.push(frame), LIMITS);
  framer.push(bytes(text));
  const end = framer.finish(reason);
  return { frames: frames.map((f) => f.data), end };
}

describe('the last, unterminated SSE message', () => {
  const body = 'data: {"a":1}\n\ndata: {"b":';

  it('is dispatched and flagged when the body ended', () => {
    expect(framed(body, 'eof')).toEqual({ frames: ['{"a":1}', '{"b":'], end: { reason: 'eof', frames: 2, unterminatedMessage: true } });
  });

  for (const reason of ['timeout', 'reset'] as const) {
    it(`is dropped when the stream was cut (${reason})`, () => {
      expect(framed(body, reason)).toEqual({ frames: ['{"a":1}'], end: { reason, frames: 1, unterminatedMessage: false } });
    });
  }
});
