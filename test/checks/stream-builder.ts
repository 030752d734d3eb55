/**
 * Builds conforming Open Responses streams as event objects, and renders them as raw SSE text.
 * Items are built one at a time (each a list of events in its own order), merged in any
 * interleaving, then numbered: output indexes follow the order of `output_item.added`, and
 * sequence numbers the order of the stream.
 */

export type EventObject = Record<string, unknown>;

const RESPONSE_ID = 'resp_test_1';

/** A text content part of a message: `output_text` (with annotations) or `refusal`. */
export type PartSpec =
  | { kind: 'output_text'; deltas: string[]; annotations?: EventObject[] }
  | { kind: 'refusal'; deltas: string[] };

export interface MessageSpec {
  id: string;
  parts: PartSpec[];
  status?: 'completed' | 'incomplete';
}

export interface FunctionCallSpec {
  id: string;
  name: string;
  argumentDeltas: string[];
}

export interface ReasoningSpec {
  id: string;
  /** Deltas of each summary part. */
  summaries: string[][];
  /** Deltas of raw reasoning text, streamed without content_part.added (Z-11). */
  raw?: string[];
}

/** Events of one message item, in order. Output indexes are set later by `assignOutputIndexes`. */
export function messageEvents(spec: MessageSpec): EventObject[] {
  const at = { item_id: spec.id, output_index: -1 };
  const events: EventObject[] = [
    { type: 'response.output_item.added', output_index: -1, item: { id: spec.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } },
  ];
  const finished: EventObject[] = [];
  spec.parts.forEach((part, index) => {
    const where = { ...at, content_index: index };
    const text = part.deltas.join('');
    if (part.kind === 'refusal') {
      events.push({ type: 'response.content_part.added', ...where, part: { type: 'refusal', refusal: '' } });
      for (const delta of part.deltas) events.push({ type: 'response.refusal.delta', ...where, delta });
      events.push({ type: 'response.refusal.done', ...where, refusal: text });
      const done = { type: 'refusal', refusal: text };
      events.push({ type: 'response.content_part.done', ...where, part: done });
      finished.push(done);
      return;
    }
    const annotations = part.annotations ?? [];
    events.push({ type: 'response.content_part.added', ...where, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of part.deltas) events.push({ type: 'response.output_text.delta', ...where, delta, logprobs: [] });
    annotations.forEach((annotation, annotationIndex) =>
      events.push({ type: 'response.output_text.annotation.added', ...where, annotation_index: annotationIndex, annotation }),
    );
    events.push({ type: 'response.output_text.done', ...where, text, logprobs: [] });
    const done = { type: 'output_text', text, annotations };
    events.push({ type: 'response.content_part.done', ...where, part: done });
    finished.push(done);
  });
  events.push({
    type: 'response.output_item.done',
    output_index: -1,
    item: { id: spec.id, type: 'message', status: spec.status ?? 'completed', role: 'assistant', content: finished },
  });
  return events;
}

export function functionCallEvents(spec: FunctionCallSpec): EventObject[] {
  const at = { item_id: spec.id, output_index: -1 };
  const args = spec.argumentDeltas.join('');
  const item = { id: spec.id, type: 'function_call', call_id: `call_${spec.id}`, name: spec.name };
  return [
    { type: 'response.output_item.added', output_index: -1, item: { ...item, arguments: '', status: 'in_progress' } },
    ...spec.argumentDeltas.map((delta) => ({ type: 'response.function_call_arguments.delta', ...at, delta })),
    { type: 'response.function_call_arguments.done', ...at, arguments: args },
    { type: 'response.output_item.done', output_index: -1, item: { ...item, arguments: args, status: 'completed' } },
  ];
}

export function reasoningEvents(spec: ReasoningSpec): EventObject[] {
  const at = { item_id: spec.id, output_index: -1 };
  const events: EventObject[] = [{ type: 'response.output_item.added', output_index: -1, item: { id: spec.id, type: 'reasoning', summary: [] } }];
  const summary: EventObject[] = [];
  spec.summaries.forEach((deltas, index) => {
    const where = { ...at, summary_index: index };
    const text = deltas.join('');
    events.push({ type: 'response.reasoning_summary_part.added', ...where, part: { type: 'summary_text', text: '' } });
    for (const delta of deltas) events.push({ type: 'response.reasoning_summary_text.delta', ...where, delta });
    events.push({ type: 'response.reasoning_summary_text.done', ...where, text });
    events.push({ type: 'response.reasoning_summary_part.done', ...where, part: { type: 'summary_text', text } });
    summary.push({ type: 'summary_text', text });
  });
  const item: EventObject = { id: spec.id, type: 'reasoning', summary };
  if (spec.raw !== undefined) {
    const where = { ...at, content_index: 0 };
    const text = spec.raw.join('');
    for (const delta of spec.raw) events.push({ type: 'response.reasoning.delta', ...where, delta });
    events.push({ type: 'response.reasoning.done', ...where, text });
    item.content = [{ type: 'reasoning_text', text }];
  }
  events.push({ type: 'response.output_item.done', output_index: -1, item });
  return events;
}

export function extensionEvent(name = 'trace_event'): EventObject {
  return { type: `acme:${name}`, phase: 'tool_resolution', latency_ms: 34 };
}

export function urlCitation(n: number): EventObject {
  return { type: 'url_citation', url: `https://example.com/${n}`, start_index: 0, end_index: 4, title: `Source ${n}` };
}

/**
 * Merges event lists, keeping each list's own order; `pick(n)` chooses which of the `n` lists
 * with events left goes next (the first one when omitted: the lists one after another).
 */
export function interleave(lists: EventObject[][], pick: (n: number) => number = () => 0): EventObject[] {
  const queues = lists.map((list) => [...list]).filter((list) => list.length > 0);
  const merged: EventObject[] = [];
  while (queues.length > 0) {
    const chosen = Math.min(Math.max(0, pick(queues.length)), queues.length - 1);
    merged.push(queues[chosen].shift() as EventObject);
    if (queues[chosen].length === 0) queues.splice(chosen, 1);
  }
  return merged;
}

/** Copies the events with `output_index` set from the order in which items were added. */
export function assignOutputIndexes(events: EventObject[]): EventObject[] {
  const indexOf = new Map<string, number>();
  return events.map((event) => {
    if (!('output_index' in event)) return event;
    const id = event.type === 'response.output_item.added' || event.type === 'response.output_item.done' ? (event.item as EventObject).id : event.item_id;
    if (event.type === 'response.output_item.added') indexOf.set(id as string, indexOf.size);
    return { ...event, output_index: indexOf.get(id as string) ?? -1 };
  });
}

export type Ending = 'completed' | 'incomplete' | 'failed';

/** A response snapshot that validates against ResponseResource. */
export function responseSnapshot(status: string, output: EventObject[] = []): EventObject {
  return {
    id: RESPONSE_ID,
    object: 'response',
    created_at: 1741476777,
    completed_at: status === 'completed' ? 1741476778 : null,
    status,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model: 'test-model',
    previous_response_id: null,
    instructions: null,
    output,
    error: status === 'failed' ? { code: 'server_error', message: 'The model failed.' } : null,
    tools: [],
    tool_choice: 'auto',
    truncation: 'disabled',
    parallel_tool_calls: true,
    text: { format: { type: 'text' } },
    top_p: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    top_logprobs: 0,
    temperature: 1,
    reasoning: null,
    usage: status === 'completed' ? usage(output) : null,
    max_output_tokens: null,
    max_tool_calls: null,
    store: true,
    background: false,
    service_tier: 'default',
    metadata: {},
    safety_identifier: null,
    prompt_cache_key: null,
  };
}

/** Usage of a response: reasoning shown in the output spent tokens (RSN-07); one digit, so byte offsets stay those of 0. */
function usage(output: readonly EventObject[]): EventObject {
  const reasoned = output.some((item) => item.type === 'reasoning' && JSON.stringify([item.summary ?? [], item.content ?? []]).includes('"text":"'));
  return { input_tokens: 12, output_tokens: 30, total_tokens: 42, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: reasoned ? 9 : 0 } };
}

