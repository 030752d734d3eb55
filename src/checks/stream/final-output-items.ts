import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { firstDifference, jsonEqual } from './json-compare.js';
import { eventLocation } from './location.js';
import { integerField, quote, readUntilTerminal, recordField } from './stream-event.js';
import { DEFAULT_TEXT_BUDGET, TextBudget } from './streamed-text.js';

interface FinalOutputState {
  /** The items of every `output_item.done`, by `output_index`: the text the comparison needs. */
  doneItems: Map<number, Record<string, unknown>>;
  /** Ids of every added item, so items still open are left to `stream/item-order`; an output item without id is in none. */
  addedIds: Set<string | undefined>;
  /** Bounds the done items held; once they outgrow it, the final output cannot hold them in one message. */
  budget: TextBudget;
  tooLarge: boolean;
  ended: boolean;
}

/**
 * The terminal snapshot is the canonical response the stream built: its `output` holds exactly
 * the items announced by `output_item.done`, each at its `output_index` (items may interleave, so
 * arrival order does not count). SSE-C-05 judges a `completed` response's items; SSE-O-20 the
 * positions, for `completed` and `incomplete` responses, including items an incomplete response
 * left out. Items still open at the end are reported
 * by `stream/item-order`.
 */
export const finalOutputItems: StreamCheck<FinalOutputState> = {
  kind: 'stream',
  id: 'stream/final-output-items',
  requirement: 'SSE-C-05',
  alsoRequirements: ['SSE-O-20'],
  severity: 'IMPLIED',
  section: 'Items are streamable',
  title: "The final response's output holds exactly the streamed items, at their output_index",
  reads: ['lifecycle', 'item-added', 'item-done'],
  init: (_http, ctx) => ({ doneItems: new Map(), addedIds: new Set(), budget: new TextBudget(ctx.maxBodyBytes ?? DEFAULT_TEXT_BUDGET), tooLarge: false, ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'item-added') {
      const id = typed.itemId;
      if (id !== undefined) state.addedIds.add(id);
    }
    if (typed.role.kind === 'item-done') {
      const item = recordField(typed.body, 'item');
      const index = typed.outputIndex;
      if (item !== undefined && index !== undefined && !state.tooLarge) hold(state, index, item, typed.source.frame.data.length);
    }
    if (typed.role.kind !== 'lifecycle' || !typed.role.terminal) return NO_FINDINGS;
    const snapshot = recordField(typed.body, 'response');
    const output = snapshot?.output;
    if (!Array.isArray(output) || state.tooLarge) return NO_FINDINGS;
    if (typed.type === 'response.completed') return compareOutput(state, typed, output);
    if (typed.type === 'response.incomplete') return [...comparePositions(state, typed, output).findings, ...missingFromIncomplete(state, typed, output)];
    return NO_FINDINGS;
  },
  onEnd: () => NO_FINDINGS,
};

/** Keeps a done item within the budget; past it, drops them all and skips the comparison. */
function hold(state: FinalOutputState, index: number, item: Record<string, unknown>, size: number): void {
  if (state.budget.take(size)) {
    state.doneItems.set(index, item);
    return;
  }
  state.tooLarge = true;
  state.doneItems.clear();
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
}

/** Where each streamed item sits in `output`; reports items found at another position. */
function comparePositions(state: FinalOutputState, typed: TypedEvent, output: unknown[]): { findings: Finding[]; matched: Map<number, number> } {
  const findings: Finding[] = [];
  const matched = new Map<number, number>();
  for (const [index, item] of [...state.doneItems.entries()].sort(([a], [b]) => a - b)) {
    if (jsonEqual(output[index], item)) {
      matched.set(index, index);
      continue;
    }
    const id = idOf(item);
    const at = id === undefined ? -1 : output.findIndex((entry) => idOf(entry) === id);
    if (at < 0) continue;
    matched.set(index, at);
    if (at === index) continue;
    findings.push(
      finding(finalOutputItems, 'fail', `The final response's output has item ${quote(id)} at position ${at}, but the item was streamed with output_index ${index}.`, {
        requirement: 'SSE-O-20',
        expected: `position ${index}`,
        actual: `position ${at}`,
        location: eventLocation(typed.source, `/response/output/${at}`),
      }),
    );
  }
  return { findings, matched };
}

/**
 * An incomplete response keeps the items finished before the cut: each item that
 * `output_item.done` finished sits at its output_index in the final output (SSE-O-20), even when
 * the content of the items is not compared item by item.
 */
function missingFromIncomplete(state: FinalOutputState, typed: TypedEvent, output: unknown[]): Finding[] {
  const present = new Set(output.map(idOf));
  return [...state.doneItems.entries()]
    .filter(([index, item]) => !jsonEqual(output[index], item) && (idOf(item) === undefined || !present.has(idOf(item))))
    .map(([index, item]) =>
      finding(finalOutputItems, 'fail', `The output of the incomplete response lacks item ${quote(idOf(item))}, which response.output_item.done finished at output_index ${index}.`, {
        requirement: 'SSE-O-20',
        expected: `the item at position ${index}`,
        actual: output[index] === undefined ? 'no item there' : `item ${quote(idOf(output[index]))}`,
        location: eventLocation(typed.source, `/response/output/${index}`),
      }),
    );
}

function compareOutput(state: FinalOutputState, typed: TypedEvent, output: unknown[]): Finding[] {
  if (output.length === 0 && state.doneItems.size > 0) {
    return [
      finding(finalOutputItems, 'fail', `The final response's output is empty, although ${state.doneItems.size} item(s) were streamed and finished with response.output_item.done.`, {
        expected: `${state.doneItems.size} item(s)`,
        actual: 'an empty output',
        location: eventLocation(typed.source, '/response/output'),
      }),
    ];
  }
  const { findings, matched } = comparePositions(state, typed, output);
  const used = new Set(matched.values());
  for (const [index, item] of state.doneItems) {
    if (matched.has(index)) continue;
    // An item no other streamed item claims, at this item's position, is this item changed.
    if (index < output.length && !used.has(index)) {
      matched.set(index, index);
      used.add(index);
      continue;
    }
    findings.push(
      finding(finalOutputItems, 'fail', `The final response's output lacks item ${quote(idOf(item))}, which response.output_item.done finished at output_index ${index}.`, {
        expected: `the item at position ${index}`,
        actual: output[index] === undefined ? 'no item there' : `item ${quote(idOf(output[index]))}`,
        location: eventLocation(typed.source, `/response/output/${index}`),
      }),
    );
  }
  for (const [index, at] of matched) {
    const item = state.doneItems.get(index);
    const difference = firstDifference(item, output[at]);
    if (difference === undefined) continue;
    findings.push(
      finding(finalOutputItems, 'fail', `The final response's output differs from item ${quote(idOf(item))} as response.output_item.done finished it (first at ${difference || '(root)'}).`, {
        expected: 'the item as output_item.done showed it',
        actual: `a different value at ${difference || '(root)'}`,
        location: eventLocation(typed.source, `/response/output/${at}${difference}`),
      }),
    );
  }
  output.forEach((entry, at) => {
    const id = idOf(entry);
    if (used.has(at) || state.addedIds.has(id)) return;
    findings.push(
      finding(finalOutputItems, 'fail', `The final response's output holds item ${quote(id)} at position ${at}, which the stream never finished with response.output_item.done.`, {
        expected: 'only streamed items',
        actual: `an extra item at position ${at}`,
        location: eventLocation(typed.source, `/response/output/${at}`),
      }),
    );
  });
  return findings;
}
