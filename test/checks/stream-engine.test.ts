import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { sseStreamEngineChecks } from '../../src/checks/stream/engine.js';
import { responseRuleChecks } from '../../src/checks/response/rules.js';
import type { Finding } from '../../src/checks/types.js';
import { finalResponse } from '../../src/checks/stream/final-response.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import { ctx, httpObservation, runResponse, runStream, summarize } from './harness.js';
import { mutations, type Expected, type StreamCase } from './mutations.js';
import {
  errorEvent,
  extensionEvent,
  functionCallEvents,
  interleave,
  messageEvents,
  numbered,
  render,
  responseSnapshot,
  richBody,
  wrapStream,
  type EventObject,
} from './stream-builder.js';
import { changed, indexOf, inserted, richStream, snapshotOf, terminal, violations, without } from './violations.js';

const allStreamChecks = [eventSchema, ...sseStreamEngineChecks];

function run(events: EventObject[], extra: Partial<StreamCase> = {}): Finding[] {
  return runStream(render(events, extra.render), allStreamChecks, extra.request === undefined ? {} : { request: extra.request });
}

function expectFinding(findings: Finding[], expected: Expected): void {
  const match = findings.find((f) => f.checkId === expected.checkId && f.requirement === expected.requirement && f.verdict === expected.verdict);
  expect(match, `expected ${expected.checkId} ${expected.requirement} ${expected.verdict} among:\n${summarize(findings)}`).toBeDefined();
  expect(match?.message).toMatch(/^[A-Z"a-z0-9(].*[.]$/s);
  expect(match?.location).toBeDefined();
}

describe('conforming streams give no finding at all', () => {
  const cases: [string, () => string][] = [
    ['a message with annotations and a refusal, a function call, reasoning summary and raw reasoning', () => render(richStream())],
    ['the same, one byte at a time', () => render(richStream())],
    ['keepalive comments between messages', () => render(richStream(), { keepalive: true })],
    ['CRLF line endings', () => render(richStream()).replace(/\n/g, '\r\n')],
    ['lone CR line endings', () => render(richStream()).replace(/\n/g, '\r')],
    ['event data split over several data: lines', () => render(richStream()).replace(/^data: \{"type":"response\.output_text\.delta",/gm, 'data: {"type":"response.output_text.delta",\ndata: ')],
    ['extension events before the terminal event', () => render(wrapStream(interleave([richBody(), [extensionEvent(), extensionEvent('metrics')]], (n) => n - 1)))],
    ['parallel function calls, interleaved', () => {
      const calls = [0, 1, 2].map((n) => functionCallEvents({ id: `fc_${n}`, name: `tool_${n}`, argumentDeltas: ['{"n":', String(n), '}'] }));
      let turn = 0;
      return render(wrapStream(interleave(calls, (n) => turn++ % n)));
    }],
    ['a queued response', () => render(richStream({ queued: true }))],
    ['an empty response', () => render(wrapStream([]))],
    ['response.failed right after response.created', () => render(wrapStream([], { ending: 'failed' }))],
    ['error then response.failed after response.created', () => render(wrapStream([], { ending: 'failed', errorBeforeFailure: true }))],
    ['response.failed as the only event', () => render(numbered([{ type: 'response.failed', response: responseSnapshot('failed') }]))],
    ['error then response.failed as the only events', () => render(numbered([errorEvent(), { type: 'response.failed', response: responseSnapshot('failed') }]))],
    ['items then response.failed', () => render(richStream({ ending: 'failed', errorBeforeFailure: true }))],
    ['an incomplete last item with response.incomplete', () => {
      const body = [...functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{}'] }), ...messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['cut o'] }], status: 'incomplete' })];
      return render(wrapStream(body, { ending: 'incomplete' }));
    }],
    ['a message with no deltas', () => render(wrapStream(messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: [] }] })))],
    ['sequence numbers from 1', () => render(numbered(richStream().map(({ sequence_number: _s, ...rest }) => rest), 1))],
    ['items added as null, named by their later events', () =>
      render(richStream().map((event) => (event.type === 'response.output_item.added' ? { ...event, item: null } : event)))],
  ];
  it.each(cases)('%s', (name, build) => {
    const findings = runStream(build(), allStreamChecks, name.includes('one byte') ? { chunkSize: 1 } : {});
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('a stream cut by a timeout is left to the transport checks', () => {
    const events = richStream();
    const findings = runStream(render(events.slice(0, 6), { done: false }), sseStreamEngineChecks, { endReason: 'timeout' });
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('a stream with an extension item gives no finding, schema included (EXT-13)', () => {
    const item = { id: 'ws_1', type: 'acme:web_search_call', action: { query: 'weather' } };
    const body = [
      { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress' } },
      { type: 'acme:web_search_call.searching', item_id: 'ws_1' },
      { type: 'response.output_item.done', output_index: 0, item: { ...item, status: 'completed' } },
    ];
    const findings = runStream(render(wrapStream(body)), allStreamChecks);
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('the terminal snapshot of a conforming stream passes the response rules too', () => {
    const stream = richStream();
    expect(runResponse(snapshotOf(stream[terminal(stream)]), responseRuleChecks)).toEqual([]);
  });
});

describe('each mutation operator breaks its rule on the rich stream', () => {
  const base: StreamCase = { events: richStream({ queued: true }), render: {} };
  const applicable = mutations.filter((mutation) => mutation.targets(base.events).length > 0);
  it('every operator applies to the rich stream', () => {
    expect(applicable.map((m) => m.name)).toEqual(mutations.map((m) => m.name));
  });
  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))('%s', (_name, mutation) => {
    const mutated = mutation.apply(base, mutation.targets(base.events)[0]);
    expectFinding(run(mutated.events, mutated), mutation.breaks as Expected);
  });
});

/** Rows and verdicts that no mutation operator covers, each with a violating stream. */
describe('violations beyond the operators', () => {
  it.each(violations)('%s', (_name, expected, build) => {
    const built = build();
    const text = built.raw ?? render(built.events, built.extra?.render);
    expectFinding(runStream(text, allStreamChecks, built.extra?.request === undefined ? {} : { request: built.extra.request }), expected);
  });
});

describe('a defect the final snapshot shows is reported once, by the response rules', () => {
  it('a done item still in_progress that the completed snapshot carries too', () => {
    const body = messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['Hi'] }] });
    const done = body.findIndex((event) => event.type === 'response.output_item.done');
    body[done] = { ...body[done], item: { ...(body[done].item as EventObject), status: 'in_progress' } };
    const events = wrapStream(body);
    const streamFindings = run(events).filter((f) => f.checkId !== 'stream/event-schema');
    expect(streamFindings, summarize(streamFindings)).toEqual([]);
    const responseFindings = runResponse(snapshotOf(events[terminal(events)]), responseRuleChecks);
    expect(responseFindings.map((f) => `${f.checkId} ${f.requirement}`)).toEqual(['response/completed-items-status RES-18']);
  });

  it('completed call arguments that are not JSON, also in the snapshot', () => {
    const events = wrapStream(functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{"a":'] }));
    expect(run(events)).toEqual([]);
    const responseFindings = runResponse(snapshotOf(events[terminal(events)]), responseRuleChecks);
    expect(responseFindings.map((f) => `${f.checkId} ${f.requirement}`)).toEqual(['response/function-call-arguments-json REQ-TC-07']);
  });

  it('an incomplete item inside a completed response, also in the snapshot', () => {
    const events = wrapStream(messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['cut'] }], status: 'incomplete' }));
    const streamFindings = run(events);
    expect(streamFindings, summarize(streamFindings)).toEqual([]);
    const responseFindings = runResponse(snapshotOf(events[terminal(events)]), responseRuleChecks);
    expect(responseFindings.map((f) => `${f.checkId} ${f.requirement}`)).toEqual(['response/incomplete-item-last RES-17']);
  });
});