/** The items of every `output_item.done`, ordered by output index: the final `output`. */
export function finishedItems(events: EventObject[]): EventObject[] {
  return events
    .filter((event) => event.type === 'response.output_item.done')
    .sort((a, b) => (a.output_index as number) - (b.output_index as number))
    .map((event) => event.item as EventObject);
}

export interface StreamOptions {
  /** Open with response.created showing `queued`, then response.queued and response.in_progress. */
  queued?: boolean;
  /** Leave out response.in_progress (allowed, with a warning, when created shows in_progress). */
  inProgressEvent?: boolean;
  ending?: Ending;
  /** Send an `error` event before `response.failed`. */
  errorBeforeFailure?: boolean;
}

/** A whole stream: lifecycle events around the body events, the terminal snapshot built from them. */
export function wrapStream(body: EventObject[], options: StreamOptions = {}): EventObject[] {
  const ending = options.ending ?? 'completed';
  const indexed = assignOutputIndexes(body);
  const opening: EventObject[] = options.queued
    ? [
        { type: 'response.created', response: responseSnapshot('queued') },
        { type: 'response.queued', response: responseSnapshot('queued') },
        { type: 'response.in_progress', response: responseSnapshot('in_progress') },
      ]
    : [
        { type: 'response.created', response: responseSnapshot('in_progress') },
        ...(options.inProgressEvent === false ? [] : [{ type: 'response.in_progress', response: responseSnapshot('in_progress') }]),
      ];
  const failure = options.errorBeforeFailure ? [errorEvent()] : [];
  const terminal = { type: `response.${ending}`, response: responseSnapshot(ending, finishedItems(indexed)) };
  return numbered([...opening, ...indexed, ...(ending === 'failed' ? failure : []), terminal]);
}

