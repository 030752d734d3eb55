/** Streams that break (or keep) the consistency rules one way each, for the exact tests of those rules. */
type Body = Record<string, unknown>;

const m = { item_id: 'm', output_index: 0 };
const f = { item_id: 'f', output_index: 1 };
const addM: Body = { type: 'response.output_item.added', output_index: 0, item: { id: 'm', type: 'message', status: 'in_progress', content: [] } };
const addF = (args?: string): Body => ({ type: 'response.output_item.added', output_index: 1, item: { id: 'f', type: 'function_call', status: 'in_progress', ...(args === undefined ? {} : { arguments: args }) } });
const partAdded = (i: number, part: Body = { type: 'output_text', text: '' }): Body => ({ type: 'response.content_part.added', ...m, content_index: i, part });
const textDelta = (i: number, delta: unknown): Body => ({ type: 'response.output_text.delta', ...m, content_index: i, delta });
const textDone = (i: number, text: unknown): Body => ({ type: 'response.output_text.done', ...m, content_index: i, text });
const refusalDone = (i: number, refusal: string): Body => ({ type: 'response.refusal.done', ...m, content_index: i, refusal });
const partDone = (i: number, part: unknown): Body => ({ type: 'response.content_part.done', ...m, content_index: i, part });
const messageDone = (content: unknown): Body => ({ type: 'response.output_item.done', output_index: 0, item: { id: 'm', type: 'message', status: 'completed', content } });
const argsDelta = (delta: unknown): Body => ({ type: 'response.function_call_arguments.delta', ...f, delta });
const argsDone = (args: unknown): Body => ({ type: 'response.function_call_arguments.done', ...f, arguments: args });
const callDone = (item: Body): Body => ({ type: 'response.output_item.done', output_index: 1, item: { id: 'f', type: 'function_call', status: 'completed', call_id: 'c', name: 'n', ...item } });
const annotationAdded = (i: number, at: unknown, annotation: unknown): Body => ({ type: 'response.output_text.annotation.added', ...m, content_index: i, annotation_index: at, annotation });
const citation = (n: number): Body => ({ type: 'url_citation', url: `https://e.example/${n}`, start_index: 0, end_index: 1, title: `T${n}` });
const item = (id: string | undefined, extra: Body = {}): Body => ({ ...(id === undefined ? {} : { id }), type: 'message', status: 'completed', content: [], ...extra });
const finished = (index: number, done: Body | null): Body => ({ type: 'response.output_item.done', output_index: index, item: done });
const added = (index: number, id: string): Body => ({ type: 'response.output_item.added', output_index: index, item: { id, type: 'message' } });
const ending = (type: string, output: unknown): Body => ({ type, response: { status: type.slice('response.'.length), output } });
const completed: Body = { type: 'response.completed', response: { status: 'completed', output: [] } };

export type ConsistencyRule = 'text' | 'arguments' | 'arguments-json' | 'annotations' | 'obfuscation' | 'arguments-order' | 'final-output';

export interface ConsistencyCase {
  name: string;
  rule: ConsistencyRule;
  bodies: Body[];
  /** The run's --max-body-bytes, which bounds the text kept. */
  maxBodyBytes?: number;
  request?: Body;
}

