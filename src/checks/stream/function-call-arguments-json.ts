import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { DeferredFindings, snapshotItem } from './deferred-findings.js';
import { parsesAsJson } from './json-compare.js';
import { eventLocation } from './location.js';
import { quote, readUntilTerminal, recordField, stringField } from './stream-event.js';

interface ArgumentsJsonState {
  deferred: DeferredFindings;
  ended: boolean;
}

/**
 * OAS:FunctionCall: `arguments` is "the arguments JSON string that was generated"; a completed
 * call's arguments parse as JSON (REQ-TC-07; an `incomplete` call may be cut off). Judged on the
 * item of `output_item.done`; when the final snapshot shows the same arguments,
 * `response/function-call-arguments-json` reports them there instead.
 */
export const functionCallArgumentsJson: StreamCheck<ArgumentsJsonState> = {
  kind: 'stream',
  id: 'stream/function-call-arguments-json',
  requirement: 'REQ-TC-07',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'A completed streamed function call has arguments that parse as JSON',
  reads: ['lifecycle', 'item-done'],
  init: () => ({ deferred: new DeferredFindings(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    if (typed === undefined) return NO_FINDINGS;
    if (typed.role.kind === 'lifecycle' && typed.role.terminal) return state.deferred.release(typed.body.response);
    if (typed.role.kind !== 'item-done') return NO_FINDINGS;
    const item = recordField(typed.body, 'item');
    const args = item === undefined ? undefined : stringField(item, 'arguments');
    if (item === undefined || item.type !== 'function_call' || item.status !== 'completed' || args === undefined || parsesAsJson(args)) return NO_FINDINGS;
    state.deferred.hold(
      finding(functionCallArgumentsJson, 'fail', `The completed function call ${quote(stringField(item, 'id'))} has arguments that are not valid JSON.`, {
        expected: 'a JSON text',
        actual: JSON.stringify(args.slice(0, 80)),
        location: eventLocation(typed.source, '/item/arguments'),
      }),
      typed.source,
      (snapshot) => {
        const final = snapshotItem(snapshot, item)?.item;
        return final?.type === 'function_call' && final.status === 'completed' && typeof final.arguments === 'string' && !parsesAsJson(final.arguments);
      },
    );
    return NO_FINDINGS;
  },
  onEnd: (state) => state.deferred.release(undefined),
};
