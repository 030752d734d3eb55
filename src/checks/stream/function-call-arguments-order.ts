import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { isCoreItemType } from '../../protocol/events.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { eventLocation } from './location.js';
import { quote, readUntilTerminal, recordField, stringField } from './stream-event.js';

interface ArgumentsOrderState {
  items: ItemRegistry;
  /** Function calls whose `function_call_arguments.done` arrived; dropped when the item is done. */
  argumentsDone: Set<TrackedItem>;
  reported: Set<TrackedItem>;
  ended: boolean;
}

/**
 * SPEC§Streaming, Delta events: a streamed object is added, extended by deltas and finished by a
 * done event. For a function call: `output_item.added`, `function_call_arguments.delta`*,
 * `function_call_arguments.done`, `output_item.done` (SSE-O-11). Arguments after their done event
 * break the order (fail), and so do arguments addressed to an item that is no function call, such
 * as a message (SSE-O-09); a call closed without `function_call_arguments.done` misses one of the
 * four events (warn). Zero deltas are allowed (the grammar's `delta*`).
 */
export const functionCallArgumentsOrder: StreamCheck<ArgumentsOrderState> = {
  kind: 'stream',
  id: 'stream/function-call-arguments-order',
  requirement: 'SSE-O-11',
  alsoRequirements: ['SSE-O-09'],
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'Function call arguments stream as deltas, then one done event, before the item is done',
  reads: ['lifecycle', 'item-added', 'arguments-delta', 'arguments-done', 'item-done'],
  init: () => ({ items: new ItemRegistry(), argumentsDone: new Set(), reported: new Set(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    switch (typed?.role.kind) {
      case 'item-added':
        state.items.add(typed);
        return NO_FINDINGS;
      case 'arguments-delta':
      case 'arguments-done':
        return argumentsEvent(state, typed, typed.role.kind === 'arguments-done');
      case 'item-done':
        return itemDone(state, typed);
      default:
        return NO_FINDINGS;
    }
  },
  onEnd: () => NO_FINDINGS,
};

function argumentsEvent(state: ArgumentsOrderState, typed: TypedEvent, done: boolean): readonly Finding[] {
  const item = state.items.find(typed);
  if (item === undefined || item.done) return NO_FINDINGS;
  if (isCoreItemType(item.type) && item.type !== 'function_call') return notAFunctionCall(state, typed, item, item.type);
  const afterDone = state.argumentsDone.has(item);
  if (done) state.argumentsDone.add(item);
  if (!afterDone || state.reported.has(item)) return NO_FINDINGS;
  state.reported.add(item);
  return [
    finding(functionCallArgumentsOrder, 'fail', `${typed.type} for function call ${quote(item.id)} arrives after response.function_call_arguments.done already finished its arguments.`, {
      expected: 'no argument events after function_call_arguments.done',
      actual: typed.type,
      location: eventLocation(typed.source, '/type'),
    }),
  ];
}

/** Arguments addressed to an item that has none, such as a message (SSE-O-09); once per item. */
function notAFunctionCall(state: ArgumentsOrderState, typed: TypedEvent, item: TrackedItem, itemType: string): readonly Finding[] {
  if (state.reported.has(item)) return NO_FINDINGS;
  state.reported.add(item);
  return [
    finding(functionCallArgumentsOrder, 'fail', `${typed.type} is addressed to item ${quote(item.id)}, a ${itemType} item; only a function_call item streams arguments.`, {
      requirement: 'SSE-O-09',
      expected: 'a function_call item',
      actual: `a ${itemType} item`,
      location: eventLocation(typed.source, '/item_id'),
    }),
  ];
}

function itemDone(state: ArgumentsOrderState, typed: TypedEvent): readonly Finding[] {
  const item = state.items.find(typed);
  if (item === undefined || item.done) return NO_FINDINGS;
  item.done = true;
  const hadDone = state.argumentsDone.delete(item);
  state.reported.delete(item);
  const doneItem = recordField(typed.body, 'item');
  const type = (doneItem === undefined ? undefined : stringField(doneItem, 'type')) ?? item.type;
  if (type !== 'function_call' || hadDone) return NO_FINDINGS;
  return [
    finding(functionCallArgumentsOrder, 'warn', `response.output_item.done closes function call ${quote(item.id)} without a response.function_call_arguments.done event before it.`, {
      expected: 'response.function_call_arguments.done before output_item.done',
      actual: 'no function_call_arguments.done',
      location: eventLocation(typed.source, '/type'),
    }),
  ];
}
