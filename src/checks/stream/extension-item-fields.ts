import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { DeferredFindings, snapshotItem } from './deferred-findings.js';
import { eventLocation } from './location.js';
import { isExtensionType } from '../../protocol/events.js';
import { readUntilTerminal, recordField, shown, stringField } from './stream-event.js';

interface ExtensionItemState {
  deferred: DeferredFindings;
  ended: boolean;
}

/**
 * SPEC§Extending Items, Required item fields: "Every `Item` … MUST include the following
 * top-level fields, regardless of its specific `type`": `id`, `type` and `status` (EXT-02). Standard
 * items are judged by their schemas; this rule covers slug-prefixed extension items in
 * `output_item.added` and `.done`. When the final snapshot's item lacks the same fields,
 * `response/extension-items` reports it there instead.
 */
export const extensionItemFields: StreamCheck<ExtensionItemState> = {
  kind: 'stream',
  id: 'stream/extension-item-fields',
  requirement: 'EXT-02',
  severity: 'MUST',
  section: 'Extending Items',
  title: 'Streamed extension items carry id, type and status',
  reads: ['lifecycle', 'item-added', 'item-done'],
  init: () => ({ deferred: new DeferredFindings(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'lifecycle' && typed.role.terminal) return state.deferred.release(typed.body.response);
    if (typed.role.kind !== 'item-added' && typed.role.kind !== 'item-done') return NO_FINDINGS;
    const item = recordField(typed.body, 'item');
    const missing = item === undefined ? undefined : missingFields(item);
    if (item === undefined || missing === undefined) return NO_FINDINGS;
    const problem = fieldFinding(typed, missing);
    if (typed.role.kind === 'item-added') return [problem];
    state.deferred.hold(problem, typed.source, (snapshot) => {
      const final = snapshotItem(snapshot, item)?.item;
      return final !== undefined && missingFields(final) !== undefined;
    });
    return NO_FINDINGS;
  },
  onEnd: (state) => state.deferred.release(undefined),
};

/** The required fields an extension item lacks; undefined for standard items and complete ones. */
function missingFields(item: Record<string, unknown>): { type: string; fields: string[] } | undefined {
  const type = stringField(item, 'type');
  if (type === undefined || !isExtensionType(type)) return undefined;
  const fields = ['id', 'status'].filter((field) => stringField(item, field) === undefined);
  return fields.length === 0 ? undefined : { type, fields };
}

function fieldFinding(typed: TypedEvent, missing: { type: string; fields: string[] }): Finding {
  const names = missing.fields.map((field) => `"${field}"`).join(' and ');
  return finding(extensionItemFields, 'fail', `The extension item ${shown(missing.type)} in ${typed.type} has no string ${names}; every item, extension items included, carries id, type and status.`, {
    expected: 'string "id", "type" and "status"',
    actual: `no ${names}`,
    location: eventLocation(typed.source, `/item/${missing.fields[0]}`),
  });
}
