import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { isItemEvent } from '../../protocol/events.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { eventLocation } from './location.js';
import { integerField, quote, readUntilTerminal } from './stream-event.js';

interface OutputIndexState {
  items: ItemRegistry;
  /** Items already reported for a disagreeing `output_index`. */
  reported: Set<TrackedItem>;
  ended: boolean;
}

/**
 * OAS event descriptions: `output_index` is "the index of the output item", its position in the
 * response's `output`. So items are numbered 0, 1, 2, … in the order they are added, and every
 * event of an item carries the index it was added with (SSE-O-20). A client that files deltas by
 * `output_index` puts text into the wrong item otherwise.
 */
export const outputIndex: StreamCheck<OutputIndexState> = {
  kind: 'stream',
  id: 'stream/output-index',
  requirement: 'SSE-O-20',
  severity: 'IMPLIED',
  section: 'Items are streamable',
  title: 'output_index counts items from 0 in order, and is the same on every event of an item',
  init: () => ({ items: new ItemRegistry(), reported: new Set(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'item-added') return added(state, typed);
    if (!isItemEvent(typed.role)) return NO_FINDINGS;
    // An item referred to before it was added still takes its place in the count (item-order reports it).
    const item = state.items.find(typed) ?? state.items.addImplicit(typed);
    const index = typed.outputIndex;
    if (item === undefined || item.outputIndex === undefined || index === undefined || index === item.outputIndex) return NO_FINDINGS;
    if (state.reported.has(item)) return NO_FINDINGS;
    state.reported.add(item);
    return [
      finding(outputIndex, 'fail', `${typed.type} for item ${quote(item.id)} has output_index ${index}, but the item was added at output_index ${item.outputIndex}; all events of an item carry the same index.`, {
        expected: String(item.outputIndex),
        actual: String(index),
        location: eventLocation(typed.source, '/output_index'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};

function added(state: OutputIndexState, typed: TypedEvent): readonly Finding[] {
  const expected = state.items.knownCount;
  const wasImplicit = state.items.find(typed)?.implicit === true;
  const { item, existing } = state.items.add(typed);
  const index = typed.outputIndex;
  if (existing || wasImplicit || index === undefined || index === expected) return NO_FINDINGS;
  state.reported.add(item);
  return [
    finding(outputIndex, 'fail', `response.output_item.added adds item ${quote(item.id)} at output_index ${index}, but items are numbered 0, 1, 2, … in the order they are added.`, {
      expected: String(expected),
      actual: String(index),
      location: eventLocation(typed.source, '/output_index'),
    }),
  ];
}
