import { describe, expect, it } from 'vitest';
import { bufferedStream } from '../../src/checks/stream/buffered-stream.js';
import { sseStreamEngineChecks, streamEngineChecks } from '../../src/checks/stream/engine.js';
import type { CheckContext, PacingThresholds, StreamEnd, StreamEvent } from '../../src/checks/types.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import { DEFAULTS } from '../../src/core/options.js';
import { mergeFindings, type Outcomes } from '../../src/runner/observe.js';
import { jsonEvent } from './direct.js';
import { ctx, httpObservation } from './harness.js';

const TOO_SHORT = 'not judged: too short to tell a stream from a burst (it takes at least 8 deltas over at least 1000 ms: --buffered-min-deltas, --buffered-min-duration)';
const live: CheckContext = { ...ctx, pacing: { ...DEFAULTS.pacing } };

/**
 * A stream whose events arrive at the given times (ms after the request was sent): created at
 * `createdAt`, one output_text delta at each of `deltas`, completed at `end`.
 */
function timedStream(createdAt: number, deltas: number[], end: number): StreamEvent[] {
  const bodies = [
    { type: 'response.created' },
    ...deltas.map(() => ({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'x' })),
    { type: 'response.completed' },
  ];
  const times = [createdAt, ...deltas, end];
  return bodies.map((body, index) => jsonEvent(index, { sequence_number: index, ...body }, { receivedAtMs: times[index] }));
}

/** Times `from`, `from + step`, … (`count` of them). */
function spaced(count: number, from: number, step: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i * step);
}

interface Judged {
  findings: ReturnType<typeof bufferedStream.onEnd>;
  notJudged: string | undefined;
}

function judge(stream: StreamEvent[], context: CheckContext = live, end: Partial<StreamEnd> = {}): Judged {
  const state = bufferedStream.init(httpObservation(), context);
  for (const event of stream) expect(bufferedStream.onEvent(state, event, context)).toEqual([]);
  const ended: StreamEnd = { reason: 'eof', frames: stream.length, unterminatedMessage: false, ...end };
  return { findings: bufferedStream.onEnd(state, ended, context), notJudged: bufferedStream.notJudged!(state, ended, context) };
}

function withPacing(pacing: Partial<PacingThresholds>): CheckContext {
  return { ...ctx, pacing: { ...DEFAULTS.pacing, ...pacing } };
}

