import { finding, NO_FINDINGS } from '../finding.js';
import { STATUS_ITEM_TYPES } from '../response/items.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { DeferredFindings, snapshotItem } from './deferred-findings.js';
import { eventLocation } from './location.js';
import { quote, readUntilTerminal, recordField, stringField } from './stream-event.js';

interface ItemStatusState {
  deferred: DeferredFindings;
  ended: boolean;
}

/**
 * SPEC§Items are state machines: an item is `in_progress` while the model emits it and ends
 * `completed` or `incomplete`; the spec's `output_item.added` and `.done` examples show exactly
 * that (SSE-O-18). A done item still `in_progress` contradicts its done event (fail); an added
 * item that is already finished is a warning. Only the items whose schema has a `status` are
 * judged: reasoning and compaction items have none, and extension items may use their own
 * statuses (ITEM-05). When the `completed` final snapshot shows the item still `in_progress` too,
 * `response/completed-items-status` reports it there instead.
 */
export const itemStatus: StreamCheck<ItemStatusState> = {
  kind: 'stream',
  id: 'stream/item-status',
  requirement: 'SSE-O-18',
  severity: 'IMPLIED',
  section: 'Items are state machines',
  title: 'Items are in_progress when added and completed or incomplete when done',
  reads: ['lifecycle', 'item-added', 'item-done'],
  init: () => ({ deferred: new DeferredFindings(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'lifecycle' && typed.role.terminal) return state.deferred.release(typed.body.response);
    if (typed.role.kind === 'item-added') return addedStatus(typed);
    if (typed.role.kind === 'item-done') holdDoneStatus(state, typed);
    return NO_FINDINGS;
  },
  onEnd: (state) => state.deferred.release(undefined),
};

function statusOf(typed: TypedEvent): { item: Record<string, unknown>; status: string } | undefined {
  const item = recordField(typed.body, 'item');
  if (item === undefined) return undefined;
  const type = stringField(item, 'type');
  const status = stringField(item, 'status');
  if (status === undefined || !STATUS_ITEM_TYPES.some((known) => known === type)) return undefined;
  return { item, status };
}

function addedStatus(typed: TypedEvent): readonly Finding[] {
  const found = statusOf(typed);
  if (found === undefined || found.status === 'in_progress') return NO_FINDINGS;
  return [
    finding(itemStatus, 'warn', `response.output_item.added shows item ${quote(stringField(found.item, 'id'))} with status "${found.status}"; a newly added item is expected to be in_progress.`, {
      expected: '"in_progress"',
      actual: JSON.stringify(found.status),
      location: eventLocation(typed.source, '/item/status'),
    }),
  ];
}

function holdDoneStatus(state: ItemStatusState, typed: TypedEvent): void {
  const found = statusOf(typed);
  if (found?.status !== 'in_progress') return;
  const doneItem = found.item;
  state.deferred.hold(
    finding(itemStatus, 'fail', `response.output_item.done shows item ${quote(stringField(doneItem, 'id'))} still in_progress; a done item is completed or incomplete.`, {
      expected: '"completed" or "incomplete"',
      actual: '"in_progress"',
      location: eventLocation(typed.source, '/item/status'),
    }),
    typed.source,
    (snapshot) => snapshot.status === 'completed' && snapshotItem(snapshot, doneItem)?.item.status === 'in_progress',
  );
}
