import { contentPartOrder } from '../../src/checks/stream/content-part-order.js';
import { reasoningSummaryOrder } from '../../src/checks/stream/reasoning-summary-order.js';
import type { Finding } from '../../src/checks/types.js';
import { events, exactFindingsTable, feed, found } from './direct.js';
import { partCases } from './part-cases.js';

/**
 * Every finding of the content-part and summary-part rules, exactly, for each way of breaking the
 * part grammar: mutation testing showed most problem kinds, their verdicts and words untested.
 */
const EXPECTED: [name: string, findings: Finding[]][] = [
  ['text before its part was added, then the added event', [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        "response.output_text.delta refers to content part 0 of item \"m\" before response.content_part.added opened that part; a part's first event is its added event.",
        'response.content_part.added first', 'response.output_text.delta', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_text.delta', sequenceNumber: 1, path: '/content_index' }),
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.content_part.added for content part 0 of item "m" arrives after text was already streamed for that part; a part is announced before its deltas.',
        'response.content_part.added before the deltas', 'response.content_part.added after them', { eventIndex: 2, byteOffset: 30, eventType: 'response.content_part.added', sequenceNumber: 2, path: '/content_index' }),
  ]],
  ['raw reasoning before its part was added, then the added event', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.content_part.added for content part 0 of item "r" arrives after text was already streamed for that part; a part is announced before its deltas.',
        'response.content_part.added before the deltas', 'response.content_part.added after them', { eventIndex: 2, byteOffset: 30, eventType: 'response.content_part.added', sequenceNumber: 2, path: '/content_index' }),
  ]],
  ['raw reasoning starting at content_index 1', [
      found('stream/content-part-order', 'SSE-C-02', 'fail',
        'response.reasoning.delta starts content part 1 of item "r", but the parts of an item are numbered 0, 1, 2, … in the order they start.',
        'content_index 0', 'content_index 1', { eventIndex: 1, byteOffset: 20, eventType: 'response.reasoning.delta', sequenceNumber: 1, path: '/content_index' }),
  ]],
  ['an annotation before its part was added', [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        "response.output_text.annotation.added refers to content part 0 of item \"m\" before response.content_part.added opened that part; a part's first event is its added event.",
        'response.content_part.added first', 'response.output_text.annotation.added', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_text.annotation.added', sequenceNumber: 1, path: '/content_index' }),
  ]],
  ['a content_part.done before its part was added', [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        "response.content_part.done refers to content part 0 of item \"m\" before response.content_part.added opened that part; a part's first event is its added event.",
        'response.content_part.added first', 'response.content_part.done', { eventIndex: 1, byteOffset: 20, eventType: 'response.content_part.done', sequenceNumber: 1, path: '/content_index' }),
  ]],
  ['an annotation and a second content_part.done after the part was closed', [
      found('stream/content-part-order', 'SSE-O-08', 'fail',
        'response.output_text.annotation.added refers to content part 0 of item "m" after response.content_part.done closed that part.',
        'no event for the part after it was closed', 'response.output_text.annotation.added', { eventIndex: 4, byteOffset: 50, eventType: 'response.output_text.annotation.added', sequenceNumber: 4, path: '/type' }),
  ]],
  ['raw reasoning after reasoning.done', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.reasoning.delta arrives for content part 0 of item "r" after its text was already finished by a done event.',
        'no further text events, then response.content_part.done', 'response.reasoning.delta', { eventIndex: 3, byteOffset: 40, eventType: 'response.reasoning.delta', sequenceNumber: 3, path: '/type' }),
  ]],
  ['a part of a type that streams no text, closed without text', []],
  ['a raw reasoning part closed without reasoning.done', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.content_part.done closes content part 0 of item "r" without the response.reasoning.done event that finishes its text.',
        'response.reasoning.done before response.content_part.done', 'response.content_part.done without it', { eventIndex: 3, byteOffset: 40, eventType: 'response.content_part.done', sequenceNumber: 3, path: '/type' }),
  ]],
  ['text deltas without content_index, twice', [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.output_text.delta for item "m" has no content_index, so it cannot be attributed to any content part of the item.',
        'an integer content_index', 'no content_index', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_text.delta', sequenceNumber: 1, path: '/content_index' }),
  ]],
  ['a content part added to a function call', [
      found('stream/content-part-order', 'SSE-O-06', 'fail',
        'response.content_part.added is addressed to item "f", a function_call item, which has no content to stream into.',
        'an item with content', 'a function_call item', { eventIndex: 1, byteOffset: 20, eventType: 'response.content_part.added', sequenceNumber: 1, path: '/item_id' }),
  ]],
  ['raw reasoning done without a part done, then the item done', []],
  ['a reasoning item finished with content never streamed', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.output_item.done finishes item "r" with a content part at content[0] that was never streamed (no response.content_part.added or delta for it); streamable content is carried in a streamed part.',
        "response.content_part.added and the part's events before output_item.done", 'a part that appears only in the done item', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_item.done', sequenceNumber: 1, path: '/item/content/0' }),
  ]],
  ['a part left open by a message item done', [
      found('stream/content-part-order', 'SSE-O-07', 'fail',
        'response.output_item.done closes item "m" while its content part 0 is still open; every part is finished before its item.',
        "the part's text done event and response.content_part.done first", 'response.output_item.done', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_item.done', sequenceNumber: 3, path: '/type' }),
  ]],
  ['a part with finished text left open by a message item done', [
      found('stream/content-part-order', 'SSE-O-07', 'fail',
        'response.output_item.done closes item "m" while its content part 0 is still open; every part is finished before its item.',
        'response.content_part.done first', 'response.output_item.done', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_item.done', sequenceNumber: 3, path: '/type' }),
  ]],
  ['part events for items never added, done or without parts judged elsewhere', []],
  ['text deltas into a part of a type that streams no text', []],
  ['a content_part.done twice', [
      found('stream/content-part-order', 'SSE-O-08', 'fail',
        'response.content_part.done refers to content part 0 of item "m" after response.content_part.done closed that part.',
        'no event for the part after it was closed', 'response.content_part.done', { eventIndex: 4, byteOffset: 50, eventType: 'response.content_part.done', sequenceNumber: 4, path: '/type' }),
  ]],
  ['a function call finished with content', []],
  ['an item added without type, finished as a function call with content', []],
  ['a text done before its part was added, then the part closed', [
      found('stream/content-part-order', 'SSE-O-09', 'fail',
        `response.output_text.done refers to content part 0 of item "m" before response.content_part.added opened that part; a part's first event is its added event.`,
        'response.content_part.added first', 'response.output_text.done', { eventIndex: 1, byteOffset: 20, eventType: 'response.output_text.done', sequenceNumber: 1, path: '/content_index' }),
  ]],
  ['raw reasoning done before any event of its part, then the part closed', []],
  ['a raw reasoning part opened by a delta, closed without reasoning.done', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.content_part.done closes content part 0 of item "r" without the response.reasoning.done event that finishes its text.',
        'response.reasoning.done before response.content_part.done', 'response.content_part.done without it', { eventIndex: 2, byteOffset: 30, eventType: 'response.content_part.done', sequenceNumber: 2, path: '/type' }),
  ]],
  ['raw reasoning streamed into a message part, left open', [
      found('stream/content-part-order', 'SSE-O-13', 'warn',
        'response.output_item.done closes item "m" while its content part 0 is still open; every part is finished before its item.',
        "the part's text done event and response.content_part.done first", 'response.output_item.done', { eventIndex: 3, byteOffset: 40, eventType: 'response.output_item.done', sequenceNumber: 3, path: '/type' }),
  ]],
  ['summary text before its part was added', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        "response.reasoning_summary_text.delta refers to summary part 0 of item \"r\" before response.reasoning_summary_part.added opened that part; a part's first event is its added event.",
        'response.reasoning_summary_part.added first', 'response.reasoning_summary_text.delta', { eventIndex: 1, byteOffset: 20, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 1, path: '/summary_index' }),
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_part.added for summary part 0 of item "r" arrives after text was already streamed for that part; a part is announced before its deltas.',
        'response.reasoning_summary_part.added before the deltas', 'response.reasoning_summary_part.added after them', { eventIndex: 2, byteOffset: 30, eventType: 'response.reasoning_summary_part.added', sequenceNumber: 2, path: '/summary_index' }),
  ]],
  ['a summary part added to a message', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_part.added is addressed to item "m", a message item, which has no summary to stream into.',
        'an item with summary', 'a message item', { eventIndex: 1, byteOffset: 20, eventType: 'response.reasoning_summary_part.added', sequenceNumber: 1, path: '/item_id' }),
  ]],
  ['a summary part closed without its text done', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_part.done closes summary part 0 of item "r" without the response.reasoning_summary_text.done event that finishes its text.',
        'response.reasoning_summary_text.done before response.reasoning_summary_part.done', 'response.reasoning_summary_part.done without it', { eventIndex: 3, byteOffset: 40, eventType: 'response.reasoning_summary_part.done', sequenceNumber: 3, path: '/type' }),
  ]],
  ['a summary part of a type that streams no text, closed without text', []],
  ['summary text after the part was done, and a summary never streamed', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_text.delta refers to summary part 0 of item "r" after response.reasoning_summary_part.done closed that part.',
        'no event for the part after it was closed', 'response.reasoning_summary_text.delta', { eventIndex: 4, byteOffset: 50, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 4, path: '/type' }),
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.output_item.done finishes item "r" with a summary part at summary[1] that was never streamed (no response.reasoning_summary_part.added or delta for it); streamable content is carried in a streamed part.',
        "response.reasoning_summary_part.added and the part's events before output_item.done", 'a part that appears only in the done item', { eventIndex: 5, byteOffset: 60, eventType: 'response.output_item.done', sequenceNumber: 5, path: '/item/summary/1' }),
  ]],
  ['summary deltas without summary_index, twice', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_text.delta for item "r" has no summary_index, so it cannot be attributed to any summary part of the item.',
        'an integer summary_index', 'no summary_index', { eventIndex: 1, byteOffset: 20, eventType: 'response.reasoning_summary_text.delta', sequenceNumber: 1, path: '/summary_index' }),
  ]],
  ['a summary part starting at index 1, left open', [
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.reasoning_summary_part.added starts summary part 1 of item "r", but the parts of an item are numbered 0, 1, 2, … in the order they start.',
        'summary_index 0', 'summary_index 1', { eventIndex: 1, byteOffset: 20, eventType: 'response.reasoning_summary_part.added', sequenceNumber: 1, path: '/summary_index' }),
      found('stream/reasoning-summary-order', 'SSE-O-12', 'warn',
        'response.output_item.done closes item "r" while its summary part 1 is still open; every part is finished before its item.',
        "the part's text done event and response.reasoning_summary_part.done first", 'response.output_item.done', { eventIndex: 2, byteOffset: 30, eventType: 'response.output_item.done', sequenceNumber: 2, path: '/type' }),
  ]],
]

function findingsOf(name: string): Finding[] {
  const chosen = partCases.find(([candidate]) => candidate === name);
  if (chosen === undefined) throw new Error(`no case named ${name}`);
  const [, scope, bodies] = chosen;
  return feed(scope === 'content' ? contentPartOrder : reasoningSummaryOrder, events(...bodies));
}

exactFindingsTable(
  'the part rules, every finding exactly',
  EXPECTED,
  partCases.map(([name]) => name),
  findingsOf,
);
