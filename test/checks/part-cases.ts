/** Streams that break the part grammar one way each, for the exact tests of the part rules. */
type Body = Record<string, unknown>;
const addM = { type: 'response.output_item.added', output_index: 0, item: { id: 'm', type: 'message', status: 'in_progress', content: [] } };
const addR = { type: 'response.output_item.added', output_index: 0, item: { id: 'r', type: 'reasoning', summary: [] } };
const addF = { type: 'response.output_item.added', output_index: 0, item: { id: 'f', type: 'function_call', status: 'in_progress' } };
const m = { item_id: 'm', output_index: 0 };
const r = { item_id: 'r', output_index: 0 };
const f = { item_id: 'f', output_index: 0 };
const partAdded = (at: Body, i: number, type = 'output_text') => ({ type: 'response.content_part.added', ...at, content_index: i, part: { type } });
const partDone = (at: Body, i: number, type = 'output_text') => ({ type: 'response.content_part.done', ...at, content_index: i, part: { type } });
const textDelta = (at: Body, i: number) => ({ type: 'response.output_text.delta', ...at, content_index: i, delta: 'x' });
const textDone = (at: Body, i: number) => ({ type: 'response.output_text.done', ...at, content_index: i, text: 'x' });
const rawDelta = (i: number) => ({ type: 'response.reasoning.delta', ...r, content_index: i, delta: 'x' });
const rawDone = (i: number) => ({ type: 'response.reasoning.done', ...r, content_index: i, text: 'x' });
const annotation = (i: number) => ({ type: 'response.output_text.annotation.added', ...m, content_index: i, annotation_index: 0, annotation: {} });
const sumAdded = (at: Body, i: number) => ({ type: 'response.reasoning_summary_part.added', ...at, summary_index: i, part: { type: 'summary_text' } });
const sumDelta = (at: Body, i: number) => ({ type: 'response.reasoning_summary_text.delta', ...at, summary_index: i, delta: 'x' });
const sumDone = (at: Body, i: number) => ({ type: 'response.reasoning_summary_text.done', ...at, summary_index: i, text: 'x' });
const sumPartDone = (at: Body, i: number, type = 'summary_text') => ({ type: 'response.reasoning_summary_part.done', ...at, summary_index: i, part: { type } });
const itemDone = (item: Body) => ({ type: 'response.output_item.done', output_index: 0, item });

