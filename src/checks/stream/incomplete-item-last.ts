import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck, TypedEvent } from '../types.js';
import { DeferredFindings, snapshotItem } from './deferred-findings.js';
import { eventLocation } from './location.js';
import { quote, readUntilTerminal, recordField } from './stream-event.js';

interface IncompleteItemState {
  /** The first item that ended `incomplete`, as its `output_item.done` showed it. */
  incomplete: { id: string | undefined; item: Record<string, unknown> } | undefined;
  laterItemReported: boolean;
  deferred: DeferredFindings;
  ended: boolean;
}

/**
 * SPEC§Items are state machines: when an item ends `incomplete`, "it MUST be the last item
 * emitted, and the containing response also MUST be in an `incomplete` state" (SSE-O-17). Where the
 * final snapshot shows the same defect, `response/incomplete-item-last` reports it there (RES-17);
 * this rule reports what only the stream shows.
 */
export const incompleteItemLast: StreamCheck<IncompleteItemState> = {
  kind: 'stream',
  id: 'stream/incomplete-item-last',
  requirement: 'SSE-O-17',
  severity: 'MUST',
  section: 'Items are state machines',
  title: 'An item that ends incomplete is the last item, and the response ends incomplete',
  reads: ['lifecycle', 'item-added', 'item-done'],
  init: () => ({ incomplete: undefined, laterItemReported: false, deferred: new DeferredFindings(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'lifecycle' && typed.role.terminal) {
      holdTerminal(state, typed);
      return state.deferred.release(typed.body.response);
    }
    if (typed.role.kind === 'item-done' && state.incomplete === undefined) {
      const item = recordField(typed.body, 'item');
      if (item?.status === 'incomplete') state.incomplete = { id: typed.itemId, item };
    }
    if (typed.role.kind === 'item-added') holdLaterItem(state, typed);
    return NO_FINDINGS;
  },
  onEnd: (state) => state.deferred.release(undefined),
};

function holdLaterItem(state: IncompleteItemState, typed: TypedEvent): void {
  const incomplete = state.incomplete;
  if (incomplete === undefined || state.laterItemReported) return;
  state.laterItemReported = true;
  state.deferred.hold(
    finding(incompleteItemLast, 'fail', `response.output_item.added starts item ${quote(typed.itemId)} after item ${quote(incomplete.id)} ended incomplete; an incomplete item must be the last item.`, {
      expected: 'no item after the incomplete one',
      actual: 'another item',
      location: eventLocation(typed.source, '/type'),
    }),
    typed.source,
    (snapshot) => {
      const final = snapshotItem(snapshot, incomplete.item);
      return final?.item.status === 'incomplete' && !final.last;
    },
  );
}

function holdTerminal(state: IncompleteItemState, typed: TypedEvent): void {
  const incomplete = state.incomplete;
  if (incomplete === undefined || typed.type === 'response.incomplete') return;
  state.deferred.hold(
    finding(incompleteItemLast, 'fail', `The response ends with ${typed.type} although item ${quote(incomplete.id)} ended incomplete; a response with an incomplete item must end with response.incomplete.`, {
      expected: 'response.incomplete',
      actual: typed.type,
      location: eventLocation(typed.source, '/type'),
    }),
    typed.source,
    (snapshot) => snapshotItem(snapshot, incomplete.item)?.item.status === 'incomplete' && snapshot.status !== 'incomplete',
  );
}
