import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { streamEngineChecks } from '../../src/checks/stream/engine.js';
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
  reasoningEvents,
  render,
  responseSnapshot,
  urlCitation,
  wrapStream,
  type EventObject,
  type StreamOptions,
} from './stream-builder.js';

const allStreamChecks = [eventSchema, ...streamEngineChecks];

/** A message with an annotated text part and a refusal, a function call, and a reasoning item. */
function richBody(): EventObject[] {
  return [
    ...messageEvents({
      id: 'msg_1',
      parts: [
        { kind: 'output_text', deltas: ['Hel', 'lo, ', 'wörld 😀'], annotations: [urlCitation(1)] },
        { kind: 'refusal', deltas: ['I can', "'t."] },
      ],
    }),
    ...functionCallEvents({ id: 'fc_1', name: 'get_weather', argumentDeltas: ['{"city":', '"Paris"}'] }),
    ...reasoningEvents({ id: 'rs_1', summaries: [['Think', 'ing.'], ['Done.']], raw: ['raw ', 'thoughts'] }),
  ];
}

function richStream(options: StreamOptions = {}): EventObject[] {
  return wrapStream(richBody(), options);
}

function run(events: EventObject[], extra: Partial<StreamCase> = {}): Finding[] {
  return runStream(render(events, extra.render), allStreamChecks, extra.request === undefined ? {} : { request: extra.request });
}

function indexOf(events: EventObject[], type: string, nth = 0): number {
  const found = events.flatMap((event, i) => (event.type === type ? [i] : []));
  if (found[nth] === undefined) throw new Error(`no ${type} #${nth} in the stream`);
  return found[nth];
}

function without(events: EventObject[], ...indexes: number[]): EventObject[] {
  return numbered(events.filter((_, i) => !indexes.includes(i)).map(({ sequence_number: _s, ...rest }) => rest));
}

function inserted(events: EventObject[], at: number, ...added: EventObject[]): EventObject[] {
  const plain = events.map(({ sequence_number: _s, ...rest }) => rest);
  plain.splice(at, 0, ...added);
  return numbered(plain);
}

function changed(events: EventObject[], index: number, change: (event: EventObject) => EventObject): EventObject[] {
  return events.map((event, i) => (i === index ? change(structuredClone(event)) : event));
}

function terminal(events: EventObject[]): number {
  return events.findIndex((event) => ['response.completed', 'response.failed', 'response.incomplete'].includes(event.type as string));
}