/** A case: its name, the scope whose rule it breaks, and the events after which the stream ends. */
export const partCases: [name: string, scope: 'content' | 'summary', bodies: Body[]][] = [
  ['text before its part was added, then the added event', 'content', [addM, textDelta(m, 0), partAdded(m, 0)]],
  ['raw reasoning before its part was added, then the added event', 'content', [addR, rawDelta(0), partAdded(r, 0, 'reasoning_text')]],
  ['raw reasoning starting at content_index 1', 'content', [addR, rawDelta(1)]],
  ['an annotation before its part was added', 'content', [addM, annotation(0)]],
  ['a content_part.done before its part was added', 'content', [addM, partDone(m, 0)]],
  ['an annotation and a second content_part.done after the part was closed', 'content', [addM, partAdded(m, 0), textDone(m, 0), partDone(m, 0), annotation(0), partDone(m, 0)]],
  ['raw reasoning after reasoning.done', 'content', [addR, rawDelta(0), rawDone(0), rawDelta(0)]],
  ['a part of a type that streams no text, closed without text', 'content', [addM, partAdded(m, 0, 'input_image'), partDone(m, 0, 'input_image'), itemDone({ id: 'm', type: 'message', content: [{ type: 'input_image' }] })]],
  ['a raw reasoning part closed without reasoning.done', 'content', [addR, partAdded(r, 0, 'reasoning_text'), rawDelta(0), partDone(r, 0, 'reasoning_text')]],
  ['text deltas without content_index, twice', 'content', [addM, { type: 'response.output_text.delta', ...m, delta: 'x' }, { type: 'response.output_text.delta', ...m, delta: 'y' }]],
  ['a content part added to a function call', 'content', [addF, partAdded(f, 0)]],
  ['raw reasoning done without a part done, then the item done', 'content', [addR, rawDelta(0), rawDone(0), itemDone({ id: 'r', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'x' }] })]],
  ['a reasoning item finished with content never streamed', 'content', [addR, itemDone({ id: 'r', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'x' }] })]],
  ['a part left open by a message item done', 'content', [addM, partAdded(m, 0), textDelta(m, 0), itemDone({ id: 'm', type: 'message', content: [{ type: 'output_text', text: 'x' }] })]],
  ['a part with finished text left open by a message item done', 'content', [addM, partAdded(m, 0), textDone(m, 0), itemDone({ id: 'm', type: 'message', content: 'none' })]],
  ['part events for items never added, done or without parts judged elsewhere', 'content', [textDelta(m, 0), addF, itemDone({ id: 'f', type: 'function_call' }), textDelta(f, 0), { type: 'response.output_item.done', output_index: 5, item: { id: 'q', type: 'message' } }]],
  ['text deltas into a part of a type that streams no text', 'content', [addM, partAdded(m, 0, 'input_image'), textDelta(m, 0), textDone(m, 0)]],
  ['a content_part.done twice', 'content', [addM, partAdded(m, 0), textDone(m, 0), partDone(m, 0), partDone(m, 0), partDone(m, 0)]],
  ['a function call finished with content', 'content', [addF, itemDone({ id: 'f', type: 'function_call', content: [{ type: 'output_text', text: 'x' }] })]],
  ['an item added without type, finished as a function call with content', 'content', [{ ...addF, item: { id: 'f' } }, itemDone({ id: 'f', type: 'function_call', content: [{ type: 'output_text', text: 'x' }] })]],
  ['a text done before its part was added, then the part closed', 'content', [addM, textDone(m, 0), partDone(m, 0)]],
  ['raw reasoning done before any event of its part, then the part closed', 'content', [addR, rawDone(0), partDone(r, 0, 'reasoning_text')]],
  ['a raw reasoning part opened by a delta, closed without reasoning.done', 'content', [addR, rawDelta(0), partDone(r, 0, 'reasoning_text')]],
  ['raw reasoning streamed into a message part, left open', 'content', [addM, partAdded(m, 0, 'reasoning_text'), { ...rawDelta(0), ...m }, itemDone({ id: 'm', type: 'message', content: [{ type: 'reasoning_text', text: 'x' }] })]],
  ['summary text before its part was added', 'summary', [addR, sumDelta(r, 0), sumAdded(r, 0)]],
  ['a summary part added to a message', 'summary', [addM, sumAdded(m, 0), sumDelta(m, 0)]],
  ['a summary part closed without its text done', 'summary', [addR, sumAdded(r, 0), sumDelta(r, 0), sumPartDone(r, 0)]],
  ['a summary part of a type that streams no text, closed without text', 'summary', [addR, { ...sumAdded(r, 0), part: { type: 'note' } }, sumPartDone(r, 0, 'note')]],
  ['summary text after the part was done, and a summary never streamed', 'summary', [addR, sumAdded(r, 0), sumDone(r, 0), sumPartDone(r, 0), sumDelta(r, 0), itemDone({ id: 'r', type: 'reasoning', summary: [{ type: 'summary_text', text: 'x' }, { type: 'summary_text', text: 'y' }] })]],
  ['summary deltas without summary_index, twice', 'summary', [addR, { type: 'response.reasoning_summary_text.delta', ...r, delta: 'x' }, { type: 'response.reasoning_summary_text.delta', ...r, delta: 'y' }]],
  ['a summary part starting at index 1, left open', 'summary', [addR, sumAdded(r, 1), itemDone({ id: 'r', type: 'reasoning', summary: [] })]],
];