describe('stream/buffered-stream (SSE-Q-01)', () => {
  it('is part of the engine for SSE and WebSocket alike, reading only lifecycle events and deltas', () => {
    expect(streamEngineChecks).toContain(bufferedStream);
    expect(sseStreamEngineChecks).toContain(bufferedStream);
    expect(bufferedStream.reads).toEqual(['lifecycle', 'text-delta', 'arguments-delta']);
  });

  it('passes a stream whose deltas are spread over its time', () => {
    const judged = judge(timedStream(20, spaced(12, 100, 100), 1250));
    expect(judged).toEqual({ findings: [], notJudged: undefined });
  });

  it('passes a late first delta whose deltas are streamed, not burst (a long wait for the first token)', () => {
    const judged = judge(timedStream(20, spaced(12, 1800, 20), 2100));
    expect(judged).toEqual({ findings: [], notJudged: undefined });
  });

  it('passes a burst that is not late (deltas at once, then a long wait for the end)', () => {
    const judged = judge(timedStream(20, spaced(12, 100, 0), 1500));
    expect(judged).toEqual({ findings: [], notJudged: undefined });
  });

  it('warns about a buffered stream with its timings, at the first delta', () => {
    const judged = judge(timedStream(1478, spaced(12, 1480, 0.25).map(Math.floor), 1500));
    expect(judged.notJudged).toBeUndefined();
    expect(judged.findings).toEqual([
      {
        checkId: 'stream/buffered-stream',
        requirement: 'SSE-Q-01',
        verdict: 'warn',
        message: 'The answer was buffered, not streamed: first delta at 1480 ms of 1500 ms; 12 deltas within 2 ms. A user sees nothing until the whole answer is done.',
        expected: 'deltas spread over the response as they are generated (the first before 90 % of the time, or spread over more than 50 ms)',
        actual: 'first delta at 1480 ms of 1500 ms; 12 deltas within 2 ms',
        location: { eventIndex: 1, byteOffset: 20, eventType: 'response.output_text.delta', sequenceNumber: 1 },
      },
    ]);
  });

  it('counts function-call argument deltas as deltas', () => {
    const stream = [
      jsonEvent(0, { type: 'response.created', sequence_number: 0 }, { receivedAtMs: 1400 }),
      ...spaced(8, 1, 1).map((index) => jsonEvent(index, { type: 'response.function_call_arguments.delta', sequence_number: index, item_id: 'fc_1', output_index: 0, delta: '{' }, { receivedAtMs: 1401 })),
      jsonEvent(9, { type: 'response.completed', sequence_number: 9 }, { receivedAtMs: 1402 }),
    ];
    expect(judge(stream).findings).toHaveLength(1);
  });

  it('respects its thresholds', () => {
    const buffered = timedStream(1478, spaced(12, 1480, 0), 1500);
    expect(judge(buffered, withPacing({ lateFraction: 0.99 })).findings).toEqual([]);
    // First delta at 87 % of the time, deltas spread over 110 ms.
    const lateish = timedStream(1300, spaced(12, 1300, 10), 1500);
    expect(judge(lateish, withPacing({ lateFraction: 0.85, burstWindowMs: 200 })).findings).toHaveLength(1);
    expect(judge(lateish, withPacing({ lateFraction: 0.85 })).findings).toEqual([]);
    expect(judge(lateish, withPacing({ burstWindowMs: 200 })).findings).toEqual([]);
    expect(judge(buffered, withPacing({ minDeltas: 12 })).findings).toHaveLength(1);
    expect(judge(buffered, withPacing({ minDeltas: 13 })).notJudged).toMatch(/^not judged: too short to tell a stream from a burst \(it takes at least 13 deltas over at least 1000 ms/);
    expect(judge(buffered, withPacing({ minDurationMs: 1500 })).findings).toHaveLength(1);
    expect(judge(buffered, withPacing({ minDurationMs: 1501 })).notJudged).toMatch(/^not judged: too short to tell a stream from a burst \(it takes at least 8 deltas over at least 1501 ms/);
  });

  it('does not judge a stream with too few deltas, and says why', () => {
    const judged = judge(timedStream(1478, [1480], 1500));
    expect(judged).toEqual({ findings: [], notJudged: TOO_SHORT });
  });

  it('does not judge a stream too short to tell, and says why', () => {
    const judged = judge(timedStream(0, spaced(12, 5, 0), 6));
    expect(judged).toEqual({ findings: [], notJudged: TOO_SHORT });
  });

  it('does not judge a stream cut off before its end', () => {
    const judged = judge(timedStream(1478, spaced(12, 1480, 0), 1500), live, { reason: 'timeout' });
    expect(judged).toEqual({ findings: [], notJudged: 'not judged: the stream was cut off before its end' });
  });

  it('does not judge without measured arrival times (a capture read from a file)', () => {
    const judged = judge(timedStream(1478, spaced(12, 1480, 0), 1500), ctx);
    expect(judged).toEqual({ findings: [], notJudged: 'not judged: arrival times are measured in a live run only' });
  });

  it('reaches the results as skipped with its reason through a session, and as findings when judged', () => {
    const outcomeOf = (stream: StreamEvent[]) => {
      const session = new StreamCheckSession([bufferedStream], httpObservation(), live);
      for (const event of stream) session.pushEvent(event);
      const outcomes: Outcomes = new Map();
      mergeFindings(outcomes, session.end({ reason: 'eof', frames: stream.length, unterminatedMessage: false }));
      return outcomes.get(bufferedStream.id);
    };
    expect(outcomeOf(timedStream(0, [1, 2], 3))).toEqual({ status: 'skipped', message: TOO_SHORT });
    const judged = outcomeOf(timedStream(1478, spaced(12, 1480, 0), 1500));
    expect(judged !== undefined && 'findings' in judged ? judged.findings.items.map((f) => f.verdict) : judged).toEqual(['warn']);
  });
});
