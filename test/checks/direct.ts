import { jsonStreamEvent } from '../../src/checks/stream/stream-event.js';
import { describe, expect, it } from 'vitest';
import type { CheckContext, Finding, Location, StreamMessage, StreamCheck, StreamEnd, StreamEvent, Verdict } from '../../src/checks/types.js';
import { ctx, httpObservation } from './harness.js';

/** Feeding one stream check event by event, for exact tests of its findings. */

/** A JSON event at `index`; its frame ends at byte `10 * (index + 1)`. */
export function jsonEvent(index: number, value: unknown, frame: Partial<StreamMessage> = {}): StreamEvent {
  return jsonStreamEvent({ index, data: JSON.stringify(value), byteOffset: 10 * (index + 1), receivedAtMs: 0, ...frame }, value);
}

export function doneEvent(index: number): StreamEvent {
  return { frame: { index, data: '[DONE]', byteOffset: 10 * (index + 1), receivedAtMs: 0 }, kind: 'done' };
}

/** Events of the given bodies in order, each numbered by its position unless it has a number. */
export function events(...bodies: Record<string, unknown>[]): StreamEvent[] {
  return bodies.map((body, index) => jsonEvent(index, { sequence_number: index, ...body }));
}

/** Where `eventLocation` puts event `index` of `events(...)`, with `type` and `path`. */
export function at(index: number, type: string, path?: string): Record<string, unknown> {
  return { eventIndex: index, byteOffset: 10 * (index + 1), eventType: type, sequenceNumber: index, ...(path === undefined ? {} : { path }) };
}

/** Every finding of `check` over `stream`, those of the events and of the end together. */
export function feed<State>(
  check: StreamCheck<State>,
  stream: StreamEvent[],
  end: Partial<StreamEnd> = {},
  request?: Record<string, unknown>,
  context: CheckContext = ctx,
): Finding[] {
  const state = check.init(httpObservation(request), context);
  const during = stream.flatMap((event) => check.onEvent(state, event, context));
  return [...during, ...check.onEnd(state, { reason: 'eof', frames: stream.length, unterminatedMessage: false, ...end }, context)];
}

/** A finding written out in full, positionally, for long tables of expected findings. */
export function found(
  checkId: string,
  requirement: string,
  verdict: Verdict,
  message: string,
  expected: string | undefined,
  actual: string | undefined,
  location: Location,
  excerpt?: string,
): Finding {
  return { checkId, requirement, verdict, message, expected, actual, location, excerpt };
}

/** Enough of an excerpt to show it is the offending message's data; the rest is that data. */
const EXCERPT_SHOWN = 40;

/** The findings with their excerpts cut to EXCERPT_SHOWN characters, for tables of expected findings. */
export function shortExcerpts(findings: Finding[]): Finding[] {
  return findings.map((f) => (f.excerpt === undefined ? f : { ...f, excerpt: f.excerpt.slice(0, EXCERPT_SHOWN) }));
}

/**
 * Tests a table of named cases against their exact findings: the table covers every case named in
 * `names`, in order, and `run` gives each case's findings.
 */
export function exactFindingsTable(title: string, expected: [name: string, findings: Finding[]][], names: string[], run: (name: string) => Finding[]): void {
  describe(title, () => {
    it('covers every case', () => {
      expect(expected.map(([name]) => name)).toEqual(names);
    });

    it.each(expected)('%s', (name, findings) => {
      expect(run(name)).toEqual(findings);
    });
  });
}
