/**
 * Single mutations of a conforming stream, each of which provably breaks one named rule, and
 * harmless ones that break none. A mutation lists the positions it can act on (none: it does not
 * apply to that stream) and returns the mutated case.
 */
import type { Verdict } from '../../src/checks/types.js';
import { errorEvent, extensionEvent, numbered, type EventObject, type RenderOptions } from './stream-builder.js';

export interface StreamCase {
  events: EventObject[];
  render: RenderOptions;
  request?: Record<string, unknown>;
}

export interface Expected {
  checkId: string;
  requirement: string;
  verdict: Verdict;
}

export interface Mutation {
  name: string;
  /** The finding the mutation must cause; undefined for a harmless mutation. */
  breaks: Expected | undefined;
  targets(events: EventObject[]): number[];
  apply(base: StreamCase, target: number): StreamCase;
}

const MESSAGE_TEXT_DONE = ['response.output_text.done', 'response.refusal.done'];

function indexesWhere(events: EventObject[], test: (event: EventObject, index: number) => boolean): number[] {
  return events.flatMap((event, index) => (test(event, index) ? [index] : []));
}

function ofType(...types: string[]): (events: EventObject[]) => number[] {
  return (events) => indexesWhere(events, (event) => types.includes(event.type as string));
}

function terminalIndex(events: EventObject[]): number {
  return events.findIndex((event) => ['response.completed', 'response.failed', 'response.incomplete'].includes(event.type as string));
}

function withoutNumbers(events: EventObject[]): EventObject[] {
  return events.map(({ sequence_number: _dropped, ...rest }) => rest);
}

/** Replaces the event at `index` (renumbering keeps the sequence contiguous). */
function patch(base: StreamCase, index: number, change: (event: EventObject) => EventObject): StreamCase {
  return { ...base, events: base.events.map((event, i) => (i === index ? change(structuredClone(event)) : event)) };
}

function removeAt(base: StreamCase, index: number): StreamCase {
  return { ...base, events: numbered(withoutNumbers(base.events.filter((_, i) => i !== index))) };
}

function insertAt(base: StreamCase, index: number, event: EventObject): StreamCase {
  const events = withoutNumbers(base.events);
  events.splice(index, 0, withoutNumbers([event])[0]);
  return { ...base, events: numbered(events) };
}

/** The positions of the `output_item.added` events of items of `type`. */
function addedOfType(type: string): (events: EventObject[]) => number[] {
  return (events) => indexesWhere(events, (event) => event.type === 'response.output_item.added' && (event.item as EventObject | null)?.type === type);
}

/** The `item_id` and `output_index` an event needs to address the item of an `output_item.added`. */
function itemAddress(added: EventObject): EventObject {
  return { item_id: (added.item as EventObject).id, output_index: added.output_index };
}

function terminalSnapshot(event: EventObject): EventObject {
  return event.response as EventObject;
}

function isExtension(event: EventObject): boolean {
  return String(event.type).startsWith('acme:');
}

const breaking = (checkId: string, requirement: string, verdict: Verdict = 'fail'): Expected => ({ checkId, requirement, verdict });