function snapshotOf(event: EventObject): EventObject {
  return event.response as EventObject;
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
    const findings = runStream(render(events.slice(0, 6), { done: false }), streamEngineChecks, { endReason: 'timeout' });
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
  const cases: [string, Expected, () => { events: EventObject[]; extra?: Partial<StreamCase>; raw?: string }][] = [
    ['data that is JSON but not an object', { checkId: 'stream/sse-data-json', requirement: 'SSE-F-02', verdict: 'fail' }, () => ({ events: [], raw: `data: [1,2]\n\n${render(richStream())}` })],
    ['an id: line on a message without data', { checkId: 'stream/sse-id-field', requirement: 'SSE-F-04', verdict: 'warn' }, () => ({ events: [], raw: `id: 1\n\n${render(richStream())}` })],
    ['[DONE] with trailing whitespace', { checkId: 'stream/sse-data-json', requirement: 'SSE-F-02', verdict: 'fail' }, () => ({ events: [], raw: render(richStream(), { done: false }) + 'data: [DONE] \n\n' })],
    ['a message after [DONE]', { checkId: 'stream/done-sentinel', requirement: 'SSE-O-14', verdict: 'fail' }, () => ({ events: [], raw: render(richStream()) + render([{ type: 'acme:late', sequence_number: 999 }], { done: false }) })],
    ['a repeated sequence number', { checkId: 'stream/sequence-number-increasing', requirement: 'SSE-SEQ-02', verdict: 'warn' }, () => {
      const events = richStream();
      return { events: changed(events, 5, (event) => ({ ...event, sequence_number: 4 })) };
    }],
    ['an extension event with a lower sequence number', { checkId: 'stream/sequence-number-increasing', requirement: 'SSE-SEQ-04', verdict: 'fail' }, () => {
      const events = inserted(richStream(), 4, extensionEvent());
      return { events: changed(events, 4, (event) => ({ ...event, sequence_number: 1 })) };
    }],
    ['a first sequence number of 7', { checkId: 'stream/sequence-number-contiguous', requirement: 'SSE-SEQ-03', verdict: 'warn' }, () => ({
      events: numbered(richStream().map(({ sequence_number: _s, ...rest }) => rest), 7),
    })],
    ['response.created after response.in_progress', { checkId: 'stream/response-lifecycle', requirement: 'SSE-O-01', verdict: 'warn' }, () => {
      const events = richStream();
      return { events: inserted(without(events, 0), 1, events[0]) };
    }],
    ['response.queued after in_progress', { checkId: 'stream/response-lifecycle', requirement: 'SSE-O-04', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: inserted(events, 3, { type: 'response.queued', response: responseSnapshot('queued') }) };
    }],
    ['no response.in_progress event', { checkId: 'stream/response-lifecycle', requirement: 'SSE-O-04', verdict: 'warn' }, () => ({ events: richStream({ inProgressEvent: false }) })],
    ['an extension event after the terminal event', { checkId: 'stream/single-terminal-event', requirement: 'SSE-O-14', verdict: 'warn' }, () => {
      const events = richStream();
      return { events: inserted(events, events.length, extensionEvent()) };
    }],
    ['an item still open at response.failed', { checkId: 'stream/item-order', requirement: 'SSE-O-15', verdict: 'warn' }, () => {
      const events = richStream({ ending: 'failed' });
      return { events: without(events, indexOf(events, 'response.output_item.done')) };
    }],
    ['output_item.added at a non-contiguous output_index', { checkId: 'stream/output-index', requirement: 'SSE-O-20', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: changed(events, indexOf(events, 'response.output_item.added', 1), (event) => ({ ...event, output_index: 5 })) };
    }],
    ['an item added already completed', { checkId: 'stream/item-status', requirement: 'SSE-O-18', verdict: 'warn' }, () => {
      const events = richStream();
      return { events: changed(events, indexOf(events, 'response.output_item.added'), (event) => ({ ...event, item: { ...(event.item as EventObject), status: 'completed' } })) };
    }],
    ['an item added after an incomplete one', { checkId: 'stream/incomplete-item-last', requirement: 'SSE-O-17', verdict: 'fail' }, () => {
      const body = [...messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['cut'] }], status: 'incomplete' }), ...functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{}'] })];
      const events = wrapStream(body, { ending: 'incomplete' });
      const end = terminal(events);
      return { events: changed(events, end, (event) => ({ ...event, response: { ...snapshotOf(event), output: [] } })) };
    }],
    ['an extension item without status', { checkId: 'stream/extension-item-fields', requirement: 'EXT-02', verdict: 'fail' }, () => ({
      events: wrapStream([
        { type: 'response.output_item.added', output_index: 0, item: { id: 'x_1', type: 'acme:search_result' } },
        { type: 'response.output_item.done', output_index: 0, item: { id: 'x_1', type: 'acme:search_result', status: 'completed' } },
      ]),
    })],
    ['a content part added twice', { checkId: 'stream/content-part-order', requirement: 'SSE-O-10', verdict: 'fail' }, () => {
      const events = richStream();
      const at = indexOf(events, 'response.content_part.added');
      return { events: inserted(events, at + 1, events[at]) };
    }],
    ['a delta after content_part.done', { checkId: 'stream/content-part-order', requirement: 'SSE-O-08', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: inserted(events, indexOf(events, 'response.content_part.done') + 1, events[indexOf(events, 'response.output_text.delta')]) };
    }],
    ['a delta after output_text.done', { checkId: 'stream/content-part-order', requirement: 'SSE-O-06', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: inserted(events, indexOf(events, 'response.output_text.done') + 1, events[indexOf(events, 'response.output_text.delta')]) };
    }],
    ['content_index 2 for the second part', { checkId: 'stream/content-part-order', requirement: 'SSE-C-02', verdict: 'fail' }, () => ({
      events: richStream().map((event) => (event.item_id === 'msg_1' && event.content_index === 1 ? { ...event, content_index: 2 } : event)),
    })],
    ['raw reasoning without reasoning.done', { checkId: 'stream/content-part-order', requirement: 'SSE-O-13', verdict: 'warn' }, () => {
      const events = richStream();
      return { events: without(events, indexOf(events, 'response.reasoning.done')) };
    }],
    ['arguments after function_call_arguments.done', { checkId: 'stream/function-call-arguments-order', requirement: 'SSE-O-11', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: inserted(events, indexOf(events, 'response.function_call_arguments.done') + 1, { ...events[indexOf(events, 'response.function_call_arguments.delta')], delta: '' }) };
    }],
    ['a done item whose content is empty', { checkId: 'stream/text-consistency', requirement: 'SSE-C-02', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: changed(events, indexOf(events, 'response.output_item.done'), (event) => ({ ...event, item: { ...(event.item as EventObject), content: [] } })) };
    }],
    ['raw reasoning done text unlike its deltas', { checkId: 'stream/text-consistency', requirement: 'SSE-C-04', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: changed(events, indexOf(events, 'response.reasoning.done'), (event) => ({ ...event, text: 'other' })) };
    }],
    ['a summary part in the done item unlike the streamed summary', { checkId: 'stream/text-consistency', requirement: 'SSE-C-04', verdict: 'fail' }, () => {
      const events = richStream();
      const at = indexOf(events, 'response.output_item.done', 2);
      return { events: changed(events, at, (event) => ({ ...event, item: { ...(event.item as EventObject), summary: [{ type: 'summary_text', text: 'x' }, { type: 'summary_text', text: 'Done.' }] } })) };
    }],
    ['function call arguments in the done item unlike the stream', { checkId: 'stream/function-call-arguments', requirement: 'SSE-C-03', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: changed(events, indexOf(events, 'response.output_item.done', 1), (event) => ({ ...event, item: { ...(event.item as EventObject), arguments: '{}' } })) };
    }],
    ['completed call arguments that are not JSON, missing from the final output', { checkId: 'stream/function-call-arguments-json', requirement: 'REQ-TC-07', verdict: 'fail' }, () => {
      const events = wrapStream(functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{"a":'] }));
      return { events: changed(events, terminal(events), (event) => ({ ...event, response: { ...snapshotOf(event), output: [] } })) };
    }],
    ['an empty final output', { checkId: 'stream/final-output-items', requirement: 'SSE-C-05', verdict: 'fail' }, () => {
      const events = richStream();
      return { events: changed(events, terminal(events), (event) => ({ ...event, response: { ...snapshotOf(event), output: [] } })) };
    }],
    ['a final output item unlike its done event', { checkId: 'stream/final-output-items', requirement: 'SSE-C-05', verdict: 'fail' }, () => {
      const events = richStream();
      return {
        events: changed(events, terminal(events), (event) => {
          const snapshot = snapshotOf(event);
          const output = structuredClone(snapshot.output) as EventObject[];
          output[0].status = 'incomplete';
          return { ...event, response: { ...snapshot, output } };
        }),
      };
    }],
    ['an extra item in the final output', { checkId: 'stream/final-output-items', requirement: 'SSE-C-05', verdict: 'fail' }, () => {
      const events = richStream();
      const extra = { id: 'msg_9', type: 'message', status: 'completed', role: 'assistant', content: [] };
      return { events: changed(events, terminal(events), (event) => ({ ...event, response: { ...snapshotOf(event), output: [...(snapshotOf(event).output as EventObject[]), extra] } })) };
    }],
    ['two final output items swapped', { checkId: 'stream/final-output-items', requirement: 'SSE-O-20', verdict: 'fail' }, () => {
      const events = richStream();
      return {
        events: changed(events, terminal(events), (event) => {
          const [a, b, c] = snapshotOf(event).output as EventObject[];
          return { ...event, response: { ...snapshotOf(event), output: [b, a, c] } };
        }),
      };
    }],
  ];
  it.each(cases)('%s', (_name, expected, build) => {
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
