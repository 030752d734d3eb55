import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { sseStreamEngineChecks } from '../../src/checks/stream/engine.js';
import type { Finding } from '../../src/checks/types.js';
import { exactFindingsTable, found, shortExcerpts } from './direct.js';
import { runStream } from './harness.js';
import { mutations, type StreamCase } from './mutations.js';
import { render, richBody, wrapStream } from './stream-builder.js';
import { violations } from './violations.js';

/**
 * Every finding of every stream check, exactly, for each mutation operator at its first and last
 * target on the rich queued stream. The operator tests only name the rule; mutation testing showed
 * the messages, expected and actual texts and locations of the stream checks untested.
 */
const checks = [eventSchema, ...sseStreamEngineChecks];
const base: StreamCase = { events: wrapStream(richBody(), { queued: true }), render: {} };

/** The JSON parser's own words differ between Node releases; the finding wraps them. */
const NOT_JSON: string = expect.stringMatching(/^not JSON \(.+\)$/);

/** Every finding of the stream checks on `text`, excerpts cut short. */
function findingsOn(text: string, request: Record<string, unknown> | undefined): Finding[] {
  return shortExcerpts(runStream(text, checks, request === undefined ? {} : { request }));
}

function findingsOf(name: string, target: number): Finding[] {
  const mutation = mutations.find((candidate) => candidate.name === name);
  if (mutation === undefined) throw new Error(`no mutation named ${name}`);
  const mutated = mutation.apply(base, target);
  return findingsOn(render(mutated.events, mutated.render), mutated.request);
}

function violationFindings(name: string): Finding[] {
  const violation = violations.find(([candidate]) => candidate === name);
  if (violation === undefined) throw new Error(`no violation named ${name}`);
  const built = violation[2]();
  return findingsOn(built.raw ?? render(built.events, built.extra?.render), built.extra?.request);
}

