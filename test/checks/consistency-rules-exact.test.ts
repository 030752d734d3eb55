import { annotationConsistency } from '../../src/checks/stream/annotation-consistency.js';
import { finalOutputItems } from '../../src/checks/stream/final-output-items.js';
import { functionCallArguments } from '../../src/checks/stream/function-call-arguments.js';
import { functionCallArgumentsJson } from '../../src/checks/stream/function-call-arguments-json.js';
import { functionCallArgumentsOrder } from '../../src/checks/stream/function-call-arguments-order.js';
import { obfuscationOptOut } from '../../src/checks/stream/obfuscation-opt-out.js';
import { textConsistency } from '../../src/checks/stream/text-consistency.js';
import type { Finding, StreamCheck } from '../../src/checks/types.js';
import { consistencyCases, type ConsistencyCase } from './consistency-cases.js';
import { events, exactFindingsTable, feed, found, shortExcerpts } from './direct.js';
import { ctx } from './harness.js';

/**
 * Every finding of the text, arguments, annotation, obfuscation and final-output rules, exactly, for streams
 * that break them one way each and for what they must skip: mutation testing showed most of these
 * paths untested.
 */
function findingsOf(name: string): Finding[] {
  const chosen = consistencyCases.find((candidate) => candidate.name === name);
  if (chosen === undefined) throw new Error(`no case named ${name}`);
  return shortExcerpts(feed(ruleOf(chosen), events(...chosen.bodies), {}, chosen.request, { ...ctx, maxBodyBytes: chosen.maxBodyBytes }));
}

function ruleOf(candidate: ConsistencyCase): StreamCheck<unknown> {
  switch (candidate.rule) {
    case 'text':
      return textConsistency;
    case 'arguments':
      return functionCallArguments;
    case 'arguments-json':
      return functionCallArgumentsJson;
    case 'annotations':
      return annotationConsistency;
    case 'obfuscation':
      return obfuscationOptOut;
    case 'arguments-order':
      return functionCallArgumentsOrder;
    case 'final-output':
      return finalOutputItems;
  }
}