export const consistencyCases: ConsistencyCase[] = [
  { name: 'text: the part text when added counts before the deltas', rule: 'text', bodies: [addM, partAdded(0, { type: 'output_text', text: 'He' }), textDelta(0, 'llo'), textDone(0, 'Hello'), partDone(0, { type: 'output_text', text: 'Hello' }), messageDone([{ type: 'output_text', text: 'Hello' }])] },
  { name: 'text: a wrong done text is reported once, where it was stated', rule: 'text', bodies: [addM, partAdded(0), textDelta(0, 'ab'), textDone(0, 'ax'), partDone(0, { type: 'output_text', text: 'ax' }), messageDone([{ type: 'output_text', text: 'ab' }])] },
  { name: 'text: a finished part unlike the done text', rule: 'text', bodies: [addM, partAdded(0), textDelta(0, 'ab'), textDone(0, 'ab'), partDone(0, { type: 'output_text', text: 'abc' }), messageDone([{ type: 'output_text', text: 'abcd' }])] },
  { name: 'text: a refusal part and item unlike the refusal', rule: 'text', bodies: [addM, partAdded(0, { type: 'refusal', refusal: '' }), { type: 'response.refusal.delta', ...m, content_index: 0, delta: 'no' }, refusalDone(0, 'no'), partDone(0, { type: 'refusal', refusal: 'nope' }), messageDone([{ type: 'refusal', refusal: 'nah' }])] },
  { name: 'text: a summary part unlike its summary text', rule: 'text', bodies: [{ type: 'response.output_item.added', output_index: 0, item: { id: 'r', type: 'reasoning', summary: [] } }, { type: 'response.reasoning_summary_text.delta', item_id: 'r', output_index: 0, summary_index: 0, delta: 'so' }, { type: 'response.reasoning_summary_part.done', item_id: 'r', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: 'se' } }] },
  { name: 'text: statements the rule cannot read are skipped', rule: 'text', bodies: [addM, partAdded(0, { type: 'output_text' }), textDelta(0, 7), textDelta(0, 'a'), textDone(0, 5), { ...textDelta(0, 'x'), content_index: 'zero' }, partDone(0, 'a'), partDone(0, { type: 'output_text', text: 3 }), messageDone([7])] },
  { name: 'text: a done item that misses a streamed part, and a part streamed past the budget', rule: 'text', maxBodyBytes: 3, bodies: [addM, partAdded(0), textDelta(0, 'abcd'), textDone(0, 'zzzz'), partAdded(1), textDelta(1, 'ab'), messageDone([{ type: 'output_text', text: 'x' }]), completed, textDone(1, 'late')] },
  { name: 'text: a done item that is not an object, and one for an item never added', rule: 'text', bodies: [addM, partAdded(0), textDelta(0, 'a'), { type: 'response.output_item.done', output_index: 0, item: 'm' }, { type: 'response.output_item.done', output_index: 4, item: { id: 'q', type: 'message', content: [] } }] },
  { name: 'text: content that is not a list', rule: 'text', bodies: [addM, partAdded(0), textDelta(0, 'a'), messageDone('a')] },
  { name: 'arguments: the arguments when added count before the deltas, and the done item may repeat any statement', rule: 'arguments', bodies: [addF('{"a"'), argsDelta(':1}'), argsDone('{"a":1}'), callDone({ arguments: '{"a":1}' })] },
  { name: 'arguments: a wrong done statement is reported once; the item is compared with it', rule: 'arguments', bodies: [addF(), argsDelta('{}'), argsDone('{ }'), callDone({ arguments: '{ }' })] },
  { name: 'arguments: an item unlike both the deltas and the done event', rule: 'arguments', bodies: [addF(), argsDelta('{}'), argsDone('{ }'), callDone({ arguments: '{  }' })] },
  { name: 'arguments: an item unlike the deltas, without a done event', rule: 'arguments', bodies: [addF(), argsDelta('{"b":2}'), callDone({ arguments: '{"b":3}' })] },
  { name: 'arguments: statements the rule cannot read, other item types and text past the budget are skipped', rule: 'arguments', maxBodyBytes: 4, bodies: [addM, { ...argsDelta('x'), ...m }, { type: 'response.output_item.done', output_index: 0, item: { id: 'm', type: 'message', arguments: 'y' } }, addF('{'), argsDelta(5), argsDone(7), argsDelta('"long"}'), argsDone('other'), callDone({ arguments: 'again' })] },
  { name: 'arguments: a done item that is not a function call, and the end of the response', rule: 'arguments', bodies: [addF(), argsDelta('{}'), { type: 'response.output_item.done', output_index: 1, item: { id: 'f', type: 'message', arguments: 'z' } }, completed, addF(), argsDone('late')] },
  { name: 'arguments-json: reported when the snapshot does not show the same arguments', rule: 'arguments-json', bodies: [callDone({ arguments: `{"a":${'1'.repeat(100)}` }), { type: 'response.completed', response: { output: [{ id: 'f', type: 'function_call', status: 'completed', arguments: '{}' }] } }] },
  { name: 'arguments-json: left to the snapshot that shows them', rule: 'arguments-json', bodies: [callDone({ arguments: '{' }), { type: 'response.completed', response: { output: [{ id: 'f', type: 'function_call', status: 'completed', arguments: '{' }] } }] },
  { name: 'arguments-json: a snapshot item that is incomplete, another type or without string arguments does not take it over', rule: 'arguments-json', bodies: [callDone({ id: 'a', arguments: '{' }), callDone({ id: 'b', arguments: '[' }), callDone({ id: 'c', arguments: '"' }), { type: 'response.incomplete', response: { output: [{ id: 'a', type: 'function_call', status: 'incomplete', arguments: '{' }, { id: 'b', type: 'message', status: 'completed', arguments: '[' }, { id: 'c', type: 'function_call', status: 'completed', arguments: 7 }] } }] },
  { name: 'arguments-json: only completed function calls with string arguments are judged', rule: 'arguments-json', bodies: [callDone({ status: 'incomplete', arguments: '{' }), callDone({ type: 'custom', arguments: '{' }), callDone({ arguments: 5 }), callDone({ arguments: '{"ok":true}' }), { type: 'response.output_item.done', item: null }, completed, callDone({ arguments: '{' })] },
  { name: 'arguments-json: without a terminal event the stream end releases it', rule: 'arguments-json', bodies: [callDone({ arguments: '{' })] },
  { name: 'annotations: compared with the finished part, and else with the done item', rule: 'annotations', bodies: [addM, annotationAdded(0, 0, citation(1)), annotationAdded(0, 1, citation(2)), annotationAdded(1, 0, citation(3)), partDone(0, { type: 'output_text', text: '', annotations: [citation(1)] }), messageDone([{ type: 'output_text', annotations: [] }, { type: 'output_text', text: '', annotations: [citation(4)] }])] },
  { name: 'annotations: parts without annotations, parts never announced and unreadable events are skipped', rule: 'annotations', bodies: [addM, annotationAdded(0, 0, citation(1)), annotationAdded(0, 'one', citation(1)), annotationAdded(0, 0, 'c'), { ...annotationAdded(0, 0, citation(1)), content_index: undefined }, partDone(0, { type: 'output_text' }), partDone(2, { type: 'output_text', annotations: [] }), { type: 'response.reasoning_summary_part.done', ...m, content_index: 0, part: { annotations: [] } }, annotationAdded(1, 0, citation(1)), messageDone([{}, 'part'])] },
  { name: 'annotations: a done item without content, and one whose part was already compared', rule: 'annotations', bodies: [addM, annotationAdded(0, 0, citation(1)), partDone(0, { type: 'output_text', annotations: [citation(1)] }), messageDone([{ annotations: [] }]), { type: 'response.output_item.added', output_index: 2, item: { id: 'n', type: 'message' } }, { type: 'response.output_text.annotation.added', item_id: 'n', output_index: 2, content_index: 0, annotation_index: 0, annotation: citation(1) }, { type: 'response.output_item.done', output_index: 2, item: { id: 'n', type: 'message' } }] },
  { name: 'obfuscation: reported once when the request turned it off', rule: 'obfuscation', request: { model: 'm', input: 'x', stream: true, stream_options: { include_obfuscation: false } }, bodies: [{ type: 'response.created' }, { type: 'acme:x', obfuscation: 'p' }, { type: 'response.output_text.delta', obfuscation: 'q' }] },
  { name: 'obfuscation: allowed unless turned off', rule: 'obfuscation', request: { model: 'm', input: 'x', stream: true, stream_options: { include_obfuscation: true } }, bodies: [{ type: 'response.output_text.delta', obfuscation: 'q' }] },
  { name: 'obfuscation: allowed when stream_options is not an object', rule: 'obfuscation', request: { model: 'm', input: 'x', stream: true, stream_options: 'include_obfuscation: false' }, bodies: [{ type: 'response.output_text.delta', obfuscation: 'q' }] },
  { name: 'arguments-order: arguments to a reasoning item, reported once per item', rule: 'arguments-order', bodies: [{ type: 'response.output_item.added', output_index: 0, item: { id: 'r', type: 'reasoning' } }, argsDelta(''), { ...argsDelta(''), item_id: 'r', output_index: 0 }, { ...argsDone(''), item_id: 'r', output_index: 0 }] },
  { name: 'arguments-order: a done event after a done event, once; events for items never added, or done, are skipped', rule: 'arguments-order', bodies: [addF(), argsDone('{}'), argsDone('{}'), argsDelta('x'), callDone({}), argsDelta('y'), { ...argsDelta('z'), item_id: 'q' }] },
  { name: 'arguments-order: an extension item and a call whose done item names its type', rule: 'arguments-order', bodies: [{ type: 'response.output_item.added', output_index: 1, item: { id: 'f', type: 'acme:call' } }, argsDelta('{}'), { type: 'response.output_item.done', output_index: 1, item: { id: 'f', type: 'function_call' } }, { type: 'response.output_item.added', output_index: 2, item: { id: 'g' } }, { type: 'response.output_item.done', output_index: 2, item: null }, { type: 'response.output_item.done', output_index: 2, item: { id: 'g', type: 'function_call' } }] },
  { name: 'final output: items finished out of order sit at their output_index', rule: 'final-output', bodies: [finished(1, item('b')), finished(0, item('a')), ending('response.completed', [item('a'), item('b')])] },
  { name: 'final output: an item replaced by another value, compared at the root', rule: 'final-output', bodies: [finished(0, item('a')), ending('response.completed', ['a'])] },
  { name: 'final output: an item moved, one missing where the moved one sits, and an extra one', rule: 'final-output', bodies: [added(0, 'a'), added(1, 'b'), added(5, 'open'), finished(0, item('a')), finished(1, item('b')), ending('response.completed', [item('b'), item('c'), item('open'), item(undefined)])] },
  { name: 'final output: items without id changed in place', rule: 'final-output', bodies: [finished(0, item(undefined)), finished(1, item(undefined, { status: 'incomplete' })), ending('response.completed', [item(undefined), item(undefined, { role: 'x' })])] },
  { name: 'final output: items of an incomplete response moved or left out', rule: 'final-output', bodies: [finished(0, item('a')), finished(1, item('b')), finished(2, item(undefined)), ending('response.incomplete', [item('b', { status: 'x' }), item('z')])] },
  { name: 'final output: not compared past the budget', rule: 'final-output', maxBodyBytes: 200, bodies: [finished(0, item('a')), finished(1, item('b', { content: ['x'.repeat(200)] })), finished(2, item('c')), ending('response.completed', [])] },
  { name: 'final output: not compared for a failed response', rule: 'final-output', bodies: [finished(0, item('a')), ending('response.failed', [])] },
  { name: 'final output: a terminal snapshot without output, and done events it cannot place', rule: 'final-output', bodies: [{ type: 'response.output_item.done', item: item('a') }, finished(0, null), { type: 'response.completed', response: { output: 'none' } }] },
  { name: 'final output: an empty output of a response that finished no item, and events after the end', rule: 'final-output', bodies: [added(0, 'a'), ending('response.completed', []), finished(0, item('a')), ending('response.completed', [])] },
];
