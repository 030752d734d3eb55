import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { jsonEqual, shortJson } from './json-compare.js';
import { eventLocation } from './location.js';
import { integerField, quote, readUntilTerminal, recordField } from './stream-event.js';

/** One streamed annotation, kept until the finished part can be compared with it. */
interface StreamedAnnotation {
  annotationIndex: number;
  annotation: Record<string, unknown>;
}

interface AnnotationState {
  /** Finds the item of an event by id, or by `output_index` when the event names no id. */
  registry: ItemRegistry;
  /** Per item, per content index; dropped when the part or item is done. */
  items: Map<TrackedItem, Map<number, StreamedAnnotation[]>>;
  ended: boolean;
}

/**
 * `response.output_text.annotation.added` announces the annotation at `annotation_index` of an
 * `output_text` part, so the finished part (in `content_part.done`, or else in the item of
 * `output_item.done`) holds the same annotation at that index (SSE-C-09).
 */
export const annotationConsistency: StreamCheck<AnnotationState> = {
  kind: 'stream',
  id: 'stream/annotation-consistency',
  requirement: 'SSE-C-09',
  severity: 'IMPLIED',
  section: 'Items are streamable',
  title: 'Streamed annotations appear at their index in the finished part',
  reads: ['lifecycle', 'item-added', 'annotation-added', 'part-done', 'item-done'],
  init: () => ({ registry: new ItemRegistry(), items: new Map(), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    switch (typed?.role.kind) {
      case 'item-added':
        state.registry.track(typed);
        return NO_FINDINGS;
      case 'annotation-added':
        remember(state, typed);
        return NO_FINDINGS;
      case 'part-done':
        return typed.role.scope === 'content' ? partDone(state, typed) : [];
      case 'item-done':
        return itemDone(state, typed);
      default:
        return NO_FINDINGS;
    }
  },
  onEnd: () => NO_FINDINGS,
};

function remember(state: AnnotationState, typed: TypedEvent): void {
  const item = state.registry.track(typed);
  const contentIndex = integerField(typed.body, 'content_index');
  const annotationIndex = integerField(typed.body, 'annotation_index');
  const annotation = recordField(typed.body, 'annotation');
  if (item === undefined || contentIndex === undefined || annotationIndex === undefined || annotation === undefined) return;
  let parts = state.items.get(item);
  if (parts === undefined) {
    parts = new Map();
    state.items.set(item, parts);
  }
  const list = parts.get(contentIndex) ?? [];
  list.push({ annotationIndex, annotation });
  parts.set(contentIndex, list);
}

function partDone(state: AnnotationState, typed: TypedEvent): readonly Finding[] {
  const item = state.registry.track(typed);
  const parts = item === undefined ? undefined : state.items.get(item);
  const contentIndex = integerField(typed.body, 'content_index');
  if (parts === undefined || contentIndex === undefined) return NO_FINDINGS;
  const streamed = parts.get(contentIndex);
  if (streamed === undefined) return NO_FINDINGS;
  parts.delete(contentIndex);
  return compare(typed, streamed, recordField(typed.body, 'part'), '/part/annotations', 'response.content_part.done');
}

function itemDone(state: AnnotationState, typed: TypedEvent): readonly Finding[] {
  const item = state.registry.track(typed);
  const parts = item === undefined ? undefined : state.items.get(item);
  if (item === undefined || parts === undefined) return NO_FINDINGS;
  state.items.delete(item);
  const content = recordField(typed.body, 'item')?.content;
  if (!Array.isArray(content)) return NO_FINDINGS;
  return [...parts.entries()].flatMap(([contentIndex, streamed]) => {
    const part = content[contentIndex];
    return compare(typed, streamed, isRecord(part) ? part : undefined, `/item/content/${contentIndex}/annotations`, 'the item of response.output_item.done');
  });
}

function compare(typed: TypedEvent, streamed: StreamedAnnotation[], part: Record<string, unknown> | undefined, path: string, where: string): readonly Finding[] {
  const finished = part?.annotations;
  if (!Array.isArray(finished)) return NO_FINDINGS;
  return streamed.flatMap(({ annotationIndex, annotation }) => {
    const found: unknown = finished[annotationIndex];
    if (jsonEqual(annotation, found)) return NO_FINDINGS;
    const location = eventLocation(typed.source, `${path}/${annotationIndex}`);
    return [
      finding(annotationConsistency, 'fail', `The annotation streamed at annotation_index ${annotationIndex} (item ${quote(typed.itemId)}) is not the annotation at that index in ${where}.`, {
        expected: shortJson(annotation),
        actual: found === undefined ? 'no annotation at that index' : shortJson(found),
        location,
      }),
    ];
  });
}
