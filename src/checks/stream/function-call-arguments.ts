import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { describeTextDifference } from './json-compare.js';
import { eventLocation } from './location.js';
import { quote, readUntilTerminal, recordField, stringField } from './stream-event.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { DEFAULT_TEXT_BUDGET, StreamedText, TextBudget } from './streamed-text.js';

/** The arguments streamed for one function call, and the whole arguments later events stated. */
interface StreamedArguments {
  /** The call's initial arguments plus every delta. */
  streamed: StreamedText;
  /** The arguments of `function_call_arguments.done`, once it arrived. */
  done: string | undefined;
}

interface ArgumentsState {
  /** Finds the item of an event by id, or by `output_index` when the event names no id. */
  registry: ItemRegistry;
  /** Per item; dropped when the item is done. */
  calls: Map<TrackedItem, StreamedArguments>;
  /** Bounds the arguments held for open calls. */
  budget: TextBudget;
  ended: boolean;
}

/**
 * OAS descriptions: `function_call_arguments.done.arguments` is "the final arguments", so it equals
 * the concatenated `function_call_arguments.delta`s, and the `arguments` of the function call in
 * `output_item.done` equal it too (SSE-C-03). A client that assembles the deltas otherwise runs a
 * different call than the one the server records.
 */
export const functionCallArguments: StreamCheck<ArgumentsState> = {
  kind: 'stream',
  id: 'stream/function-call-arguments',
  requirement: 'SSE-C-03',
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'Function call arguments in the done event and the done item equal the concatenated deltas',
  reads: ['lifecycle', 'item-added', 'arguments-delta', 'arguments-done', 'item-done'],
  init: (_http, ctx) => ({ registry: new ItemRegistry(), calls: new Map(), budget: new TextBudget(ctx.maxBodyBytes ?? DEFAULT_TEXT_BUDGET), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    switch (typed?.role.kind) {
      case 'item-added':
        started(state, typed);
        return NO_FINDINGS;
      case 'arguments-delta': {
        const call = callFor(state, typed);
        const delta = typed.body.delta;
        if (call !== undefined && typeof delta === 'string') call.streamed.append(delta);
        return NO_FINDINGS;
      }
      case 'arguments-done':
        return argumentsDone(state, typed);
      case 'item-done':
        return itemDone(state, typed);
      default:
        return NO_FINDINGS;
    }
  },
  onEnd: () => NO_FINDINGS,
};

function callFor(state: ArgumentsState, typed: TypedEvent): StreamedArguments | undefined {
  const item = state.registry.track(typed);
  // An event after its item's output_item.done is `stream/item-order`'s (SSE-O-08); the arguments
  // were already compared, so a fresh call here would compare them with nothing.
  if (item === undefined || item.done) return undefined;
  let call = state.calls.get(item);
  if (call === undefined) {
    call = { streamed: new StreamedText(state.budget), done: undefined };
    state.calls.set(item, call);
  }
  return call;
}

function started(state: ArgumentsState, typed: TypedEvent): void {
  const item = recordField(typed.body, 'item');
  if (item === undefined || item.type !== 'function_call') {
    state.registry.track(typed);
    return;
  }
  const call = callFor(state, typed);
  const initial = stringField(item, 'arguments');
  if (call !== undefined && initial !== undefined && call.streamed.isEmpty) call.streamed.append(initial);
}

function argumentsDone(state: ArgumentsState, typed: TypedEvent): readonly Finding[] {
  const call = callFor(state, typed);
  const args = stringField(typed.body, 'arguments');
  const streamed = call?.streamed.value;
  if (call === undefined || args === undefined || streamed === undefined) return NO_FINDINGS;
  call.done = args;
  return compare(typed, args, [streamed], 'The arguments in response.function_call_arguments.done differ from the concatenated argument deltas', '/arguments');
}

function itemDone(state: ArgumentsState, typed: TypedEvent): readonly Finding[] {
  const tracked = state.registry.track(typed);
  if (tracked === undefined || tracked.done) return NO_FINDINGS;
  tracked.done = true;
  const call = state.calls.get(tracked);
  if (call === undefined) return NO_FINDINGS;
  state.calls.delete(tracked);
  const streamed = call.streamed.value;
  call.streamed.release();
  const item = recordField(typed.body, 'item');
  const args = item === undefined || item.type !== 'function_call' ? undefined : stringField(item, 'arguments');
  if (args === undefined || streamed === undefined) return NO_FINDINGS;
  return compare(typed, args, call.done === undefined ? [streamed] : [streamed, call.done], 'The arguments of the function call in response.output_item.done differ from the streamed arguments', '/item/arguments');
}

/**
 * Compares arguments with those stated before (the deltas, then the done event); reported only
 * when they match none, so one wrong statement is reported once, where it was made.
 */
function compare(typed: TypedEvent, actual: string, earlier: string[], message: string, path: string): readonly Finding[] {
  if (earlier.includes(actual)) return NO_FINDINGS;
  const difference = describeTextDifference(earlier[earlier.length - 1], actual);
  return [
    finding(functionCallArguments, 'fail', `${message} (item ${quote(typed.itemId)}); they first differ at character ${difference.at}.`, {
      expected: difference.expected,
      actual: difference.actual,
      location: eventLocation(typed.source, path),
    }),
  ];
}
