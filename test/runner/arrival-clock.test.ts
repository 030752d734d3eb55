/**
 * The tool's own pauses must not make a streamed answer look buffered. A server in a child process
 * streams its events 10 ms apart while the tool is blocked for over a second on the first one (as
 * when a validator compiles): the events wait in the kernel and are handed over at once. Stamped
 * when handed over, the stream would look buffered; the ArrivalClock stamps them at the last
 * moment the event loop was free, the earliest they can have come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferedStream } from '../../src/checks/stream/buffered-stream.js';
import { readEvent } from '../../src/checks/stream/stream-event.js';
import type { CheckContext, HttpObservation, StreamCheck } from '../../src/checks/types.js';
import { DEFAULTS } from '../../src/core/options.js';
import { ArrivalClock } from '../../src/http/arrival-clock.js';
import { createDispatcher, isTransportFailure, openRequest } from '../../src/http/client.js';
import { SseFramer } from '../../src/http/sse.js';
import type { StreamMessage } from '../../src/checks/types.js';
import { runExchange } from '../../src/runner/exchange.js';
import { observeStream, type Outcomes } from '../../src/runner/observe.js';
import { ctx } from '../checks/harness.js';

const STALL_MS = 1_200;
const live: CheckContext = { ...ctx, pacing: { ...DEFAULTS.pacing } };

/** A stream of created, 12 deltas and completed, one event every 10 ms, from its own process. */
const SERVER = `
const http = require('node:http');
const events = [{ type: 'response.created' }, ...Array.from({ length: 12 }, () => ({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'x' })), { type: 'response.completed' }];
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
  let next = 0;
  const timer = setInterval(() => {
    const event = events[next];
    res.write('event: ' + event.type + '\\ndata: ' + JSON.stringify({ ...event, sequence_number: next }) + '\\n\\n');
    if (++next === events.length) { clearInterval(timer); res.end('data: [DONE]\\n\\n'); }
  }, 10);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Blocks the event loop when the stream's response.created arrives. */
const stallOnCreated: StreamCheck<null> = {
  kind: 'stream',
  id: 'test/stall-on-created',
  requirement: 'SSE-Q-01',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'Blocks the event loop',
  reads: ['lifecycle'],
  init: () => null,
  onEvent(_state, event) {
    if (readEvent(event)?.type === 'response.created') busyWait(STALL_MS);
    return [];
  },
  onEnd: () => [],
};

const checks = { http: [], body: [], stream: [stallOnCreated, bufferedStream], response: [] };
const request = { method: 'POST', path: '/responses', body: { model: 'm', input: 'hi', stream: true }, stream: true };

let child: ChildProcess;
let baseUrl: string;
const dispatcher = createDispatcher();

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  baseUrl = `http://127.0.0.1:${line.toString('utf8').trim()}/v1`;
});

afterAll(async () => {
  child.kill();
  await dispatcher.close();
});

function bufferedFindings(outcomes: Outcomes): string[] | string {
  const outcome = outcomes.get(bufferedStream.id);
  if (outcome === undefined) return 'no outcome';
  return 'findings' in outcome ? outcome.findings.items.map((f) => f.message) : outcome.message;
}

describe('arrival times under a blocked event loop', () => {
  it('without the clock, a stall of the tool makes a streamed answer look buffered (the problem the clock solves)', async () => {
    const sentAt = performance.now();
    const target = { baseUrl, headers: {}, timeoutMs: 10_000 };
    const opened = await openRequest(target, dispatcher, 'POST', '/responses', request.body, AbortSignal.timeout(10_000));
    if (isTransportFailure(opened)) throw new Error(`no answer: ${opened.kind}`);
    const http: HttpObservation = { request, status: opened.status, headers: opened.headers };
    const iterator = opened.body[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Uint8Array;
    const outcomes: Outcomes = new Map();
    await observeStream(http, first, iterator, checks, { ctx: live, limits: { maxBodyBytes: 1 << 20, maxEvents: 1000 }, sentAt }, outcomes);
    expect(bufferedFindings(outcomes)).toEqual([expect.stringMatching(/^The answer was buffered, not streamed: /)]);
  });

  it('with the clock, the events are stamped no later than the stall began: no warning', async () => {
    const env = { target: { baseUrl, headers: {}, timeoutMs: 10_000 }, dispatcher, ctx: live, limits: { maxBodyBytes: 1 << 20, maxEvents: 1000 } };
    const outcome = await runExchange(request, checks, env);
    expect(bufferedFindings(outcome.outcomes)).not.toEqual([expect.stringMatching(/buffered/)]);
    const streaming = outcome.streaming!;
    expect(streaming.deltaCount).toBe(12);
    // The deltas were on their way during the stall: they are not stamped after it.
    expect(streaming.timeToFirstDeltaMs! - streaming.timeToCreatedMs!).toBeLessThan(STALL_MS);
  });

  it('never stamps later than now, nor before an earlier stamp', async () => {
    const clock = new ArrivalClock();
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const before = performance.now();
      busyWait(200);
      const stamped = clock.now();
      expect(stamped).toBeLessThanOrEqual(before);
      expect(clock.now()).toBeGreaterThanOrEqual(stamped);
      expect(clock.now()).toBeLessThanOrEqual(performance.now());
    } finally {
      clock.stop();
    }
  });

  it('never stamps a chunk before the request was sent, whatever moment the clock names', () => {
    const frames: StreamMessage[] = [];
    const sentAt = 1_000;
    const framer = new SseFramer((frame) => frames.push(frame), { maxEventBytes: 1 << 10, maxEvents: 10 }, sentAt, { now: () => sentAt - 40 });
    framer.push(new TextEncoder().encode('data: {"type":"response.created"}\n\n'));
    expect(frames.map((frame) => frame.receivedAtMs)).toEqual([0]);
  });
});