export function errorEvent(): EventObject {
  return { type: 'error', error: { type: 'server_error', code: 'server_error', message: 'The model failed.', param: null } };
}

/** Copies the events with sequence numbers `start`, `start + 1`, … in stream order. */
export function numbered(events: EventObject[], start = 0): EventObject[] {
  return events.map((event, index) => ({ ...event, sequence_number: start + index }));
}

export interface RenderOptions {
  /** Append `data: [DONE]` (default true). */
  done?: boolean;
  /** The `event:` line per event; the default is the event's type, `null` leaves the line out. */
  eventField?: (event: EventObject, index: number) => string | null;
  /** Add an `id:` line to the message at this index. */
  idAt?: number;
  /** Insert `: keepalive` comments between messages. */
  keepalive?: boolean;
  /** Leave out the blank line that closes the last message. */
  unterminated?: boolean;
  /** Raw SSE messages to put in front of the message at a given index. */
  rawBefore?: Map<number, string>;
}

/** Renders events as SSE text, as a server would send them. */
export function render(events: EventObject[], options: RenderOptions = {}): string {
  const messages = events.map((event, index) => {
    const name = options.eventField === undefined ? (event.type as string) : options.eventField(event, index);
    const lines = [name === null ? undefined : `event: ${name}`, options.idAt === index ? `id: ${index}` : undefined, `data: ${JSON.stringify(event)}`];
    const message = lines.filter((line) => line !== undefined).join('\n') + '\n\n';
    return (options.rawBefore?.get(index) ?? '') + (options.keepalive ? ': keepalive\n\n' : '') + message;
  });
  if (options.done ?? true) messages.push('data: [DONE]\n\n');
  const text = messages.join('');
  return options.unterminated ? text.replace(/\n\n$/, '\n') : text;
}

/** A message with an annotated text part and a refusal, a function call, and a reasoning item. */
export function richBody(): EventObject[] {
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