export const mutations: readonly Mutation[] = [
  {
    name: 'drop [DONE]',
    breaks: breaking('stream/done-sentinel', 'SSE-F-05'),
    targets: () => [0],
    apply: (base) => ({ ...base, render: { ...base.render, done: false } }),
  },
  {
    name: 'cut the closing blank line',
    breaks: breaking('stream/sse-message-terminated', 'SSE-F-05', 'warn'),
    targets: () => [0],
    apply: (base) => ({ ...base, render: { ...base.render, unterminated: true } }),
  },
  {
    name: 'put non-JSON data before an event',
    breaks: breaking('stream/sse-data-json', 'SSE-F-02'),
    targets: (events) => events.map((_, i) => i),
    apply: (base, target) => ({ ...base, render: { ...base.render, rawBefore: new Map([[target, 'data: {"type": oops\n\n']]) } }),
  },
  {
    name: 'change one event: line',
    breaks: breaking('stream/sse-event-field', 'SSE-F-03'),
    targets: (events) => events.map((_, i) => i),
    apply: (base, target) => ({ ...base, render: { ...base.render, eventField: (event, i) => (i === target ? 'response.bogus' : (event.type as string)) } }),
  },
  {
    name: 'leave out one event: line',
    breaks: breaking('stream/sse-event-field', 'SSE-F-03', 'warn'),
    targets: (events) => events.map((_, i) => i),
    apply: (base, target) => ({ ...base, render: { ...base.render, eventField: (event, i) => (i === target ? null : (event.type as string)) } }),
  },
  {
    name: 'add an id: line',
    breaks: breaking('stream/sse-id-field', 'SSE-F-04', 'warn'),
    targets: (events) => events.map((_, i) => i),
    apply: (base, target) => ({ ...base, render: { ...base.render, idAt: target } }),
  },
  {
    name: 'swap two sequence numbers',
    breaks: breaking('stream/sequence-number-increasing', 'SSE-SEQ-02'),
    targets: (events) => indexesWhere(events, (_, i) => i + 1 < events.length && !isExtension(events[i + 1])),
    apply: (base, target) => {
      const events = base.events.map((event) => ({ ...event }));
      [events[target].sequence_number, events[target + 1].sequence_number] = [events[target + 1].sequence_number, events[target].sequence_number];
      return { ...base, events };
    },
  },
  {
    name: 'open a gap in the sequence numbers',
    breaks: breaking('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn'),
    targets: (events) => indexesWhere(events, (_, i) => i > 0),
    apply: (base, target) => ({ ...base, events: base.events.map((event, i) => (i < target ? event : { ...event, sequence_number: (event.sequence_number as number) + 3 })) }),
  },
  {
    name: 'drop response.created',
    breaks: breaking('stream/response-lifecycle', 'SSE-O-01', 'warn'),
    targets: (events) => (events[0]?.type === 'response.created' ? [0] : []),
    apply: (base) => removeAt(base, 0),
  },
  {
    name: 'drop response.in_progress after response.queued',
    breaks: breaking('stream/response-lifecycle', 'SSE-O-02'),
    targets: (events) =>
      events.some((event) => event.type === 'response.queued') && events[terminalIndex(events)]?.type !== 'response.failed'
        ? ofType('response.in_progress')(events)
        : [],
    apply: removeAt,
  },
  {
    name: 'duplicate the terminal event',
    breaks: breaking('stream/single-terminal-event', 'SSE-O-14'),
    targets: (events) => [terminalIndex(events)].filter((i) => i >= 0),
    apply: (base, target) => insertAt(base, target + 1, base.events[target]),
  },
  {
    name: 'send response.created again after the terminal event',
    breaks: breaking('stream/single-terminal-event', 'SSE-O-14'),
    targets: (events) => (events[0]?.type === 'response.created' ? [terminalIndex(events)].filter((i) => i >= 0) : []),
    apply: (base, target) => insertAt(base, target + 1, base.events[0]),
  },
  {
    name: 'send an error event before a successful end',
    breaks: breaking('stream/error-then-failed', 'SSE-O-16'),
    targets: (events) => [terminalIndex(events)].filter((i) => i >= 0 && events[i].type !== 'response.failed'),
    apply: (base, target) => insertAt(base, target, errorEvent()),
  },
  {
    name: 'change the status of the terminal snapshot',
    breaks: breaking('stream/snapshot-status', 'RES-16'),
    targets: (events) => [terminalIndex(events)].filter((i) => i >= 0),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, response: { ...terminalSnapshot(event), status: 'in_progress' } })),
  },
  {
    name: 'change the response id of the terminal snapshot',
    breaks: breaking('stream/response-id-stable', 'SSE-C-07'),
    targets: (events) => (events.filter((event) => String(event.type).startsWith('response.') && 'response' in event).length > 1 ? [terminalIndex(events)] : []),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, response: { ...terminalSnapshot(event), id: 'resp_other' } })),
  },
  {
    name: 'drop an output_item.added',
    breaks: breaking('stream/item-order', 'SSE-O-05'),
    targets: ofType('response.output_item.added'),
    apply: removeAt,
  },
  {
    name: 'add an item twice',
    breaks: breaking('stream/item-order', 'SSE-O-10'),
    targets: ofType('response.output_item.added'),
    apply: (base, target) => insertAt(base, target + 1, base.events[target]),
  },
  {
    name: 'finish an item twice',
    breaks: breaking('stream/item-order', 'SSE-O-08'),
    targets: (events) => ofType('response.output_item.done')(events).filter((i) => i < terminalIndex(events)),
    apply: (base, target) => insertAt(base, target + 1, base.events[target]),
  },
  {
    name: 'drop an output_item.done before a successful end',
    breaks: breaking('stream/item-order', 'SSE-O-15'),
    targets: (events) => (events[terminalIndex(events)]?.type === 'response.failed' ? [] : ofType('response.output_item.done')(events)),
    apply: removeAt,
  },
  {
    name: "change one event's output_index",
    breaks: breaking('stream/output-index', 'SSE-O-20'),
    targets: (events) => indexesWhere(events, (event) => 'output_index' in event && event.type !== 'response.output_item.added'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, output_index: (event.output_index as number) + 1 })),
  },
  {
    name: 'show a done item still in_progress',
    breaks: breaking('stream/item-status', 'SSE-O-18'),
    targets: (events) => indexesWhere(events, (event) => event.type === 'response.output_item.done' && ['message', 'function_call'].includes((event.item as EventObject).type as string)),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, item: { ...(event.item as EventObject), status: 'in_progress' } })),
  },
  {
    name: 'end a message incomplete inside a completed response',
    breaks: breaking('stream/incomplete-item-last', 'SSE-O-17'),
    targets: (events) =>
      events[terminalIndex(events)]?.type === 'response.completed'
        ? indexesWhere(events, (event) => event.type === 'response.output_item.done' && (event.item as EventObject).type === 'message')
        : [],
    apply: (base, target) => patch(base, target, (event) => ({ ...event, item: { ...(event.item as EventObject), status: 'incomplete' } })),
  },
  {
    name: 'drop a content_part.added',
    breaks: breaking('stream/content-part-order', 'SSE-O-09'),
    targets: ofType('response.content_part.added'),
    apply: removeAt,
  },
  {
    name: "drop a part's text done event",
    breaks: breaking('stream/content-part-order', 'SSE-O-06'),
    targets: ofType(...MESSAGE_TEXT_DONE),
    apply: removeAt,
  },
  {
    name: 'drop a content_part.done',
    breaks: breaking('stream/content-part-order', 'SSE-O-07'),
    targets: ofType('response.content_part.done'),
    apply: removeAt,
  },
  {
    name: 'address an arguments event to a message item',
    breaks: breaking('stream/function-call-arguments-order', 'SSE-O-09'),
    targets: addedOfType('message'),
    apply: (base, target) => insertAt(base, target + 1, { type: 'response.function_call_arguments.delta', ...itemAddress(base.events[target]), delta: '' }),
  },
  {
    name: 'address a text event to a function call item',
    breaks: breaking('stream/content-part-order', 'SSE-O-06'),
    targets: addedOfType('function_call'),
    apply: (base, target) =>
      insertAt(base, target + 1, { type: 'response.output_text.delta', ...itemAddress(base.events[target]), content_index: 0, delta: '', logprobs: [] }),
  },
  {
    name: 'stream a refusal delta into an output_text part',
    breaks: breaking('stream/content-part-order', 'SSE-O-06'),
    targets: ofType('response.output_text.delta'),
    apply: (base, target) => patch(base, target, ({ logprobs: _dropped, ...event }) => ({ ...event, type: 'response.refusal.delta' })),
  },
  {
    name: 'finish a message with a part that was never streamed',
    breaks: breaking('stream/content-part-order', 'CNT-12'),
    targets: (events) => indexesWhere(events, (event) => event.type === 'response.output_item.done' && (event.item as EventObject).type === 'message'),
    apply: (base, target) =>
      patch(base, target, (event) => {
        const item = event.item as EventObject;
        return { ...event, item: { ...item, content: [...(item.content as EventObject[]), { type: 'output_text', text: 'unstreamed', annotations: [] }] } };
      }),
  },
  {
    name: 'drop a reasoning_summary_part.added',
    breaks: breaking('stream/reasoning-summary-order', 'SSE-O-12', 'warn'),
    targets: ofType('response.reasoning_summary_part.added'),
    apply: removeAt,
  },
  {
    name: 'drop a function_call_arguments.done',
    breaks: breaking('stream/function-call-arguments-order', 'SSE-O-11', 'warn'),
    targets: ofType('response.function_call_arguments.done'),
    apply: removeAt,
  },
  {
    name: 'change the text of one output_text delta',
    breaks: breaking('stream/text-consistency', 'SSE-C-01'),
    targets: ofType('response.output_text.delta'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, delta: `${String(event.delta)}X` })),
  },
  {
    name: 'change the text of an output_text.done',
    breaks: breaking('stream/text-consistency', 'SSE-C-01'),
    targets: ofType('response.output_text.done'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, text: `${String(event.text)}X` })),
  },
  {
    name: 'change the part text of a content_part.done',
    breaks: breaking('stream/text-consistency', 'SSE-C-02'),
    targets: (events) => indexesWhere(events, (event) => event.type === 'response.content_part.done' && (event.part as EventObject).type === 'output_text'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, part: { ...(event.part as EventObject), text: `${String((event.part as EventObject).text)}¤` } })),
  },
  {
    name: 'change the text of a refusal.done',
    breaks: breaking('stream/text-consistency', 'SSE-C-04'),
    targets: ofType('response.refusal.done'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, refusal: `${String(event.refusal)}X` })),
  },
  {
    name: 'change the text of a reasoning summary delta',
    breaks: breaking('stream/text-consistency', 'SSE-C-04'),
    targets: ofType('response.reasoning_summary_text.delta'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, delta: `${String(event.delta)}X` })),
  },
  {
    name: 'change the text of one arguments delta',
    breaks: breaking('stream/function-call-arguments', 'SSE-C-03'),
    targets: ofType('response.function_call_arguments.delta'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, delta: `${String(event.delta)} ` })),
  },
  {
    name: 'change a streamed annotation',
    breaks: breaking('stream/annotation-consistency', 'SSE-C-09'),
    targets: ofType('response.output_text.annotation.added'),
    apply: (base, target) => patch(base, target, (event) => ({ ...event, annotation: { ...(event.annotation as EventObject), title: 'Changed' } })),
  },
  {
    name: 'remove an item from the final output',
    breaks: breaking('stream/final-output-items', 'SSE-C-05'),
    targets: (events) => indexesWhere(events, (event) => event.type === 'response.completed' && (terminalSnapshot(event).output as unknown[]).length > 0),
    apply: (base, target) =>
      patch(base, target, (event) => {
        const snapshot = terminalSnapshot(event);
        const output = snapshot.output as unknown[];
        return { ...event, response: { ...snapshot, output: output.slice(0, -1) } };
      }),
  },
  {
    name: 'add obfuscation although the request turned it off',
    breaks: breaking('stream/obfuscation-opt-out', 'SSE-C-08', 'warn'),
    targets: ofType('response.output_text.delta', 'response.function_call_arguments.delta', 'response.reasoning_summary_text.delta'),
    apply: (base, target) => ({
      ...patch(base, target, (event) => ({ ...event, obfuscation: 'abc' })),
      request: { ...(base.request ?? {}), stream_options: { include_obfuscation: false } },
    }),
  },
];

/** Changes that keep a conforming stream conforming. */
export const harmlessMutations: readonly Mutation[] = [
  {
    name: 'drop an extension event',
    breaks: undefined,
    targets: (events) => indexesWhere(events, isExtension),
    apply: removeAt,
  },
  {
    name: 'insert an extension event before the terminal event',
    breaks: undefined,
    targets: (events) => indexesWhere(events, (_, i) => i <= terminalIndex(events)),
    apply: (base, target) => insertAt(base, target, extensionEvent('inserted')),
  },
  {
    name: 'send keepalive comments',
    breaks: undefined,
    targets: () => [0],
    apply: (base) => ({ ...base, render: { ...base.render, keepalive: true } }),
  },
];
