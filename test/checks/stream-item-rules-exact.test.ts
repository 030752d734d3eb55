import { describe, expect, it } from 'vitest';
import { extensionItemFields } from '../../src/checks/stream/extension-item-fields.js';
import { incompleteItemLast } from '../../src/checks/stream/incomplete-item-last.js';
import { itemStatus } from '../../src/checks/stream/item-status.js';
import { outputIndex } from '../../src/checks/stream/output-index.js';
import { at, events, feed } from './direct.js';

/** Exact findings of the item rules, edge by edge, and when the final snapshot takes them over (mutation testing showed these untested). */
type Body = Record<string, unknown>;
const added = (item: Body | null, extra: Body = {}): Body => ({ type: 'response.output_item.added', item, ...extra });
const done = (item: Body | null, extra: Body = {}): Body => ({ type: 'response.output_item.done', item, ...extra });
const terminal = (type: string, snapshot?: Body): Body => ({ type, ...(snapshot === undefined ? {} : { response: snapshot }) });
const msg = (id: string, status: string): Body => ({ id, type: 'message', status });

describe('stream/output-index', () => {
  it('counts an item referred to before it was added, and takes its later added event as is', () => {
    const stream = events(
      { type: 'response.output_text.delta', item_id: 'early', output_index: 0 },
      added(msg('a', 'in_progress'), { output_index: 1 }),
      added(msg('early', 'in_progress'), { output_index: 7 }),
      added(msg('b', 'in_progress'), { output_index: 3 }),
    );
    expect(feed(outputIndex, stream)).toEqual([
      {
        checkId: 'stream/output-index',
        requirement: 'SSE-O-20',
        verdict: 'fail',
        message: 'response.output_item.added adds item "b" at output_index 3, but items are numbered 0, 1, 2, … in the order they are added.',
        expected: '2',
        actual: '3',
        location: at(3, 'response.output_item.added', '/output_index'),
      },
    ]);
  });

  it('reports an item once, whether its added event or a later one disagrees, and skips events without index', () => {
    const stream = events(
      added(msg('a', 'in_progress'), { output_index: 5 }),
      { type: 'response.output_text.delta', item_id: 'a', output_index: 0 },
      added(msg('b', 'in_progress'), { output_index: 1 }),
      { type: 'response.output_text.delta', item_id: 'b' },
      { type: 'response.output_text.delta', item_id: 'b', output_index: 2 },
      { type: 'response.output_text.delta', item_id: 'b', output_index: 3 },
      added(msg('a', 'in_progress'), { output_index: 9 }),
      added(msg('c', 'in_progress')),
      { type: 'response.output_text.delta', item_id: 'c', output_index: 4 },
      { type: 'error', output_index: 8 },
      terminal('response.completed'),
      { type: 'response.output_text.delta', item_id: 'a', output_index: 6 },
    );
    expect(feed(outputIndex, stream).map((f) => [f.location?.eventIndex, f.expected, f.actual])).toEqual([
      [0, '0', '5'],
      [4, '1', '2'],
    ]);
    expect(feed(outputIndex, stream)[1].message).toBe('response.output_text.delta for item "b" has output_index 2, but the item was added at output_index 1; all events of an item carry the same index.');
  });
});

describe('stream/item-status', () => {
  it('warns on an added item already finished, for the item types with a status only', () => {
    const stream = events(
      added({ id: 'f', type: 'function_call', status: 'incomplete' }),
      added({ id: 'r', type: 'reasoning', status: 'completed' }),
      added({ type: 'message', status: 'completed' }),
      added({ id: 'm', type: 'message' }),
      added({ id: 'x', type: 'acme:y', status: 'completed' }),
      added(null),
      terminal('response.completed'),
    );
    expect(feed(itemStatus, stream)).toEqual([
      {
        checkId: 'stream/item-status',
        requirement: 'SSE-O-18',
        verdict: 'warn',
        message: 'response.output_item.added shows item "f" with status "incomplete"; a newly added item is expected to be in_progress.',
        expected: '"in_progress"',
        actual: '"incomplete"',
        location: at(0, 'response.output_item.added', '/item/status'),
      },
      expect.objectContaining({ message: 'response.output_item.added shows item (without id) with status "completed"; a newly added item is expected to be in_progress.' }),
    ]);
  });

  it('leaves a done item still in_progress to the completed snapshot that shows it too, and only to that one', () => {
    const open = done(msg('m', 'in_progress'));
    const expected = expect.objectContaining({ verdict: 'fail', message: 'response.output_item.done shows item "m" still in_progress; a done item is completed or incomplete.', location: at(0, 'response.output_item.done', '/item/status') });
    expect(feed(itemStatus, events(open, terminal('response.completed', { status: 'completed', output: [msg('m', 'in_progress')] })))).toEqual([]);
    expect(feed(itemStatus, events(open, terminal('response.incomplete', { status: 'incomplete', output: [msg('m', 'in_progress')] })))).toEqual([expected]);
    expect(feed(itemStatus, events(open, terminal('response.completed', { status: 'completed', output: [msg('m', 'completed')] })))).toEqual([expected]);
    expect(feed(itemStatus, events(open, terminal('response.completed', { status: 'completed', output: [] })))).toEqual([expected]);
    expect(feed(itemStatus, events(open, terminal('response.completed')))).toEqual([expected]);
    expect(feed(itemStatus, events(open))).toEqual([expected]);
    expect(feed(itemStatus, events(done(msg('m', 'completed')), done({ id: 'r', type: 'reasoning', status: 'in_progress' })))).toEqual([]);
  });
});

