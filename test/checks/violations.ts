/**
 * Violating streams beyond the mutation operators: rows and verdicts no operator covers, each with
 * the finding it must cause. Shared by the rule tests and the exact-findings tests.
 */
import type { Expected, StreamCase } from './mutations.js';
import { extensionEvent, functionCallEvents, messageEvents, numbered, render, responseSnapshot, richBody, wrapStream, type EventObject, type StreamOptions } from './stream-builder.js';

export function richStream(options: StreamOptions = {}): EventObject[] {
  return wrapStream(richBody(), options);
}

export function indexOf(events: EventObject[], type: string, nth = 0): number {
  const found = events.flatMap((event, i) => (event.type === type ? [i] : []));
  if (found[nth] === undefined) throw new Error(`no ${type} #${nth} in the stream`);
  return found[nth];
}

export function without(events: EventObject[], ...indexes: number[]): EventObject[] {
  return numbered(events.filter((_, i) => !indexes.includes(i)).map(({ sequence_number: _s, ...rest }) => rest));
}

export function inserted(events: EventObject[], at: number, ...added: EventObject[]): EventObject[] {
  const plain = events.map(({ sequence_number: _s, ...rest }) => rest);
  plain.splice(at, 0, ...added);
  return numbered(plain);
}

export function changed(events: EventObject[], index: number, change: (event: EventObject) => EventObject): EventObject[] {
  return events.map((event, i) => (i === index ? change(structuredClone(event)) : event));
}

export function terminal(events: EventObject[]): number {
  return events.findIndex((event) => ['response.completed', 'response.failed', 'response.incomplete'].includes(event.type as string));
}

export function snapshotOf(event: EventObject): EventObject {
  return event.response as EventObject;
}

export interface ViolatingStream {
  events: EventObject[];
  extra?: Partial<StreamCase>;
  raw?: string;
}

export const violations: [name: string, expected: Expected, build: () => ViolatingStream][] = [
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