const EXPECTED: [name: string, findings: Finding[]][] = [
  ['text: the part text when added counts before the deltas', []],
  ['text: a part added twice keeps the text it was first added with', []],
  ['text: a wrong done text is reported once, where it was stated', [
      found('stream/text-consistency', 'SSE-C-01', 'fail',
        'The text in response.output_text.done differs from the concatenated deltas of the same part (item "m"); they first differ at character 1.',
        '"ab" (2 characters)', '"ax" (2 characters)', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_text.done', sequenceNumber: 3, path: '/text' }),
  ]],
  ['text: a finished part unlike the done text', [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The part text in response.content_part.done differs from the text streamed for that part (item "m"); they first differ at character 2.',
        '"ab" (2 characters)', '"abc" (3 characters)', { eventIndex: 4, byteOffset: 50, eventType: 'response.content_part.done', sequenceNumber: 4, path: '/part/text' }),
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The text of content part 0 in the item of response.output_item.done differs from the text streamed for that part (item "m"); they first differ at character 3.',
        '"abc" (3 characters)', '"abcd" (4 characters)', { eventIndex: 5, byteOffset: 60, eventType: 'response.output_item.done', sequenceNumber: 5, path: '/item/content/0/text' }),
  ]],
  ['text: a refusal part and item unlike the refusal', [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The part refusal in response.content_part.done differs from the text streamed for that part (item "m"); they first differ at character 2.',
        '"no" (2 characters)', '"nope" (4 characters)', { eventIndex: 4, byteOffset: 50, eventType: 'response.content_part.done', sequenceNumber: 4, path: '/part/refusal' }),
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The refusal of content part 0 in the item of response.output_item.done differs from the text streamed for that part (item "m"); they first differ at character 1.',
        '"nope" (4 characters)', '"nah" (3 characters)', { eventIndex: 5, byteOffset: 60, eventType: 'response.output_item.done', sequenceNumber: 5, path: '/item/content/0/refusal' }),
  ]],
  ['text: a summary part unlike its summary text', [
      found('stream/text-consistency', 'SSE-C-04', 'fail',
        'The part text in response.reasoning_summary_part.done differs from the text streamed for that part (item "r"); they first differ at character 1.',
        '"so" (2 characters)', '"se" (2 characters)', { eventIndex: 2, byteOffset: 30, eventType: 'response.reasoning_summary_part.done', sequenceNumber: 2, path: '/part/text' }),
  ]],
  ['text: statements the rule cannot read are skipped', []],
  ['text: a done item that misses a streamed part, and a part streamed past the budget', [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The item in response.output_item.done has no content part at index 1, although that part was streamed.',
        '"ab" (2 characters)', 'content has 1 part(s)', { eventIndex: 6, byteOffset: 70, eventType: 'response.output_item.done', sequenceNumber: 6, path: '/item/content' }),
  ]],
  ['text: a done item that is not an object, and one for an item never added', []],
  ['text: content that is not a list', []],
  ["text: a done event after its item was done is item-order's, not a text difference", []],
  ['text: a statement the deltas matched is still known after a late delta', []],
  ['text: a wrong statement repeated after a late delta is known; the next wrong one is compared with it', [
      found('stream/text-consistency', 'SSE-C-01', 'fail',
        'The text in response.output_text.done differs from the concatenated deltas of the same part (item "m"); they first differ at character 1.',
        '"ab" (2 characters)', '"ax" (2 characters)', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_text.done', sequenceNumber: 3, path: '/text' }),
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The text of content part 0 in the item of response.output_item.done differs from the text streamed for that part (item "m"); they first differ at character 1.',
        '"ax" (2 characters)', '"ay" (2 characters)', { eventIndex: 6, byteOffset: 70, eventType: 'response.output_item.done', sequenceNumber: 6, path: '/item/content/0/text' }),
  ]],
  ['text: after a late delta the latest statement, not the longer deltas, is the expected text', [
      found('stream/text-consistency', 'SSE-C-02', 'fail',
        'The part text in response.content_part.done differs from the text streamed for that part (item "m"); they first differ at character 0.',
        '"ab" (2 characters)', '"zz" (2 characters)', { eventIndex: 5, byteOffset: 60, eventType: 'response.content_part.done', sequenceNumber: 5, path: '/part/text' }),
  ]],
  ['arguments: the arguments when added count before the deltas, and the done item may repeat any statement', []],
  ['arguments: a call added twice keeps the arguments it was first added with', []],
  ['arguments: a wrong done statement is reported once; the item is compared with it', [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments in response.function_call_arguments.done differ from the concatenated argument deltas (item "f"); they first differ at character 1.',
        '"{}" (2 characters)', '"{ }" (3 characters)', { eventIndex: 2, byteOffset: 30, eventType: 'response.function_call_arguments.done', sequenceNumber: 2, path: '/arguments' }),
  ]],
  ['arguments: an item unlike both the deltas and the done event', [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments in response.function_call_arguments.done differ from the concatenated argument deltas (item "f"); they first differ at character 1.',
        '"{}" (2 characters)', '"{ }" (3 characters)', { eventIndex: 2, byteOffset: 30, eventType: 'response.function_call_arguments.done', sequenceNumber: 2, path: '/arguments' }),
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments of the function call in response.output_item.done differ from the streamed arguments (item "f"); they first differ at character 2.',
        '"{ }" (3 characters)', '"{  }" (4 characters)', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_item.done', sequenceNumber: 3, path: '/item/arguments' }),
  ]],
  ['arguments: an item unlike the deltas, without a done event', [
      found('stream/function-call-arguments', 'SSE-C-03', 'fail',
        'The arguments of the function call in response.output_item.done differ from the streamed arguments (item "f"); they first differ at character 5.',
        '"{\\"b\\":2}" (7 characters)', '"{\\"b\\":3}" (7 characters)', { eventIndex: 2, byteOffset: 30, eventType: 'response.output_item.done', sequenceNumber: 2, path: '/item/arguments' }),
  ]],
  ['arguments: statements the rule cannot read, other item types and text past the budget are skipped', []],
  ['arguments: a done item that is not a function call, and the end of the response', []],
  ["arguments: a done event after its item was done is item-order's, not an arguments difference", []],
  ['arguments: a done event whose item is not an object', []],
  ['arguments-json: reported when the snapshot does not show the same arguments', [
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "f" has arguments that are not valid JSON.',
        'a JSON text', '"{\\"a\\":111111111111111111111111111111111111111111111111111111111111111111111111111"', { eventIndex: 0, byteOffset: 10, eventType: 'response.output_item.done', sequenceNumber: 0, path: '/item/arguments' }, '{"sequence_number":0,"type":"response.ou'),
  ]],
  ['arguments-json: left to the snapshot that shows them', []],
  ['arguments-json: a snapshot item that is incomplete, another type or without string arguments does not take it over', [
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "a" has arguments that are not valid JSON.',
        'a JSON text', '"{"', { eventIndex: 0, byteOffset: 10, eventType: 'response.output_item.done', sequenceNumber: 0, path: '/item/arguments' }, '{"sequence_number":0,"type":"response.ou'),
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "b" has arguments that are not valid JSON.',
        'a JSON text', '"["', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_item.done', sequenceNumber: 1, path: '/item/arguments' }, '{"sequence_number":1,"type":"response.ou'),
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "c" has arguments that are not valid JSON.',
        'a JSON text', '"\\""', { eventIndex: 2, byteOffset: 30, eventType: 'response.output_item.done', sequenceNumber: 2, path: '/item/arguments' }, '{"sequence_number":2,"type":"response.ou'),
  ]],
  ['arguments-json: only completed function calls with string arguments are judged', []],
  ['arguments-json: without a terminal event the stream end releases it', [
      found('stream/function-call-arguments-json', 'REQ-TC-07', 'fail',
        'The completed function call "f" has arguments that are not valid JSON.',
        'a JSON text', '"{"', { eventIndex: 0, byteOffset: 10, eventType: 'response.output_item.done', sequenceNumber: 0, path: '/item/arguments' }, '{"sequence_number":0,"type":"response.ou'),
  ]],
  ['annotations: compared with the finished part, and else with the done item', [
      found('stream/annotation-consistency', 'SSE-C-09', 'fail',
        'The annotation streamed at annotation_index 1 (item "m") is not the annotation at that index in response.content_part.done.',
        '{"type":"url_citation","url":"https://e.example/2","start_index":0,"end_index":1,"title":"T2"}', 'no annotation at that index', { eventIndex: 4, byteOffset: 50, eventType: 'response.content_part.done', sequenceNumber: 4, path: '/part/annotations/1' }),
      found('stream/annotation-consistency', 'SSE-C-09', 'fail',
        'The annotation streamed at annotation_index 0 (item "m") is not the annotation at that index in the item of response.output_item.done.',
        '{"type":"url_citation","url":"https://e.example/3","start_index":0,"end_index":1,"title":"T3"}', '{"type":"url_citation","url":"https://e.example/4","start_index":0,"end_index":1,"title":"T4"}', { eventIndex: 5, byteOffset: 60, eventType: 'response.output_item.done', sequenceNumber: 5, path: '/item/content/1/annotations/0' }),
  ]],
  ['annotations: parts without annotations, parts never announced and unreadable events are skipped', []],
  ['annotations: a done item without content, and one whose part was already compared', []],
  ['obfuscation: reported once when the request turned it off', [
      found('stream/obfuscation-opt-out', 'SSE-C-08', 'warn',
        'acme:x carries an obfuscation field although the request set stream_options.include_obfuscation to false.',
        'no obfuscation field', 'an obfuscation field', { eventIndex: 1, byteOffset: 20, eventType: 'acme:x', sequenceNumber: 1, path: '/obfuscation' }),
  ]],
  ['obfuscation: allowed unless turned off', []],
  ['obfuscation: allowed when stream_options is not an object', []],
  ['arguments-order: arguments to a reasoning item, reported once per item', [
      found('stream/function-call-arguments-order', 'SSE-O-09', 'fail',
        'response.function_call_arguments.delta is addressed to item "r", a reasoning item; only a function_call item streams arguments.',
        'a function_call item', 'a reasoning item', { eventIndex: 2, byteOffset: 30, eventType: 'response.function_call_arguments.delta', sequenceNumber: 2, path: '/item_id' }),
  ]],
  ['arguments-order: a done event after a done event, once; events for items never added, or done, are skipped', [
      found('stream/function-call-arguments-order', 'SSE-O-11', 'fail',
        'response.function_call_arguments.done for function call "f" arrives after response.function_call_arguments.done already finished its arguments.',
        'no argument events after function_call_arguments.done', 'response.function_call_arguments.done', { eventIndex: 2, byteOffset: 30, eventType: 'response.function_call_arguments.done', sequenceNumber: 2, path: '/type' }),
  ]],
  ['arguments-order: an extension item and a call whose done item names its type', [
      found('stream/function-call-arguments-order', 'SSE-O-11', 'warn',
        'response.output_item.done closes function call "f" without a response.function_call_arguments.done event before it.',
        'response.function_call_arguments.done before output_item.done', 'no function_call_arguments.done', { eventIndex: 2, byteOffset: 30, eventType: 'response.output_item.done', sequenceNumber: 2, path: '/type' }),
  ]],
  ['final output: items finished out of order sit at their output_index', []],
  ['final output: an item replaced by another value, compared at the root', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item \"a\" as response.output_item.done finished it (first at (root)).",
        'the item as output_item.done showed it', 'a different value at (root)', { eventIndex: 1, byteOffset: 20, eventType: 'response.completed', sequenceNumber: 1, path: '/response/output/0' }),
  ]],
  ['final output: an item moved, one missing where the moved one sits, and an extra one', [
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        "The final response's output has item \"b\" at position 0, but the item was streamed with output_index 1.",
        'position 1', 'position 0', { eventIndex: 5, byteOffset: 60, eventType: 'response.completed', sequenceNumber: 5, path: '/response/output/0' }),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output lacks item \"a\", which response.output_item.done finished at output_index 0.",
        'the item at position 0', 'item "b"', { eventIndex: 5, byteOffset: 60, eventType: 'response.completed', sequenceNumber: 5, path: '/response/output/0' }),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output holds item \"c\" at position 1, which the stream never finished with response.output_item.done.",
        'only streamed items', 'an extra item at position 1', { eventIndex: 5, byteOffset: 60, eventType: 'response.completed', sequenceNumber: 5, path: '/response/output/1' }),
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output holds item (without id) at position 3, which the stream never finished with response.output_item.done.",
        'only streamed items', 'an extra item at position 3', { eventIndex: 5, byteOffset: 60, eventType: 'response.completed', sequenceNumber: 5, path: '/response/output/3' }),
  ]],
  ['final output: items without id changed in place', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output differs from item (without id) as response.output_item.done finished it (first at /status).",
        'the item as output_item.done showed it', 'a different value at /status', { eventIndex: 2, byteOffset: 30, eventType: 'response.completed', sequenceNumber: 2, path: '/response/output/1/status' }),
  ]],
  ['final output: items of an incomplete response moved or left out', [
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        "The final response's output has item \"b\" at position 0, but the item was streamed with output_index 1.",
        'position 1', 'position 0', { eventIndex: 3, byteOffset: 40, eventType: 'response.incomplete', sequenceNumber: 3, path: '/response/output/0' }),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        'The output of the incomplete response lacks item "a", which response.output_item.done finished at output_index 0.',
        'the item at position 0', 'item "b"', { eventIndex: 3, byteOffset: 40, eventType: 'response.incomplete', sequenceNumber: 3, path: '/response/output/0' }),
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        'The output of the incomplete response lacks item (without id), which response.output_item.done finished at output_index 2.',
        'the item at position 2', 'no item there', { eventIndex: 3, byteOffset: 40, eventType: 'response.incomplete', sequenceNumber: 3, path: '/response/output/2' }),
  ]],
  ['final output: an incomplete response that holds another item without id where one was finished', [
      found('stream/final-output-items', 'SSE-O-20', 'fail',
        'The output of the incomplete response lacks item (without id), which response.output_item.done finished at output_index 0.',
        'the item at position 0', 'item (without id)', { eventIndex: 1, byteOffset: 20, eventType: 'response.incomplete', sequenceNumber: 1, path: '/response/output/0' }),
  ]],
  ['final output: an extra item without id, after an item added without id', [
      found('stream/final-output-items', 'SSE-C-05', 'fail',
        "The final response's output holds item (without id) at position 1, which the stream never finished with response.output_item.done.",
        'only streamed items', 'an extra item at position 1', { eventIndex: 2, byteOffset: 30, eventType: 'response.completed', sequenceNumber: 2, path: '/response/output/1' }),
  ]],
  ['final output: not compared past the budget', []],
  ['final output: not compared for a failed response', []],
  ['final output: a terminal snapshot without output, and done events it cannot place', []],
  ['final output: an empty output of a response that finished no item, and events after the end', []],
]

exactFindingsTable(
  'the consistency rules, every finding exactly',
  EXPECTED,
  consistencyCases.map((candidate) => candidate.name),
  findingsOf,
);
