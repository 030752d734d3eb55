import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { isItemEvent } from '../../protocol/events.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { eventLocation } from './location.js';
import { integerField, quote, readUntilTerminal, type CoreEvent } from './stream-event.js';

interface ItemOrderState {
  items: ItemRegistry;
  /** Items already reported for an event after their `output_item.done`. */
  reportedAfterDone: Set<TrackedItem>;
  /** Output indexes already reported for events without an id that no added item holds. */
  reportedIndexes: Set<number>;
  /** True once an event naming neither an item id nor an output_index was reported. */
  reportedUnattributed: boolean;
  ended: boolean;
}

/**
 * SPEC§Items are streamable (1): for each item "the first event MUST always be
 * `response.output_item.added`" (SSE-O-05); an item is added once (SSE-O-10); after
 * `output_item.done` "no updates may be made to the item" (SPEC§Items are state machines,
 * SSE-O-08); and when `response.completed` or `response.incomplete` arrives every item is done
 * (SSE-O-15; at `response.failed` the spec is silent about open items, Z-44: a warning).
 */
export const itemOrder: StreamCheck<ItemOrderState> = {
  kind: 'stream',
  id: 'stream/item-order',
  requirement: 'SSE-O-05',
  alsoRequirements: ['SSE-O-08', 'SSE-O-10', 'SSE-O-15'],
  severity: 'MUST',
  section: 'Items are streamable',
  title: 'Each item is added first, once, gets no event after it is done, and is done before the response ends',
  init: () => ({ items: new ItemRegistry(), reportedAfterDone: new Set(), reportedIndexes: new Set(), reportedUnattributed: false, ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'lifecycle') return typed.role.terminal ? openItemFindings(state, typed) : [];
    if (typed.role.kind === 'item-added') return added(state, typed);
    if (!isItemEvent(typed.role)) return NO_FINDINGS;
    const item = state.items.find(typed);
    if (item === undefined) return notAdded(state, typed);
    if (typed.role.kind === 'item-done' && !item.done) {
      item.done = true;
      return NO_FINDINGS;
    }
    if (!item.done || state.reportedAfterDone.has(item)) return NO_FINDINGS;
    state.reportedAfterDone.add(item);
    return [
      finding(itemOrder, 'fail', `${typed.type} refers to item ${quote(item.id)} after response.output_item.done finished it; a done item gets no further events.`, {
        requirement: 'SSE-O-08',
        expected: 'no event for the item after its output_item.done',
        actual: typed.type,
        location: eventLocation(typed.source, '/type'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};

function added(state: ItemOrderState, typed: TypedEvent): readonly Finding[] {
  const { item, existing } = state.items.add(typed);
  if (!existing) return NO_FINDINGS;
  return [
    finding(itemOrder, 'fail', `response.output_item.added adds item ${quote(item.id)} a second time; each item is added once.`, {
      requirement: 'SSE-O-10',
      expected: 'one output_item.added per item id',
      actual: 'a second output_item.added',
      location: eventLocation(typed.source, '/item/id'),
    }),
  ];
}

function notAdded(state: ItemOrderState, typed: CoreEvent): readonly Finding[] {
  const item = state.items.addImplicit(typed);
  if (item === undefined) return withoutId(state, typed);
  if (typed.role.kind === 'item-done') item.done = true;
  return [
    finding(itemOrder, 'fail', `${typed.type} refers to item ${quote(typed.itemId)}, which no response.output_item.added announced before; an item's first event is output_item.added.`, {
      expected: 'response.output_item.added first',
      actual: typed.type,
      location: eventLocation(typed.source, typed.role.kind === 'item-done' ? '/item/id' : '/item_id'),
    }),
  ];
}

/**
 * An item event without an item id that no added item takes by its `output_index`: either its
 * index holds no item yet (it precedes its `output_item.added`), or it names no index either and
 * cannot be attributed at all. Neither may pass as "added first"; each index is reported once.
 */
function withoutId(state: ItemOrderState, typed: CoreEvent): readonly Finding[] {
  const outputIndex = typed.outputIndex;
  const idPath = typed.role.kind === 'item-done' ? '/item/id' : '/item_id';
  if (outputIndex !== undefined) {
    if (state.reportedIndexes.has(outputIndex)) return NO_FINDINGS;
    state.reportedIndexes.add(outputIndex);
    return [
      finding(itemOrder, 'fail', `${typed.type} names no item id and refers to output_index ${outputIndex}, where no response.output_item.added has put an item yet; an item's first event is output_item.added.`, {
        expected: 'response.output_item.added first',
        actual: typed.type,
        location: eventLocation(typed.source, '/output_index'),
      }),
    ];
  }
  if (state.reportedUnattributed) return NO_FINDINGS;
  state.reportedUnattributed = true;
  return [
    finding(itemOrder, 'fail', `${typed.type} names neither an item id nor an output_index, so it cannot be attributed to any added item (reported once per stream).`, {
      expected: 'an event naming an item that response.output_item.added added',
      actual: 'no item id and no output_index',
      location: eventLocation(typed.source, idPath),
    }),
  ];
}

function openItemFindings(state: ItemOrderState, terminal: TypedEvent): readonly Finding[] {
  const failed = terminal.type === 'response.failed';
  return state.items.open().map((item) =>
    finding(
      itemOrder,
      failed ? 'warn' : 'fail',
      `${terminal.type} ends the response while item ${quote(item.id)} (output_index ${item.outputIndex ?? '?'}) was never finished with response.output_item.done.`,
      {
        requirement: 'SSE-O-15',
        expected: 'response.output_item.done for every added item first',
        actual: 'the item still open',
        location: eventLocation(terminal.source, '/type'),
      },
    ),
  );
}
