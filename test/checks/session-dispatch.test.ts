import { describe, expect, it } from 'vitest';
import { sseStreamEngineChecks } from '../../src/checks/stream/engine.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { finalResponse } from '../../src/checks/stream/final-response.js';
import type { Finding, StreamCheck } from '../../src/checks/types.js';
import { runStream } from './harness.js';
import { mutations, harmlessMutations, type StreamCase } from './mutations.js';
import { extensionEvent, functionCallEvents, interleave, messageEvents, render, richBody, wrapStream, type EventObject } from './stream-builder.js';
import { richStream, violations } from './violations.js';

const allStreamChecks: readonly StreamCheck<unknown>[] = [eventSchema, finalResponse, ...sseStreamEngineChecks];
/** The same checks called for every message, as if none declared what it reads. */
const readingEverything = allStreamChecks.map((check): StreamCheck<unknown> => ({ ...check, reads: undefined }));

/** Streams of every shape the rules know: conforming ones, every mutation at every target, every violation. */
function corpus(): [name: string, text: string, request?: Record<string, unknown>][] {
  const base: StreamCase = { events: richStream({ queued: true }), render: {} };
  const cases: [string, string, Record<string, unknown>?][] = [
    ['the rich stream', render(base.events)],
    ['extension events between the others', render(wrapStream(interleave([richBody(), [extensionEvent(), extensionEvent('metrics')]], (n) => n - 1)))],
    ['a stream that is not JSON in places', render(base.events).replace(/^data: \{"type":"response\.output_text\.delta",/m, 'data: {not json')],
    ['events after [DONE] and after the terminal event', `${render(base.events)}${render(richStream().slice(2, 8), { done: false })}`],
    ['a whole wrong item after the terminal event', render([...base.events, ...wrongItem()])],
  ];
  for (const mutation of [...mutations, ...harmlessMutations]) {
    for (const target of mutation.targets(base.events)) {
      const mutated = mutation.apply(base, target);
      cases.push([`${mutation.name} at ${target}`, render(mutated.events, mutated.render), mutated.request]);
    }
  }
  for (const [name, , build] of violations) {
    const built = build();
    cases.push([name, built.raw ?? render(built.events, built.extra?.render), built.extra?.request]);
  }
  return cases;
}

/** An item whose every statement contradicts its deltas and its indexes: judged only if read after the end. */
function wrongItem(): EventObject[] {
  const events = [...messageEvents({ id: 'msg_late', parts: [{ kind: 'output_text', deltas: ['a'] }] }), ...functionCallEvents({ id: 'fc_late', name: 'f', argumentDeltas: ['{'] })];
  return events.map((event) => {
    const changed: EventObject = { ...event, output_index: 7, sequence_number: 0 };
    if (typeof changed.text === 'string') changed.text = 'b';
    if (typeof changed.arguments === 'string') changed.arguments = '}';
    return changed;
  });
}

function byCheck(findings: Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const found of findings) grouped.set(found.checkId, [...(grouped.get(found.checkId) ?? []), found]);
  return grouped;
}

describe('the session hands a check only the events it reads, and no finding changes', () => {
  it('some checks declare what they read, so the dispatch is exercised', () => {
    expect(allStreamChecks.filter((check) => check.reads !== undefined).length).toBeGreaterThan(10);
  });

  it.each(corpus())('%s', (_name, text, request) => {
    const run = request === undefined ? {} : { request };
    expect(byCheck(runStream(text, allStreamChecks, run))).toEqual(byCheck(runStream(text, readingEverything, run)));
  });
});
