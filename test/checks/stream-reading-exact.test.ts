import { describe, expect, it } from 'vitest';
import { eventRole, familyOfPartType, isCoreItemType, isItemEvent, itemTypeLacksParts, PART_SCOPES, TEXT_FAMILIES, isExtensionType } from '../../src/protocol/events.js';
import { ItemRegistry } from '../../src/checks/stream/item-registry.js';
import { eventLocation } from '../../src/checks/stream/location.js';
import { integerField, jsonStreamEvent, partText, quote, readEvent, readUntilTerminal, recordField, shown, stringField } from '../../src/checks/stream/stream-event.js';
import type { StreamEvent, TypedEvent } from '../../src/checks/types.js';

/** How the stream rules read events, items and types, exactly: mutation testing showed these tables and edges untested. */
function json(value: unknown, index = 0): StreamEvent {
  return jsonStreamEvent({ index, data: JSON.stringify(value), byteOffset: 5 + index, receivedAtMs: 0 }, value);
}

function typed(value: Record<string, unknown>): TypedEvent {
  const read = readEvent(json(value));
  if (read === undefined) throw new Error('not a typed event');
  return read;
}

describe('the event catalogue', () => {
  it.each([
    ['response.created', 'lifecycle'],
    ['response.queued', 'lifecycle'],
    ['response.in_progress', 'lifecycle'],
    ['response.completed', 'lifecycle'],
    ['response.failed', 'lifecycle'],
    ['response.incomplete', 'lifecycle'],
    ['error', 'error'],
    ['response.output_item.added', 'item-added'],
    ['response.output_item.done', 'item-done'],
    ['response.content_part.added', 'part-added'],
    ['response.content_part.done', 'part-done'],
    ['response.reasoning_summary_part.added', 'part-added'],
    ['response.reasoning_summary_part.done', 'part-done'],
    ['response.output_text.annotation.added', 'annotation-added'],
    ['response.function_call_arguments.delta', 'arguments-delta'],
    ['response.function_call_arguments.done', 'arguments-done'],
    ['response.output_text.delta', 'text-delta'],
    ['response.output_text.done', 'text-done'],
    ['response.refusal.delta', 'text-delta'],
    ['response.refusal.done', 'text-done'],
    ['response.reasoning.delta', 'text-delta'],
    ['response.reasoning.done', 'text-done'],
    ['response.reasoning_summary_text.delta', 'text-delta'],
    ['response.reasoning_summary_text.done', 'text-done'],
  ])('%s is a %s event', (type, kind) => {
    const role = eventRole(type);
    expect(role?.kind).toBe(kind);
    expect(isItemEvent(role ?? { kind: 'error' })).toBe(kind !== 'lifecycle' && kind !== 'error');
  });

  it('knows the statuses and terminality of each lifecycle event, the scope of each part event', () => {
    expect(eventRole('response.created')).toEqual({ kind: 'lifecycle', statuses: ['in_progress', 'queued'], terminal: false });
    expect(eventRole('response.queued')).toEqual({ kind: 'lifecycle', statuses: ['queued'], terminal: false });
    expect(eventRole('response.in_progress')).toEqual({ kind: 'lifecycle', statuses: ['in_progress'], terminal: false });
    for (const status of ['completed', 'failed', 'incomplete']) expect(eventRole(`response.${status}`)).toEqual({ kind: 'lifecycle', statuses: [status], terminal: true });
    expect(eventRole('response.content_part.added')).toEqual({ kind: 'part-added', scope: 'content' });
    expect(eventRole('response.content_part.done')).toEqual({ kind: 'part-done', scope: 'content' });
    expect(eventRole('response.reasoning_summary_part.added')).toEqual({ kind: 'part-added', scope: 'summary' });
    expect(eventRole('response.reasoning_summary_part.done')).toEqual({ kind: 'part-done', scope: 'summary' });
    expect(eventRole('acme:trace')).toBeUndefined();
    expect(eventRole('response.done')).toBeUndefined();
  });

  it('describes each text family and part scope', () => {
    expect(TEXT_FAMILIES.map((f) => [f.name, f.partType, f.scope, f.deltaType, f.doneType, f.doneField, f.requirement])).toEqual([
      ['output_text', 'output_text', 'content', 'response.output_text.delta', 'response.output_text.done', 'text', 'SSE-C-01'],
      ['refusal', 'refusal', 'content', 'response.refusal.delta', 'response.refusal.done', 'refusal', 'SSE-C-04'],
      ['reasoning', 'reasoning_text', 'content', 'response.reasoning.delta', 'response.reasoning.done', 'text', 'SSE-C-04'],
      ['summary', 'summary_text', 'summary', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done', 'text', 'SSE-C-04'],
    ]);
    expect(PART_SCOPES).toEqual({
      content: { indexField: 'content_index', itemField: 'content', addedType: 'response.content_part.added', doneType: 'response.content_part.done' },
      summary: { indexField: 'summary_index', itemField: 'summary', addedType: 'response.reasoning_summary_part.added', doneType: 'response.reasoning_summary_part.done' },
    });
    expect(familyOfPartType('reasoning_text')?.name).toBe('reasoning');
    expect(familyOfPartType('input_text')).toBeUndefined();
    expect(familyOfPartType(undefined)).toBeUndefined();
  });

  it('knows the core item types and which of them have parts of each scope', () => {
    for (const type of ['message', 'function_call', 'function_call_output', 'reasoning', 'compaction']) expect(isCoreItemType(type), type).toBe(true);
    expect(isCoreItemType('acme:search')).toBe(false);
    expect(isCoreItemType(undefined)).toBe(false);
    const lacking = (scope: 'content' | 'summary') =>
      ['message', 'function_call', 'function_call_output', 'reasoning', 'compaction', 'acme:search', undefined].filter((type) => itemTypeLacksParts(type, scope));
    expect(lacking('content')).toEqual(['function_call', 'function_call_output', 'compaction']);
    expect(lacking('summary')).toEqual(['message', 'function_call', 'function_call_output', 'compaction']);
  });
});

describe('reading events', () => {
  it('reads JSON objects with a string type, marking core roles and extension types', () => {
    const event = json({ type: 'acme:trace', n: 1 });
    expect(readEvent(event)).toEqual({ source: event, body: { type: 'acme:trace', n: 1 }, type: 'acme:trace', role: undefined, extension: true });
    expect(readEvent(json({ type: 'response.created' }))).toMatchObject({ extension: false, role: { kind: 'lifecycle' } });
    expect(readEvent(json({ type: 7 }))).toBeUndefined();
    expect(readEvent(json(['response.created']))).toBeUndefined();
    expect(readEvent({ frame: json(0).frame, kind: 'done' })).toBeUndefined();
  });

  it('stops at the terminal event, returning it, and skips extension and unknown types', () => {
    const state = { ended: false };
    expect(readUntilTerminal(state, json({ type: 'acme:trace' }))).toBeUndefined();
    expect(readUntilTerminal(state, json({ type: 'response.in_progress' }))?.type).toBe('response.in_progress');
    expect(state.ended).toBe(false);
    expect(readUntilTerminal(state, json({ type: 'response.failed' }))?.type).toBe('response.failed');
    expect(state.ended).toBe(true);
    expect(readUntilTerminal(state, json({ type: 'response.created' }))).toBeUndefined();
  });

  it('reads fields only of their own type', () => {
    const body = { s: 'x', i: 3, f: 1.5, r: { a: 1 }, n: null, l: [1] };
    expect([stringField(body, 's'), stringField(body, 'i')]).toEqual(['x', undefined]);
    expect([integerField(body, 'i'), integerField(body, 'f'), integerField(body, 's')]).toEqual([3, undefined, undefined]);
    expect([recordField(body, 'r'), recordField(body, 'n'), recordField(body, 'l')]).toEqual([{ a: 1 }, undefined, undefined]);
  });

  it('classifies once: the item id of output_item events from the item, of other events from item_id', () => {
    expect(typed({ type: 'response.output_item.added', item_id: 'wrong', item: { id: 'a' } }).itemId).toBe('a');
    expect(typed({ type: 'response.output_item.done', item: { id: 'b' } }).itemId).toBe('b');
    expect(typed({ type: 'response.output_item.done', item: null, item_id: 'c' }).itemId).toBeUndefined();
    expect(typed({ type: 'response.output_item.added', item: { id: 5 } }).itemId).toBeUndefined();
    expect(typed({ type: 'response.output_text.delta', item_id: 'd', item: { id: 'x' } }).itemId).toBe('d');
    expect(typed({ type: 'acme:thing', item_id: 'e' }).itemId).toBe('e');
    expect(readEvent(json({ type: 'response.output_text.delta', item_id: 'd' }))?.source.frame.index).toBe(0);
  });

  it('classifies once: integer sequence_number and output_index, the role and the extension flag', () => {
    expect(typed({ type: 'response.output_text.delta', sequence_number: 4, output_index: 2 })).toMatchObject({ sequenceNumber: 4, outputIndex: 2, extension: false, role: { kind: 'text-delta' } });
    expect(typed({ type: 'acme:thing', sequence_number: 1.5, output_index: '2' })).toMatchObject({ sequenceNumber: undefined, outputIndex: undefined, extension: true, role: undefined });
    expect(readEvent(json({ sequence_number: 1 }))).toBeUndefined();
    expect(readEvent(json([{ type: 'response.created' }]))).toBeUndefined();
  });

  it('reads the text of a part: refusal for refusal parts, text for others', () => {
    expect(partText({ type: 'refusal', refusal: 'no', text: 'x' })).toBe('no');
    expect(partText({ type: 'output_text', text: 'hi', refusal: 'x' })).toBe('hi');
    expect(partText({ type: 'summary_text', text: 'so' })).toBe('so');
    expect(partText('text')).toBeUndefined();
  });

  it('cuts names to 80 characters and quotes ids', () => {
    expect(shown('a'.repeat(80))).toBe('a'.repeat(80));
    expect(shown('a'.repeat(81))).toBe(`${'a'.repeat(79)}…`);
    expect(quote('msg_1')).toBe('"msg_1"');
    expect(quote(undefined)).toBe('(without id)');
    expect(quote('b'.repeat(100))).toBe(`"${'b'.repeat(79)}…"`);
  });
});

describe('event locations and extension types', () => {
  it('gives index, offset, type, number and path where known', () => {
    expect(eventLocation(json({ type: 'response.created', sequence_number: 4 }, 2), '/type')).toEqual({ eventIndex: 2, byteOffset: 7, eventType: 'response.created', sequenceNumber: 4, path: '/type' });
    expect(eventLocation(json({ type: 3, sequence_number: '4' }, 1))).toEqual({ eventIndex: 1, byteOffset: 6 });
    expect(eventLocation(json([1], 1))).toEqual({ eventIndex: 1, byteOffset: 6 });
    expect(eventLocation({ frame: json(0, 3).frame, kind: 'done' }, '')).toEqual({ eventIndex: 3, byteOffset: 8, path: '' });
  });

  it.each([
    ['acme:trace_event', true],
    ['a:b', true],
    ['Acme.v2_x-y:search.done', true],
    ['9x:y', true],
    ['_acme:x', false],
    ['-acme:x', false],
    ['acme:', false],
    ['acme: x', false],
    ['acme::x', false],
    ['ac me:x', false],
    ['response.created', false],
    [':x', false],
    ['x acme:y', false],
  ])('%s is an extension type: %s', (type, extension) => {
    expect(isExtensionType(type)).toBe(extension);
  });
});

describe('the item registry', () => {
  const added = (id: string | undefined, outputIndex: number, type = 'message') =>
    typed({ type: 'response.output_item.added', output_index: outputIndex, item: id === undefined ? null : { id, type } });
  const delta = (id: string | undefined, outputIndex?: number) => typed({ type: 'response.output_text.delta', ...(id === undefined ? {} : { item_id: id }), ...(outputIndex === undefined ? {} : { output_index: outputIndex }) });

  it('adds items once, finding them by id or output_index', () => {
    const registry = new ItemRegistry();
    const first = registry.add(added('a', 0));
    expect(first).toEqual({ item: { id: 'a', outputIndex: 0, type: 'message', done: false, implicit: false }, existing: false });
    expect(registry.add(added('a', 0))).toEqual({ item: first.item, existing: true });
    expect(registry.find(delta('a'))).toBe(first.item);
    expect(registry.find(delta(undefined, 0))).toBe(first.item);
    expect(registry.find(delta('b', 0))).toBeUndefined();
    expect(registry.find(delta(undefined, 1))).toBeUndefined();
    expect(registry.find(delta(undefined))).toBeUndefined();
    expect(registry.knownCount).toBe(1);
  });

  it('names an item added without id by the first event that gives one at its index', () => {
    const registry = new ItemRegistry();
    const { item } = registry.add(added(undefined, 0));
    expect(registry.find(delta('later', 0))).toBe(item);
    expect(item.id).toBe('later');
    expect(registry.find(delta('later'))).toBe(item);
    expect(registry.find(delta('other', 0))).toBeUndefined();
  });

  it('remembers an item referred to before it was added, and adopts it when added', () => {
    const registry = new ItemRegistry();
    expect(registry.addImplicit(delta(undefined, 3))).toBeUndefined();
    const early = registry.track(typed({ type: 'response.output_text.delta', item_id: 'x', output_index: 2, item: { type: 'message' } }));
    expect(early).toEqual({ id: 'x', outputIndex: 2, type: 'message', done: false, implicit: true });
    expect(registry.open()).toEqual([]);
    expect(registry.find(delta(undefined, 2))).toBeUndefined();
    expect(registry.add(added('x', 1, 'reasoning'))).toEqual({ item: early, existing: false });
    expect(early).toEqual({ id: 'x', outputIndex: 1, type: 'reasoning', done: false, implicit: false });
    expect(registry.find(delta(undefined, 1))).toBe(early);
    expect(registry.open()).toEqual([early]);
    expect(registry.track(added('y', 2))).toMatchObject({ id: 'y' });
    expect(registry.track(delta('y'))).toMatchObject({ id: 'y', implicit: false });
    expect(registry.knownCount).toBe(2);
  });

  it('keeps what an implicit item knew when its added event lacks it, and the first item at an index', () => {
    const registry = new ItemRegistry();
    const early = registry.addImplicit(typed({ type: 'response.output_text.delta', item_id: 'x', output_index: 4 }));
    registry.add(typed({ type: 'response.output_item.added', item: { id: 'x' } }));
    expect(early).toMatchObject({ outputIndex: 4, type: undefined, implicit: false });
    const second = registry.add(added('z', 4)).item;
    expect(registry.find(delta(undefined, 4))).toBe(early);
    second.done = true;
    expect(registry.open()).toEqual([early]);
  });
});