describe('messages for readers without the spec', () => {
  it('names the event, the item and the first difference of a wrong done text', () => {
    const events = richStream();
    const at = indexOf(events, 'response.output_text.done');
    const findings = run(changed(events, at, (event) => ({ ...event, text: 'Hello, world' })));
    const found = findings.find((f) => f.checkId === 'stream/text-consistency');
    expect(found?.message).toBe('The text in response.output_text.done differs from the concatenated deltas of the same part (item "msg_1"); they first differ at character 8.');
    expect(found?.location).toMatchObject({ eventIndex: at, eventType: 'response.output_text.done', sequenceNumber: at, path: '/text' });
    expect(found?.excerpt).toContain('"Hello, world"');
  });
});

describe('events a check cannot attribute are reported, never passed', () => {
  function withoutItemId(event: EventObject): EventObject {
    const { item_id: _dropped, ...rest } = event;
    return rest;
  }

  it('an arguments delta without item_id before its output_item.added fails item-order (SSE-O-05)', () => {
    const events = wrapStream(functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{}'] }));
    const delta = indexOf(events, 'response.function_call_arguments.delta');
    const added = indexOf(events, 'response.output_item.added');
    const moved = inserted(without(events, delta), added, withoutItemId(events[delta]));
    expectFinding(run(moved), { checkId: 'stream/item-order', requirement: 'SSE-O-05', verdict: 'fail' });
  });

  it('an event with neither item_id nor output_index fails item-order', () => {
    const events = richStream();
    const at = indexOf(events, 'response.output_text.delta');
    const { output_index: _dropped, ...rest } = withoutItemId(events[at]);
    expectFinding(run(changed(events, at, () => rest)), { checkId: 'stream/item-order', requirement: 'SSE-O-05', verdict: 'fail' });
  });

  it('deltas without item_id are attributed by output_index: only the schema objects', () => {
    const events = richStream().map((event) => (String(event.type).endsWith('.delta') ? withoutItemId(event) : event));
    const findings = run(events).filter((f) => f.checkId !== 'stream/event-schema');
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('a wrong delta without item_id is still compared with its done text (SSE-C-01)', () => {
    const events = richStream();
    const at = indexOf(events, 'response.output_text.delta');
    expectFinding(run(changed(events, at, (event) => ({ ...withoutItemId(event), delta: 'X' }))), { checkId: 'stream/text-consistency', requirement: 'SSE-C-01', verdict: 'fail' });
  });

  it('a changed annotation without item_id is still compared with the finished part (SSE-C-09)', () => {
    const events = richStream();
    const at = indexOf(events, 'response.output_text.annotation.added');
    const change = (event: EventObject) => ({ ...withoutItemId(event), annotation: { ...(event.annotation as EventObject), title: 'Changed' } });
    expectFinding(run(changed(events, at, change)), { checkId: 'stream/annotation-consistency', requirement: 'SSE-C-09', verdict: 'fail' });
  });

  it('a text delta without content_index fails content-part-order (SSE-O-06)', () => {
    const events = richStream();
    const at = indexOf(events, 'response.output_text.delta');
    const { content_index: _dropped, ...rest } = events[at];
    expectFinding(run(changed(events, at, () => rest)), { checkId: 'stream/content-part-order', requirement: 'SSE-O-06', verdict: 'fail' });
  });

  it('a lifecycle event without a response snapshot fails snapshot-status (SSE-C-06)', () => {
    const events = richStream();
    expectFinding(run(changed(events, 1, ({ response: _dropped, ...rest }) => rest)), { checkId: 'stream/snapshot-status', requirement: 'SSE-C-06', verdict: 'fail' });
  });

  it('a snapshot status that contradicts its event is SSE-C-06, and RES-16 on the terminal event', () => {
    const events = richStream();
    const withStatus = (status: string) => (event: EventObject) => ({ ...event, response: { ...(event.response as EventObject), status } });
    expectFinding(run(changed(events, 1, withStatus('completed'))), { checkId: 'stream/snapshot-status', requirement: 'SSE-C-06', verdict: 'fail' });
    expectFinding(run(changed(events, indexOf(events, 'response.completed'), withStatus('failed'))), { checkId: 'stream/snapshot-status', requirement: 'RES-16', verdict: 'fail' });
  });
});

describe('snapshots before the end are judged by the response rules of their status', () => {
  const cases: [string, number, (snapshot: EventObject) => EventObject, Expected][] = [
    ['completed_at set on the in_progress snapshot', 1, (s) => ({ ...s, completed_at: 1741476778 }), { checkId: 'stream/snapshot-fields', requirement: 'RES-05', verdict: 'fail' }],
    ['error set on the response.created snapshot', 0, (s) => ({ ...s, error: { code: 'server_error', message: 'x' } }), { checkId: 'stream/snapshot-fields', requirement: 'RES-08', verdict: 'fail' }],
    ['incomplete_details set on the response.created snapshot', 0, (s) => ({ ...s, incomplete_details: { reason: 'max_output_tokens' } }), { checkId: 'stream/snapshot-fields', requirement: 'RES-07', verdict: 'fail' }],
  ];
  it.each(cases)('%s', (_name, at, change, expected) => {
    const events = richStream();
    const findings = run(changed(events, at, (event) => ({ ...event, response: change(snapshotOf(event)) })));
    expectFinding(findings, expected);
    expect(findings.find((f) => f.checkId === expected.checkId)?.location).toMatchObject({ eventIndex: at, eventType: events[at].type });
  });

  it('the queued snapshots of a conforming queued stream give no finding', () => {
    const findings = run(richStream({ queued: true })).filter((f) => f.checkId === 'stream/snapshot-fields');
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('a defect every open snapshot repeats is reported once', () => {
    const events = richStream().map((event, i) => (i < 2 ? { ...event, response: { ...snapshotOf(event), completed_at: 1741476778 } } : event));
    expect(run(events).filter((f) => f.checkId === 'stream/snapshot-fields')).toHaveLength(1);
  });
});

describe('boundaries that mutation testing showed untested', () => {
  function bareLifecycle(...types: string[]): EventObject[] {
    return numbered(types.map((type) => ({ type, response: responseSnapshot(type === 'response.created' || type === 'response.queued' ? 'queued' : type.slice('response.'.length)) })));
  }

  it('queued straight to response.completed with no output fails the lifecycle (SSE-O-02)', () => {
    expectFinding(run(bareLifecycle('response.created', 'response.queued', 'response.completed')), { checkId: 'stream/response-lifecycle', requirement: 'SSE-O-02', verdict: 'fail' });
  });

  it('queued, in_progress, then response.completed with no output passes the lifecycle', () => {
    const findings = run(bareLifecycle('response.created', 'response.queued', 'response.in_progress', 'response.completed')).filter((f) => f.checkId === 'stream/response-lifecycle');
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('a done item still in_progress in a stream without terminal event keeps its finding (SSE-O-18)', () => {
    const events = richStream();
    const done = indexOf(events, 'response.output_item.done');
    const cut = changed(events, done, (event) => ({ ...event, item: { ...(event.item as EventObject), status: 'in_progress' } })).slice(0, terminal(events));
    expectFinding(run(cut), { checkId: 'stream/item-status', requirement: 'SSE-O-18', verdict: 'fail' });
  });

  it.each([
    [1, true],
    [0, false],
  ])('a sequence_number jump that loses %i event(s) warns: %s (SSE-SEQ-03)', (lost, warns) => {
    const events = richStream();
    const shifted = events.map((event, i) => (i < 4 ? event : { ...event, sequence_number: (event.sequence_number as number) + lost }));
    const findings = run(shifted).filter((f) => f.checkId === 'stream/sequence-number-contiguous');
    expect(findings.map((f) => `${f.requirement} ${f.verdict}`)).toEqual(warns ? ['SSE-SEQ-03 warn'] : []);
  });
});

describe('no stream check throws on schema-invalid events', () => {
  const malformed: EventObject[] = [
    { type: 'response.created', sequence_number: 0 },
    { type: 'response.in_progress', sequence_number: 1 },
    { type: 'response.queued', sequence_number: 2, response: null },
    { type: 'response.output_item.added', sequence_number: 3, item: null },
    { type: 'response.content_part.added', sequence_number: 4, part: 7 },
    { type: 'response.output_text.delta', sequence_number: 5, delta: null },
    { type: 'response.function_call_arguments.done', sequence_number: 6, output_index: 'x' },
    { type: 'response.output_item.done', sequence_number: 7, item: { content: 'text', summary: 3 } },
    { type: 'response.completed', sequence_number: 8 },
    { type: 'response.failed', sequence_number: 9, response: [] },
  ];
  it.each(malformed.map((event) => [JSON.stringify(event)] as const))('%s', (data) => {
    const session = new StreamCheckSession([...allStreamChecks, finalResponse], httpObservation(), ctx);
    session.push({ index: 0, data, byteOffset: data.length, receivedAtMs: 0 });
    const results = session.end({ reason: 'eof', frames: 1, unterminatedMessage: false });
    const thrown = [...results.entries()].filter(([, list]) => list.internalError !== undefined).map(([id, list]) => `${id}: ${list.internalError}`);
    expect(thrown).toEqual([]);
  });

  it('all of them in one stream', () => {
    const session = new StreamCheckSession([...allStreamChecks, finalResponse], httpObservation(), ctx);
    malformed.forEach((event, index) => session.push({ index, data: JSON.stringify(event), byteOffset: 0, receivedAtMs: 0 }));
    const results = session.end({ reason: 'eof', frames: malformed.length, unterminatedMessage: false });
    expect([...results.values()].filter((list) => list.internalError !== undefined)).toEqual([]);
  });
});