describe('stream/incomplete-item-last', () => {
  const cut = msg('m', 'incomplete');

  it('reports an item added after the incomplete one, unless the snapshot shows the incomplete item before others', () => {
    const stream = (snapshot: Body | undefined) => events(done(cut), added({ id: 'n', type: 'message' }), added({ id: 'o', type: 'message' }), terminal('response.incomplete', snapshot));
    const later = {
      checkId: 'stream/incomplete-item-last',
      requirement: 'SSE-O-17',
      verdict: 'fail',
      message: 'response.output_item.added starts item "n" after item "m" ended incomplete; an incomplete item must be the last item.',
      expected: 'no item after the incomplete one',
      actual: 'another item',
      location: at(1, 'response.output_item.added', '/type'),
      excerpt: expect.any(String),
    };
    expect(feed(incompleteItemLast, stream(undefined))).toEqual([later]);
    expect(feed(incompleteItemLast, stream({ status: 'incomplete', output: [cut, msg('n', 'completed')] }))).toEqual([]);
    expect(feed(incompleteItemLast, stream({ status: 'incomplete', output: [msg('n', 'completed'), cut] }))).toEqual([later]);
    expect(feed(incompleteItemLast, stream({ status: 'incomplete', output: [msg('m', 'completed'), msg('n', 'completed')] }))).toEqual([later]);
  });

  it('reports a response that does not end incomplete, unless the snapshot shows the incomplete item in a response not incomplete', () => {
    const stream = (type: string, snapshot?: Body) => events(done(msg('a', 'completed')), done(cut), done(msg('z', 'incomplete')), terminal(type, snapshot));
    const wrongEnd = (type: string) => ({
      checkId: 'stream/incomplete-item-last',
      requirement: 'SSE-O-17',
      verdict: 'fail',
      message: `The response ends with ${type} although item "m" ended incomplete; a response with an incomplete item must end with response.incomplete.`,
      expected: 'response.incomplete',
      actual: type,
      location: at(3, type, '/type'),
      excerpt: expect.any(String),
    });
    expect(feed(incompleteItemLast, stream('response.failed'))).toEqual([wrongEnd('response.failed')]);
    expect(feed(incompleteItemLast, stream('response.completed', { status: 'completed', output: [cut] }))).toEqual([]);
    expect(feed(incompleteItemLast, stream('response.completed', { status: 'incomplete', output: [cut] }))).toEqual([wrongEnd('response.completed')]);
    expect(feed(incompleteItemLast, stream('response.completed', { status: 'completed', output: [msg('m', 'completed')] }))).toEqual([wrongEnd('response.completed')]);
    expect(feed(incompleteItemLast, stream('response.incomplete'))).toEqual([]);
  });

  it('reports the later item once, and without a terminal event at the end of the stream', () => {
    const findings = feed(incompleteItemLast, events(done(null), done({ type: 'message', status: 'incomplete' }), added({ id: 'n' }), added({ id: 'o' })));
    expect(findings.map((f) => f.message)).toEqual(['response.output_item.added starts item "n" after item (without id) ended incomplete; an incomplete item must be the last item.']);
  });
});

describe('stream/extension-item-fields', () => {
  it('names every missing field, reports an added item at once and a done item unless the snapshot lacks them too', () => {
    const bare = { type: 'acme:search' };
    const addedFinding = {
      checkId: 'stream/extension-item-fields',
      requirement: 'EXT-02',
      verdict: 'fail',
      message: 'The extension item acme:search in response.output_item.added has no string "id" and "status"; every item, extension items included, carries id, type and status.',
      expected: 'string "id", "type" and "status"',
      actual: 'no "id" and "status"',
      location: at(0, 'response.output_item.added', '/item/id'),
    };
    expect(feed(extensionItemFields, events(added(bare), terminal('response.completed')))).toEqual([addedFinding]);
    const doneItem = { id: 'x1', type: 'acme:search', status: 5 };
    const doneStream = (snapshot?: Body) => events(done(doneItem), terminal('response.completed', snapshot));
    const doneFinding = expect.objectContaining({ message: 'The extension item acme:search in response.output_item.done has no string "status"; every item, extension items included, carries id, type and status.', location: at(0, 'response.output_item.done', '/item/status') });
    expect(feed(extensionItemFields, doneStream())).toEqual([doneFinding]);
    expect(feed(extensionItemFields, doneStream({ output: [doneItem] }))).toEqual([]);
    expect(feed(extensionItemFields, doneStream({ output: [{ ...doneItem, status: 'completed' }] }))).toEqual([doneFinding]);
    expect(feed(extensionItemFields, doneStream({ output: [] }))).toEqual([doneFinding]);
    expect(feed(extensionItemFields, events(done(doneItem)))).toEqual([doneFinding]);
  });

  it('leaves standard items, complete extension items and other events alone', () => {
    const stream = events(
      added({ type: 'message' }),
      added({ id: 'e', type: 'acme:search', status: 'in_progress' }),
      added({ type: 5 }),
      added(null),
      { type: 'response.output_text.delta', item: { type: 'acme:search' } },
      terminal('response.completed'),
      added({ type: 'acme:late' }),
    );
    expect(feed(extensionItemFields, stream)).toEqual([]);
  });
});