const EXPECTED: [mutation: string, target: number, findings: Finding[]][] = [
  ['drop [DONE]', 0, [
      found('stream/done-sentinel', 'SSE-F-05', 'fail',
        'The stream ended without the final data: [DONE] message.',
        'data: [DONE] as the last message', 'the stream closed after the last event', { eventIndex: 36, byteOffset: 10575, eventType: 'response.completed', sequenceNumber: 36 }),
  ]],
  ['cut the closing blank line', 0, [
      found('stream/sse-message-terminated', 'SSE-F-05', 'warn',
        'The stream ended in the middle of its last SSE message (no closing blank line); standard SSE clients discard such a message.',
        'a blank line after the last message', 'end of the body', { eventIndex: 37, byteOffset: 10588 }, '[DONE]'),
  ]],
  ['put non-JSON data before an event', 0, [
      found('stream/sse-data-json', 'SSE-F-02', 'fail',
        'The data of this SSE message is not JSON; every message except the final [DONE] must carry one JSON-encoded event object.',
        'a JSON object, or exactly [DONE]', NOT_JSON, { eventIndex: 0, byteOffset: 21 }, '{"type": oops'),
  ]],
  ['put non-JSON data before an event', 36, [
      found('stream/sse-data-json', 'SSE-F-02', 'fail',
        'The data of this SSE message is not JSON; every message except the final [DONE] must carry one JSON-encoded event object.',
        'a JSON object, or exactly [DONE]', NOT_JSON, { eventIndex: 36, byteOffset: 9111 }, '{"type": oops'),
  ]],
  ['change one event: line', 0, [
      found('stream/sse-event-field', 'SSE-F-03', 'fail',
        'The SSE event: line names a different event than the "type" in the message data; they must be equal.',
        'event: response.created', 'event: response.bogus', { eventIndex: 0, byteOffset: 711, eventType: 'response.created', sequenceNumber: 0, path: '/type' }, '{"type":"response.created","response":{"'),
  ]],
  ['change one event: line', 36, [
      found('stream/sse-event-field', 'SSE-F-03', 'fail',
        'The SSE event: line names a different event than the "type" in the message data; they must be equal.',
        'event: response.completed', 'event: response.bogus', { eventIndex: 36, byteOffset: 10571, eventType: 'response.completed', sequenceNumber: 36, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ['leave out one event: line', 0, [
      found('stream/sse-event-field', 'SSE-F-03', 'warn',
        "The SSE message carrying response.created has no event: line; the spec's messages name their type in event: as well (reported once per stream).",
        'event: response.created', 'no event: line', { eventIndex: 0, byteOffset: 689, eventType: 'response.created', sequenceNumber: 0 }, '{"type":"response.created","response":{"'),
  ]],
  ['leave out one event: line', 36, [
      found('stream/sse-event-field', 'SSE-F-03', 'warn',
        "The SSE message carrying response.completed has no event: line; the spec's messages name their type in event: as well (reported once per stream).",
        'event: response.completed', 'no event: line', { eventIndex: 36, byteOffset: 10549, eventType: 'response.completed', sequenceNumber: 36 }, '{"type":"response.completed","response":'),
  ]],
  ['add an id: line', 0, [
      found('stream/sse-id-field', 'SSE-F-04', 'warn',
        'An SSE message carries an id: line; servers should not use SSE ids (reported once per stream).',
        'no id: line', 'id: 0', { eventIndex: 0, byteOffset: 719, eventType: 'response.created', sequenceNumber: 0 }, '{"type":"response.created","response":{"'),
  ]],
  ['add an id: line', 36, [
      found('stream/sse-id-field', 'SSE-F-04', 'warn',
        'An SSE message carries an id: line; servers should not use SSE ids (reported once per stream).',
        'no id: line', 'id: 36', { eventIndex: 36, byteOffset: 10582, eventType: 'response.completed', sequenceNumber: 36 }, '{"type":"response.completed","response":'),
  ]],
  ['swap two sequence numbers', 0, [
      found('stream/sequence-number-increasing', 'SSE-SEQ-02', 'fail',
        'The sequence_number goes down from 1 to 0; sequence numbers must increase in the order events are sent.',
        'more than 1', '0', { eventIndex: 1, byteOffset: 1424, eventType: 'response.queued', sequenceNumber: 0, path: '/sequence_number' }, '{"type":"response.queued","response":{"i'),
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 0 to 2; a client reads the gap as 1 lost event(s).',
        '1', '2', { eventIndex: 2, byteOffset: 2150, eventType: 'response.in_progress', sequenceNumber: 2, path: '/sequence_number' }, '{"type":"response.in_progress","response'),
  ]],
  ['swap two sequence numbers', 35, [
      found('stream/sequence-number-increasing', 'SSE-SEQ-02', 'fail',
        'The sequence_number goes down from 36 to 35; sequence numbers must increase in the order events are sent.',
        'more than 36', '35', { eventIndex: 36, byteOffset: 10575, eventType: 'response.completed', sequenceNumber: 35, path: '/sequence_number' }, '{"type":"response.completed","response":'),
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 34 to 36; a client reads the gap as 1 lost event(s).',
        '35', '36', { eventIndex: 35, byteOffset: 9090, eventType: 'response.output_item.done', sequenceNumber: 36, path: '/sequence_number' }, '{"type":"response.output_item.done","out'),
  ]],
  ['open a gap in the sequence numbers', 1, [
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 0 to 4; a client reads the gap as 3 lost event(s).',
        '1', '4', { eventIndex: 1, byteOffset: 1424, eventType: 'response.queued', sequenceNumber: 4, path: '/sequence_number' }, '{"type":"response.queued","response":{"i'),
  ]],
  ['open a gap in the sequence numbers', 36, [
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 35 to 39; a client reads the gap as 3 lost event(s).',
        '36', '39', { eventIndex: 36, byteOffset: 10575, eventType: 'response.completed', sequenceNumber: 39, path: '/sequence_number' }, '{"type":"response.completed","response":'),
  ]],
  ['drop response.created', 0, [
      found('stream/response-lifecycle', 'SSE-O-01', 'warn',
        'The stream opens with response.queued; by convention the first event is response.created.',
        'response.created', 'response.queued', { eventIndex: 0, byteOffset: 711, eventType: 'response.queued', sequenceNumber: 0, path: '/type' }, '{"type":"response.queued","response":{"i'),
  ]],
  ['drop response.in_progress after response.queued', 2, [
      found('stream/response-lifecycle', 'SSE-O-02', 'fail',
        'response.output_item.added streams output while the response is still queued; a queued response must move to in_progress with a response.in_progress event first.',
        'response.in_progress after response.queued', 'response.output_item.added', { eventIndex: 2, byteOffset: 1634, eventType: 'response.output_item.added', sequenceNumber: 2, path: '/type' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['duplicate the terminal event', 36, [
      found('stream/single-terminal-event', 'SSE-O-14', 'fail',
        'A second terminal event (response.completed) follows response.completed; a stream ends its response exactly once.',
        'data: [DONE]', 'response.completed', { eventIndex: 37, byteOffset: 12060, eventType: 'response.completed', sequenceNumber: 37, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ['send response.created again after the terminal event', 36, [
      found('stream/single-terminal-event', 'SSE-O-14', 'fail',
        'response.created follows the terminal event response.completed; no event of the response may follow it, only data: [DONE].',
        'data: [DONE]', 'response.created', { eventIndex: 37, byteOffset: 11289, eventType: 'response.created', sequenceNumber: 37, path: '/type' }, '{"type":"response.created","response":{"'),
  ]],
  ['send an error event before a successful end', 36, [
      found('stream/error-then-failed', 'SSE-O-16', 'fail',
        'An error event earlier in the stream is followed by response.completed; after an error the response must end with response.failed.',
        'response.failed', 'response.completed', { eventIndex: 37, byteOffset: 10730, eventType: 'response.completed', sequenceNumber: 37, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ['change the status of the terminal snapshot', 36, [
      // A terminal snapshot's contradiction names RES-16, how a streamed response ends.
      found('stream/snapshot-status', 'RES-16', 'fail',
        'The response snapshot in response.completed has status "in_progress", which contradicts the event.',
        '"completed"', '"in_progress"', { eventIndex: 36, byteOffset: 10577, eventType: 'response.completed', sequenceNumber: 36, path: '/response/status' }, '{"type":"response.completed","response":'),
  ]],
  ['change the response id of the terminal snapshot', 36, [
      found('stream/response-id-stable', 'SSE-C-07', 'fail',
        'The response id in response.completed differs from the id in response.created; one stream carries one response.',
        '"resp_test_1"', '"resp_other"', { eventIndex: 36, byteOffset: 10574, eventType: 'response.completed', sequenceNumber: 36, path: '/response/id' }, '{"type":"response.completed","response":'),
  ]],
  ['drop an output_item.added', 3, [
      found('stream/item-order', 'SSE-O-05', 'fail',
        "response.content_part.added refers to item \"msg_1\", which no response.output_item.added announced before; an item's first event is output_item.added.",
        'response.output_item.added first', 'response.content_part.added', { eventIndex: 3, byteOffset: 2361, eventType: 'response.content_part.added', sequenceNumber: 3, path: '/item_id' }, '{"type":"response.content_part.added","i'),
  ]],
  ['drop an output_item.added', 22, [
      found('stream/item-order', 'SSE-O-05', 'fail',
        "response.reasoning_summary_part.added refers to item \"rs_1\", which no response.output_item.added announced before; an item's first event is output_item.added.",
        'response.output_item.added first', 'response.reasoning_summary_part.added', { eventIndex: 22, byteOffset: 6511, eventType: 'response.reasoning_summary_part.added', sequenceNumber: 22, path: '/item_id' }, '{"type":"response.reasoning_summary_part'),
  ]],
  ['add an item twice', 3, [
      found('stream/item-order', 'SSE-O-10', 'fail',
        'response.output_item.added adds item "msg_1" a second time; each item is added once.',
        'one output_item.added per item id', 'a second output_item.added', { eventIndex: 4, byteOffset: 2570, eventType: 'response.output_item.added', sequenceNumber: 4, path: '/item/id' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['add an item twice', 22, [
      found('stream/item-order', 'SSE-O-10', 'fail',
        'response.output_item.added adds item "rs_1" a second time; each item is added once.',
        'one output_item.added per item id', 'a second output_item.added', { eventIndex: 23, byteOffset: 6636, eventType: 'response.output_item.added', sequenceNumber: 23, path: '/item/id' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['finish an item twice', 16, [
      found('stream/item-order', 'SSE-O-08', 'fail',
        'response.output_item.done refers to item "msg_1" after response.output_item.done finished it; a done item gets no further events.',
        'no event for the item after its output_item.done', 'response.output_item.done', { eventIndex: 17, byteOffset: 5663, eventType: 'response.output_item.done', sequenceNumber: 17, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['finish an item twice', 35, [
      found('stream/item-order', 'SSE-O-08', 'fail',
        'response.output_item.done refers to item "rs_1" after response.output_item.done finished it; a done item gets no further events.',
        'no event for the item after its output_item.done', 'response.output_item.done', { eventIndex: 36, byteOffset: 9399, eventType: 'response.output_item.done', sequenceNumber: 36, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['drop an output_item.done before a successful end', 16, [
      found('stream/item-order', 'SSE-O-15', 'fail',
        'response.completed ends the response while item "msg_1" (output_index 0) was never finished with response.output_item.done.',
        'response.output_item.done for every added item first', 'the item still open', { eventIndex: 35, byteOffset: 10159, eventType: 'response.completed', sequenceNumber: 35, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ['drop an output_item.done before a successful end', 35, [
      found('stream/item-order', 'SSE-O-15', 'fail',
        'response.completed ends the response while item "rs_1" (output_index 2) was never finished with response.output_item.done.',
        'response.output_item.done for every added item first', 'the item still open', { eventIndex: 35, byteOffset: 10266, eventType: 'response.completed', sequenceNumber: 35, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ["change one event's output_index", 4, [
      found('stream/output-index', 'SSE-O-20', 'fail',
        'response.content_part.added for item "msg_1" has output_index 1, but the item was added at output_index 0; all events of an item carry the same index.',
        '0', '1', { eventIndex: 4, byteOffset: 2571, eventType: 'response.content_part.added', sequenceNumber: 4, path: '/output_index' }, '{"type":"response.content_part.added","i'),
  ]],
  ["change one event's output_index", 35, [
      found('stream/output-index', 'SSE-O-20', 'fail',
        'response.output_item.done for item "rs_1" has output_index 3, but the item was added at output_index 2; all events of an item carry the same index.',
        '2', '3', { eventIndex: 35, byteOffset: 9090, eventType: 'response.output_item.done', sequenceNumber: 35, path: '/output_index' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        "The final response's output has item \"rs_1\" at position 2, but the item was streamed with output_index 3.",
        'position 3', 'position 2', { eventIndex: 36, byteOffset: 10575, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/2' }, '{"type":"response.completed","response":'),
  ]],
  ['show a done item still in_progress', 16, [
      found('stream/item-status', 'SSE-O-18', 'fail',
        'response.output_item.done shows item "msg_1" still in_progress; a done item is completed or incomplete.',
        '"completed" or "incomplete"', '"in_progress"', { eventIndex: 16, byteOffset: 5249, eventType: 'response.output_item.done', sequenceNumber: 16, path: '/item/status' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"msg_1\" as response.output_item.done finished it (first at /status).",
        'the item as output_item.done showed it', 'a different value at /status', { eventIndex: 36, byteOffset: 10577, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/0/status' }, '{"type":"response.completed","response":'),
  ]],
  ['show a done item still in_progress', 21, [
      found('stream/item-status', 'SSE-O-18', 'fail',
        'response.output_item.done shows item "fc_1" still in_progress; a done item is completed or incomplete.',
        '"completed" or "incomplete"', '"in_progress"', { eventIndex: 21, byteOffset: 6298, eventType: 'response.output_item.done', sequenceNumber: 21, path: '/item/status' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"fc_1\" as response.output_item.done finished it (first at /status).",
        'the item as output_item.done showed it', 'a different value at /status', { eventIndex: 36, byteOffset: 10577, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/1/status' }, '{"type":"response.completed","response":'),
  ]],
  ['end a message incomplete inside a completed response', 16, [
      found('stream/incomplete-item-last', 'SSE-O-17', 'fail',
        'response.output_item.added starts item "fc_1" after item "msg_1" ended incomplete; an incomplete item must be the last item.',
        'no item after the incomplete one', 'another item', { eventIndex: 17, byteOffset: 5490, eventType: 'response.output_item.added', sequenceNumber: 17, path: '/type' }, '{"type":"response.output_item.added","ou'),
      found('stream/incomplete-item-last', 'SSE-O-17', 'fail',
        'The response ends with response.completed although item "msg_1" ended incomplete; a response with an incomplete item must end with response.incomplete.',
        'response.incomplete', 'response.completed', { eventIndex: 36, byteOffset: 10576, eventType: 'response.completed', sequenceNumber: 36, path: '/type' }, '{"type":"response.completed","response":'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"msg_1\" as response.output_item.done finished it (first at /status).",
        'the item as output_item.done showed it', 'a different value at /status', { eventIndex: 36, byteOffset: 10576, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/0/status' }, '{"type":"response.completed","response":'),
  ]],
  ['drop a content_part.added', 4, [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        "response.output_text.delta refers to content part 0 of item \"msg_1\" before response.content_part.added opened that part; a part's first event is its added event.",
        'response.content_part.added first', 'response.output_text.delta', { eventIndex: 4, byteOffset: 2540, eventType: 'response.output_text.delta', sequenceNumber: 4, path: '/content_index' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['drop a content_part.added', 11, [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        "response.refusal.delta refers to content part 1 of item \"msg_1\" before response.content_part.added opened that part; a part's first event is its added event.",
        'response.content_part.added first', 'response.refusal.delta', { eventIndex: 11, byteOffset: 4114, eventType: 'response.refusal.delta', sequenceNumber: 11, path: '/content_index' }, '{"type":"response.refusal.delta","item_i'),
  ]],
  ["drop a part's text done event", 9, [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.content_part.done closes content part 0 of item "msg_1" without the response.output_text.done event that finishes its text.',
        'response.output_text.done before response.content_part.done', 'response.content_part.done without it', { eventIndex: 9, byteOffset: 3760, eventType: 'response.content_part.done', sequenceNumber: 9, path: '/type' }, '{"type":"response.content_part.done","it'),
  ]],
  ["drop a part's text done event", 14, [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.content_part.done closes content part 1 of item "msg_1" without the response.refusal.done event that finishes its text.',
        'response.refusal.done before response.content_part.done', 'response.content_part.done without it', { eventIndex: 14, byteOffset: 4667, eventType: 'response.content_part.done', sequenceNumber: 14, path: '/type' }, '{"type":"response.content_part.done","it'),
  ]],
  ['drop a content_part.done', 10, [
      found('stream/content-part-order', 'SSE-O-07', 'fail',
        'response.output_item.done closes item "msg_1" while its content part 0 is still open; every part is finished before its item.',
        'response.content_part.done first', 'response.output_item.done', { eventIndex: 15, byteOffset: 4917, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['drop a content_part.done', 15, [
      found('stream/content-part-order', 'SSE-O-07', 'fail',
        'response.output_item.done closes item "msg_1" while its content part 1 is still open; every part is finished before its item.',
        'response.content_part.done first', 'response.output_item.done', { eventIndex: 15, byteOffset: 5047, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['address an arguments event to a message item', 3, [
      found('stream/function-call-arguments-order', 'SSE-O-09', 'fail',
        'response.function_call_arguments.delta is addressed to item "msg_1", a message item; only a function_call item streams arguments.',
        'a function_call item', 'a message item', { eventIndex: 4, byteOffset: 2529, eventType: 'response.function_call_arguments.delta', sequenceNumber: 4, path: '/item_id' }, '{"type":"response.function_call_argument'),
  ]],
  ['address a text event to a function call item', 17, [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.output_text.delta is addressed to item "fc_1", a function_call item, which has no content to stream into.',
        'an item with content', 'a function_call item', { eventIndex: 18, byteOffset: 5666, eventType: 'response.output_text.delta', sequenceNumber: 18, path: '/item_id' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['stream a refusal delta into an output_text part', 5, [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.refusal.delta streams into content part 0 of item "msg_1", a output_text part; each part takes only the delta and done events of its own type.',
        'the events of a output_text part', 'response.refusal.delta', { eventIndex: 5, byteOffset: 2729, eventType: 'response.refusal.delta', sequenceNumber: 5, path: '/type' }, '{"type":"response.refusal.delta","item_i'),
  ]],
  ['stream a refusal delta into an output_text part', 7, [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.refusal.delta streams into content part 0 of item "msg_1", a output_text part; each part takes only the delta and done events of its own type.',
        'the events of a output_text part', 'response.refusal.delta', { eventIndex: 7, byteOffset: 3098, eventType: 'response.refusal.delta', sequenceNumber: 7, path: '/type' }, '{"type":"response.refusal.delta","item_i'),
  ]],
  ['finish a message with a part that was never streamed', 16, [
      found('stream/content-part-order', 'CNT-12', 'fail',
        'response.output_item.done finishes item "msg_1" with a content part at content[2] that was never streamed (no response.content_part.added or delta for it); streamable content is carried in a streamed part.',
        "response.content_part.added and the part's events before output_item.done", 'a part that appears only in the done item', { eventIndex: 16, byteOffset: 5307, eventType: 'response.output_item.done', sequenceNumber: 16, path: '/item/content/2' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"msg_1\" as response.output_item.done finished it (first at /content/2).",
        'the item as output_item.done showed it', 'a different value at /content/2', { eventIndex: 36, byteOffset: 10635, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/0/content/2' }, '{"type":"response.completed","response":'),
  ]],
  ['drop a reasoning_summary_part.added', 23, [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        "response.reasoning_summary_text.delta refers to summary part 0 of item \"rs_1\" before response.reasoning_summary_part.added opened that part; a part's first event is its added event.",
        'response.reasoning_summary_part.added first', 'response.reasoning_summary_text.delta', { eventIndex: 23, byteOffset: 6656, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 23, path: '/summary_index' }, '{"type":"response.reasoning_summary_text'),
  ]],
  ['drop a reasoning_summary_part.added', 28, [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        "response.reasoning_summary_text.delta refers to summary part 1 of item \"rs_1\" before response.reasoning_summary_part.added opened that part; a part's first event is its added event.",
        'response.reasoning_summary_part.added first', 'response.reasoning_summary_text.delta', { eventIndex: 28, byteOffset: 7663, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 28, path: '/summary_index' }, '{"type":"response.reasoning_summary_text'),
  ]],
  ['drop a function_call_arguments.done', 20, [
      found('stream/function-call-arguments-order', 'SSE-O-11', 'warn',
        'response.output_item.done closes function call "fc_1" without a response.function_call_arguments.done event before it.',
        'response.function_call_arguments.done before output_item.done', 'no function_call_arguments.done', { eventIndex: 20, byteOffset: 6105, eventType: 'response.output_item.done', sequenceNumber: 20, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['change the text of one output_text delta', 5, [
      found('stream/text-consistency', 'SSE-C-01', 'fail',
        'The text in response.output_text.done differs from the concatenated deltas of the same part (item "msg_1"); they first differ at character 3.',
        '"HelXlo, wörld 😀" (16 characters)', '"Hello, wörld 😀" (15 characters)', { eventIndex: 9, byteOffset: 3624, eventType: 'response.output_text.done', sequenceNumber: 9, path: '/text' }, '{"type":"response.output_text.done","ite'),
  ]],
  ['change the text of one output_text delta', 7, [
      found('stream/text-consistency', 'SSE-C-01', 'fail',
        'The text in response.output_text.done differs from the concatenated deltas of the same part (item "msg_1"); they first differ at character 15.',
        '"…lo, wörld 😀X" (16 characters)', '"…lo, wörld 😀" (15 characters)', { eventIndex: 9, byteOffset: 3624, eventType: 'response.output_text.done', sequenceNumber: 9, path: '/text' }, '{"type":"response.output_text.done","ite'),
  ]],
  ['change the text of an output_text.done', 9, [
      found('stream/text-consistency', 'SSE-C-01', 'fail',
        'The text in response.output_text.done differs from the concatenated deltas of the same part (item "msg_1"); they first differ at character 15.',
        '"…lo, wörld 😀" (15 characters)', '"…lo, wörld 😀X" (16 characters)', { eventIndex: 9, byteOffset: 3624, eventType: 'response.output_text.done', sequenceNumber: 9, path: '/text' }, '{"type":"response.output_text.done","ite'),
  ]],
  ['change the part text of a content_part.done', 10, [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The part text in response.content_part.done differs from the text streamed for that part (item "msg_1"); they first differ at character 15.',
        '"…lo, wörld 😀" (15 characters)', '"…lo, wörld 😀¤" (16 characters)', { eventIndex: 10, byteOffset: 3955, eventType: 'response.content_part.done', sequenceNumber: 10, path: '/part/text' }, '{"type":"response.content_part.done","it'),
  ]],
  ['change the text of a refusal.done', 14, [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The refusal in response.refusal.done differs from the concatenated deltas of the same part (item "msg_1"); they first differ at character 8.',
        "\"I can't.\" (8 characters)", "\"I can't.X\" (9 characters)", { eventIndex: 14, byteOffset: 4632, eventType: 'response.refusal.done', sequenceNumber: 14, path: '/refusal' }, '{"type":"response.refusal.done","item_id'),
  ]],
  ['change the text of a reasoning summary delta', 24, [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The text in response.reasoning_summary_text.done differs from the concatenated deltas of the same part (item "rs_1"); they first differ at character 5.',
        '"ThinkXing." (10 characters)', '"Thinking." (9 characters)', { eventIndex: 26, byteOffset: 7252, eventType: 'response.reasoning_summary_text.done', sequenceNumber: 26, path: '/text' }, '{"type":"response.reasoning_summary_text'),
  ]],
  ['change the text of a reasoning summary delta', 29, [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The text in response.reasoning_summary_text.done differs from the concatenated deltas of the same part (item "rs_1"); they first differ at character 5.',
        '"Done.X" (6 characters)', '"Done." (5 characters)', { eventIndex: 30, byteOffset: 8066, eventType: 'response.reasoning_summary_text.done', sequenceNumber: 30, path: '/text' }, '{"type":"response.reasoning_summary_text'),
  ]],
  ['change the text of one arguments delta', 18, [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments in response.function_call_arguments.done differ from the concatenated argument deltas (item "fc_1"); they first differ at character 8.',
        '"{\\"city\\": \\"Paris\\"}" (17 characters)', '"{\\"city\\":\\"Paris\\"}" (16 characters)', { eventIndex: 20, byteOffset: 6039, eventType: 'response.function_call_arguments.done', sequenceNumber: 20, path: '/arguments' }, '{"type":"response.function_call_argument'),
  ]],
  ['change the text of one arguments delta', 19, [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments in response.function_call_arguments.done differ from the concatenated argument deltas (item "fc_1"); they first differ at character 16.',
        '"…ty\\":\\"Paris\\"} " (17 characters)', '"…ty\\":\\"Paris\\"}" (16 characters)', { eventIndex: 20, byteOffset: 6039, eventType: 'response.function_call_arguments.done', sequenceNumber: 20, path: '/arguments' }, '{"type":"response.function_call_argument'),
  ]],
  ['change a streamed annotation', 8, [
      found('stream/annotation-consistency', 'SSE-C-09', 'fail',
        'The annotation streamed at annotation_index 0 (item "msg_1") is not the annotation at that index in response.content_part.done.',
        '{"type":"url_citation","url":"https://example.com/1","start_index":0,"end_index":4,"title":"Changed"}', '{"type":"url_citation","url":"https://example.com/1","start_index":0,"end_index":4,"title":"Source 1"}', { eventIndex: 10, byteOffset: 3952, eventType: 'response.content_part.done', sequenceNumber: 10, path: '/part/annotations/0' }, '{"type":"response.content_part.done","it'),
  ]],
  ['remove an item from the final output', 36, [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output lacks item \"rs_1\", which response.output_item.done finished at output_index 2.",
        'the item at position 2', 'no item there', { eventIndex: 36, byteOffset: 10388, eventType: 'response.completed', sequenceNumber: 36, path: '/response/output/2' }, '{"type":"response.completed","response":'),
  ]],
  ['add obfuscation although the request turned it off', 5, [
      found('stream/obfuscation-opt-out', 'SSE-C-08', 'warn',
        'response.output_text.delta carries an obfuscation field although the request set stream_options.include_obfuscation to false.',
        'no obfuscation field', 'an obfuscation field', { eventIndex: 5, byteOffset: 2771, eventType: 'response.output_text.delta', sequenceNumber: 5, path: '/obfuscation' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['add obfuscation although the request turned it off', 29, [
      found('stream/obfuscation-opt-out', 'SSE-C-08', 'warn',
        'response.reasoning_summary_text.delta carries an obfuscation field although the request set stream_options.include_obfuscation to false.',
        'no obfuscation field', 'an obfuscation field', { eventIndex: 29, byteOffset: 7898, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 29, path: '/obfuscation' }, '{"type":"response.reasoning_summary_text'),
  ]],
]

describe('each mutation operator, every finding exactly', () => {
  it('covers every operator at its first and last target', () => {
    const covered = new Set(EXPECTED.map(([name, target]) => `${name} @${target}`));
    const wanted = mutations.flatMap((mutation) => {
      const targets = mutation.targets(base.events);
      return [...new Set([targets[0], targets[targets.length - 1]])].map((target) => `${mutation.name} @${target}`);
    });
    expect([...covered]).toEqual(wanted);
  });

  it.each(EXPECTED)('%s at event %i', (name, target, expected) => {
    expect(findingsOf(name, target)).toEqual(expected);
  });
});

const VIOLATIONS: [violation: string, findings: Finding[]][] = [
  ['data that is JSON but not an object', [
      found('stream/sse-data-json', 'SSE-F-02', 'fail',
        'The data of this SSE message is JSON but not an object; every message must carry one event object.',
        'a JSON object', 'an array', { eventIndex: 0, byteOffset: 13 }, '[1,2]'),
  ]],
  ['an id: line on a message without data', [
      found('stream/sse-id-field', 'SSE-F-04', 'warn',
        'An SSE message without data carries an id: line; servers should not use SSE ids (reported once per stream).',
        'no id: line', 'an id: line on a message without data', { byteOffset: 7 }),
  ]],
  ['[DONE] with trailing whitespace', [
      found('stream/sse-data-json', 'SSE-F-02', 'fail',
        'The data of this SSE message is [DONE] with extra whitespace; the terminal message must be exactly the literal [DONE].',
        'a JSON object, or exactly [DONE]', NOT_JSON, { eventIndex: 36, byteOffset: 9883 }, '[DONE] '),
      found('stream/done-sentinel', 'SSE-F-05', 'fail',
        'The stream ended without the final data: [DONE] message.',
        'data: [DONE] as the last message', 'the stream closed after the last event', { eventIndex: 36, byteOffset: 9883 }),
  ]],
  ['a message after [DONE]', [
      found('stream/done-sentinel', 'SSE-O-14', 'fail',
        'An SSE message follows data: [DONE]; [DONE] must be the last message of the stream.',
        'the end of the stream after [DONE]', 'another message', { eventIndex: 37, byteOffset: 9949, eventType: 'acme:late', sequenceNumber: 999 }, '{"type":"acme:late","sequence_number":99'),
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 35 to 999; a client reads the gap as 963 lost event(s).',
        '36', '999', { eventIndex: 37, byteOffset: 9949, eventType: 'acme:late', sequenceNumber: 999, path: '/sequence_number' }, '{"type":"acme:late","sequence_number":99'),
      found('stream/single-terminal-event', 'SSE-O-14', 'warn',
        'The extension event acme:late follows the terminal event response.completed; after the terminal event only data: [DONE] is expected.',
        'data: [DONE]', 'acme:late', { eventIndex: 37, byteOffset: 9949, eventType: 'acme:late', sequenceNumber: 999, path: '/type' }, '{"type":"acme:late","sequence_number":99'),
  ]],
  ['a repeated sequence number', [
      found('stream/sequence-number-increasing', 'SSE-SEQ-02', 'warn',
        "The sequence_number 4 repeats the previous event's number; each event should get a higher number than the one before.",
        'more than 4', '4', { eventIndex: 5, byteOffset: 2226, eventType: 'response.output_text.delta', sequenceNumber: 4, path: '/sequence_number' }, '{"type":"response.output_text.delta","it'),
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 4 to 6; a client reads the gap as 1 lost event(s).',
        '5', '6', { eventIndex: 6, byteOffset: 2414, eventType: 'response.output_text.delta', sequenceNumber: 6, path: '/sequence_number' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['an extension event with a lower sequence number', [
      found('stream/sequence-number-increasing', 'SSE-SEQ-04', 'fail',
        'The sequence_number goes down from 3 to 1; sequence numbers must increase in the order events are sent.',
        'more than 3', '1', { eventIndex: 4, byteOffset: 1986, eventType: 'acme:trace_event', sequenceNumber: 1, path: '/sequence_number' }, '{"type":"acme:trace_event","phase":"tool'),
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The sequence_number jumps from 1 to 5; a client reads the gap as 3 lost event(s).',
        '2', '5', { eventIndex: 5, byteOffset: 2166, eventType: 'response.output_text.delta', sequenceNumber: 5, path: '/sequence_number' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['a first sequence number of 7', [
      found('stream/sequence-number-contiguous', 'SSE-SEQ-03', 'warn',
        'The first event has sequence_number 7; streams are expected to start at 0 or 1, so that a client can tell that no event was lost.',
        '0 or 1', '7', { eventIndex: 0, byteOffset: 718, eventType: 'response.created', sequenceNumber: 7, path: '/sequence_number' }, '{"type":"response.created","response":{"'),
  ]],
  ['response.created after response.in_progress', [
      found('stream/response-lifecycle', 'SSE-O-01', 'warn',
        'The stream opens with response.in_progress; by convention the first event is response.created.',
        'response.created', 'response.in_progress', { eventIndex: 0, byteOffset: 726, eventType: 'response.in_progress', sequenceNumber: 0, path: '/type' }, '{"type":"response.in_progress","response'),
  ]],
  ['response.queued after in_progress', [
      found('stream/response-lifecycle', 'SSE-O-04', 'fail',
        'response.queued arrives after the response was already in progress; a response never goes back to queued.',
        'no response.queued once in progress', 'response.queued', { eventIndex: 3, byteOffset: 2365, eventType: 'response.queued', sequenceNumber: 3, path: '/type' }, '{"type":"response.queued","response":{"i'),
  ]],
  ['no response.in_progress event', [
      found('stream/response-lifecycle', 'SSE-O-04', 'warn',
        "response.completed arrives without a response.in_progress event before it; clients (and the spec's own validator) expect the response to announce in_progress first.",
        'response.in_progress before the terminal event', 'no response.in_progress', { eventIndex: 34, byteOffset: 9141, eventType: 'response.completed', sequenceNumber: 34, path: '/type' }, '{"type":"response.completed","response":'),
  ]],
  ['an extension event after the terminal event', [
      found('stream/single-terminal-event', 'SSE-O-14', 'warn',
        'The extension event acme:trace_event follows the terminal event response.completed; after the terminal event only data: [DONE] is expected.',
        'data: [DONE]', 'acme:trace_event', { eventIndex: 36, byteOffset: 9990, eventType: 'acme:trace_event', sequenceNumber: 36, path: '/type' }, '{"type":"acme:trace_event","phase":"tool'),
  ]],
  ['an item still open at response.failed', [
      found('stream/item-order', 'SSE-O-15', 'warn',
        'response.failed ends the response while item "msg_1" (output_index 0) was never finished with response.output_item.done.',
        'response.output_item.done for every added item first', 'the item still open', { eventIndex: 34, byteOffset: 9344, eventType: 'response.failed', sequenceNumber: 34, path: '/type' }, '{"type":"response.failed","response":{"i'),
  ]],
  ['output_item.added at a non-contiguous output_index', [
      found('stream/output-index', 'SSE-O-20', 'fail',
        'response.output_item.added adds item "fc_1" at output_index 5, but items are numbered 0, 1, 2, … in the order they are added.',
        '1', '5', { eventIndex: 16, byteOffset: 4782, eventType: 'response.output_item.added', sequenceNumber: 16, path: '/output_index' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['an item added already completed', [
      found('stream/item-status', 'SSE-O-18', 'warn',
        'response.output_item.added shows item "msg_1" with status "completed"; a newly added item is expected to be in_progress.',
        '"in_progress"', '"completed"', { eventIndex: 2, byteOffset: 1652, eventType: 'response.output_item.added', sequenceNumber: 2, path: '/item/status' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['an item added after an incomplete one', [
      found('stream/incomplete-item-last', 'SSE-O-17', 'fail',
        'response.output_item.added starts item "fc_1" after item "msg_1" ended incomplete; an incomplete item must be the last item.',
        'no item after the incomplete one', 'another item', { eventIndex: 8, byteOffset: 2924, eventType: 'response.output_item.added', sequenceNumber: 8, path: '/type' }, '{"type":"response.output_item.added","ou'),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        'The output of the incomplete response lacks item "msg_1", which response.output_item.done finished at output_index 0.',
        'the item at position 0', 'no item there', { eventIndex: 12, byteOffset: 4247, eventType: 'response.incomplete', sequenceNumber: 12, path: '/response/output/0' }, '{"type":"response.incomplete","response"'),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        'The output of the incomplete response lacks item "fc_1", which response.output_item.done finished at output_index 1.',
        'the item at position 1', 'no item there', { eventIndex: 12, byteOffset: 4247, eventType: 'response.incomplete', sequenceNumber: 12, path: '/response/output/1' }, '{"type":"response.incomplete","response"'),
  ]],
  ['an extension item without status', [
      found('stream/extension-item-fields', 'EXT-02', 'fail',
        'The extension item acme:search_result in response.output_item.added has no string "status"; every item, extension items included, carries id, type and status.',
        'string "id", "type" and "status"', 'no "status"', { eventIndex: 2, byteOffset: 1608, eventType: 'response.output_item.added', sequenceNumber: 2, path: '/item/status' }, '{"type":"response.output_item.added","ou'),
  ]],
  ['a content part added twice', [
      found('stream/content-part-order', 'SSE-O-10', 'fail',
        'response.content_part.added opens content part 0 of item "msg_1" a second time; each part is added once.',
        'one added event per part', 'a second added event', { eventIndex: 4, byteOffset: 2076, eventType: 'response.content_part.added', sequenceNumber: 4, path: '/content_index' }, '{"type":"response.content_part.added","i'),
  ]],
  ['a delta after content_part.done', [
      found('stream/content-part-order', 'SSE-O-08', 'fail',
        'response.output_text.delta refers to content part 0 of item "msg_1" after response.content_part.done closed that part.',
        'no event for the part after it was closed', 'response.output_text.delta', { eventIndex: 10, byteOffset: 3427, eventType: 'response.output_text.delta', sequenceNumber: 10, path: '/type' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['a delta after output_text.done', [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.output_text.delta arrives for content part 0 of item "msg_1" after its text was already finished by a done event.',
        'no further text events, then response.content_part.done', 'response.output_text.delta', { eventIndex: 9, byteOffset: 3097, eventType: 'response.output_text.delta', sequenceNumber: 9, path: '/type' }, '{"type":"response.output_text.delta","it'),
  ]],
  ['content_index 2 for the second part', [
      found('stream/content-part-order', 'SSE-C-02', 'fail',
        'response.content_part.added starts content part 2 of item "msg_1", but the parts of an item are numbered 0, 1, 2, … in the order they start.',
        'content_index 1', 'content_index 2', { eventIndex: 10, byteOffset: 3440, eventType: 'response.content_part.added', sequenceNumber: 10, path: '/content_index' }, '{"type":"response.content_part.added","i'),
      found('stream/content-part-order', 'CNT-12', 'fail',
        'response.output_item.done finishes item "msg_1" with a content part at content[1] that was never streamed (no response.content_part.added or delta for it); streamable content is carried in a streamed part.',
        "response.content_part.added and the part's events before output_item.done", 'a part that appears only in the done item', { eventIndex: 15, byteOffset: 4540, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/item/content/1' }, '{"type":"response.output_item.done","out'),
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The item in response.output_item.done has no content part at index 2, although that part was streamed.',
        "\"I can't.\" (8 characters)", 'content has 2 part(s)', { eventIndex: 15, byteOffset: 4540, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/item/content' }, '{"type":"response.output_item.done","out'),
  ]],
  ['raw reasoning without reasoning.done', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.output_item.done closes item "rs_1" while its content part 0 is still open; every part is finished before its item.',
        "the part's text done event and response.content_part.done first", 'response.output_item.done', { eventIndex: 33, byteOffset: 8215, eventType: 'response.output_item.done', sequenceNumber: 33, path: '/type' }, '{"type":"response.output_item.done","out'),
  ]],
  ['arguments after function_call_arguments.done', [
      found('stream/function-call-arguments-order', 'SSE-O-11', 'fail',
        'response.function_call_arguments.delta for function call "fc_1" arrives after response.function_call_arguments.done already finished its arguments.',
        'no argument events after function_call_arguments.done', 'response.function_call_arguments.delta', { eventIndex: 20, byteOffset: 5500, eventType: 'response.function_call_arguments.delta', sequenceNumber: 20, path: '/type' }, '{"type":"response.function_call_argument'),
  ]],
  ['a done item whose content is empty', [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The item in response.output_item.done has no content part at index 0, although that part was streamed.',
        '"Hello, wörld 😀" (15 characters)', 'content has 0 part(s)', { eventIndex: 15, byteOffset: 4331, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/item/content' }, '{"type":"response.output_item.done","out'),
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The item in response.output_item.done has no content part at index 1, although that part was streamed.',
        "\"I can't.\" (8 characters)", 'content has 0 part(s)', { eventIndex: 15, byteOffset: 4331, eventType: 'response.output_item.done', sequenceNumber: 15, path: '/item/content' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"msg_1\" as response.output_item.done finished it (first at /content/0).",
        'the item as output_item.done showed it', 'a different value at /content/0', { eventIndex: 35, byteOffset: 9659, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/0/content/0' }, '{"type":"response.completed","response":'),
  ]],
  ['raw reasoning done text unlike its deltas', [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The text in response.reasoning.done differs from the concatenated deltas of the same part (item "rs_1"); they first differ at character 0.',
        '"raw thoughts" (12 characters)', '"other" (5 characters)', { eventIndex: 33, byteOffset: 8067, eventType: 'response.reasoning.done', sequenceNumber: 33, path: '/text' }, '{"type":"response.reasoning.done","item_'),
  ]],
  ['a summary part in the done item unlike the streamed summary', [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The text of summary part 0 in the item of response.output_item.done differs from the text streamed for that part (item "rs_1"); they first differ at character 0.',
        '"Thinking." (9 characters)', '"x" (1 characters)', { eventIndex: 34, byteOffset: 8375, eventType: 'response.output_item.done', sequenceNumber: 34, path: '/item/summary/0/text' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"rs_1\" as response.output_item.done finished it (first at /summary/0/text).",
        'the item as output_item.done showed it', 'a different value at /summary/0/text', { eventIndex: 35, byteOffset: 9860, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/2/summary/0/text' }, '{"type":"response.completed","response":'),
  ]],
  ['function call arguments in the done item unlike the stream', [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments of the function call in response.output_item.done differ from the streamed arguments (item "fc_1"); they first differ at character 1.',
        '"{\\"city\\":\\"Paris\\"}" (16 characters)', '"{}" (2 characters)', { eventIndex: 20, byteOffset: 5571, eventType: 'response.output_item.done', sequenceNumber: 20, path: '/item/arguments' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"fc_1\" as response.output_item.done finished it (first at /arguments).",
        'the item as output_item.done showed it', 'a different value at /arguments', { eventIndex: 35, byteOffset: 9850, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/1/arguments' }, '{"type":"response.completed","response":'),
  ]],
  ['completed call arguments that are not JSON, missing from the final output', [
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "fc_1" has arguments that are not valid JSON.',
        'a JSON text', '"{\\"a\\":"', { eventIndex: 5, byteOffset: 2261, eventType: 'response.output_item.done', sequenceNumber: 5, path: '/item/arguments' }, '{"type":"response.output_item.done","out'),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output is empty, although 1 item(s) were streamed and finished with response.output_item.done.",
        '1 item(s)', 'an empty output', { eventIndex: 6, byteOffset: 3129, eventType: 'response.completed', sequenceNumber: 6, path: '/response/output' }, '{"type":"response.completed","response":'),
  ]],
  ['an empty final output', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output is empty, although 3 item(s) were streamed and finished with response.output_item.done.",
        '3 item(s)', 'an empty output', { eventIndex: 35, byteOffset: 9252, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output' }, '{"type":"response.completed","response":'),
  ]],
  ['a final output item unlike its done event', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"msg_1\" as response.output_item.done finished it (first at /status).",
        'the item as output_item.done showed it', 'a different value at /status', { eventIndex: 35, byteOffset: 9869, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/0/status' }, '{"type":"response.completed","response":'),
  ]],
  ['an extra item in the final output', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output holds item \"msg_9\" at position 3, which the stream never finished with response.output_item.done.",
        'only streamed items', 'an extra item at position 3', { eventIndex: 35, byteOffset: 9953, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/3' }, '{"type":"response.completed","response":'),
  ]],
  ['two final output items swapped', [
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        "The final response's output has item \"msg_1\" at position 1, but the item was streamed with output_index 0.",
        'position 0', 'position 1', { eventIndex: 35, byteOffset: 9868, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/1' }, '{"type":"response.completed","response":'),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        "The final response's output has item \"fc_1\" at position 0, but the item was streamed with output_index 1.",
        'position 1', 'position 0', { eventIndex: 35, byteOffset: 9868, eventType: 'response.completed', sequenceNumber: 35, path: '/response/output/0' }, '{"type":"response.completed","response":'),
  ]],
]

exactFindingsTable(
  'each violation beyond the operators, every finding exactly',
  VIOLATIONS,
  violations.map(([name]) => name),
  violationFindings,
);
