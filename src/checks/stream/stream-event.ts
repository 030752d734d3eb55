import { isRecord } from '../../spec/load.js';
import { truncate } from '../../spec/values.js';
import type { StreamEvent } from '../types.js';
import { eventRole, type EventRole } from './event-catalogue.js';
import { isExtensionType } from './location.js';

/** A JSON event object with a string `type`, as the rules read it. */
export interface TypedEvent {
  source: StreamEvent;
  body: Record<string, unknown>;
  type: string;
  /** Set for the core event types of the spec; undefined for extension and unknown types. */
  role: EventRole | undefined;
  /** True for a slug-prefixed extension type such as `acme:trace_event`. */
  extension: boolean;
}

/** Reads a stream event as a typed event object; undefined for `[DONE]`, non-JSON and untyped data. */
export function readEvent(event: StreamEvent): TypedEvent | undefined {
  if (event.kind !== 'json' || !isRecord(event.value)) return undefined;
  const type = event.value.type;
  if (typeof type !== 'string') return undefined;
  return { source: event, body: event.value, type, role: eventRole(type), extension: isExtensionType(type) };
}

/** A core event of the spec, as the rules read it. */
export interface CoreEvent extends TypedEvent {
  role: EventRole;
}

function isCoreEvent(typed: TypedEvent): typed is CoreEvent {
  return typed.role !== undefined;
}

/**
 * Reads a core event for a rule that stops at the terminal event: undefined for events the rule
 * cannot read (`[DONE]`, non-JSON, untyped, extension or unknown types) and for everything after
 * the terminal event; the terminal event itself is returned, with `state.ended` already set.
 */
export function readUntilTerminal(state: { ended: boolean }, event: StreamEvent): CoreEvent | undefined {
  if (state.ended) return undefined;
  const typed = readEvent(event);
  if (typed === undefined || !isCoreEvent(typed)) return undefined;
  if (typed.role.kind === 'lifecycle' && typed.role.terminal) state.ended = true;
  return typed;
}

export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function integerField(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function recordField(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

/** The `item_id` of an item-scoped event, or the `item.id` of an `output_item` event. */
export function eventItemId(event: TypedEvent): string | undefined {
  if (event.role?.kind === 'item-added' || event.role?.kind === 'item-done') {
    const item = recordField(event.body, 'item');
    return item === undefined ? undefined : stringField(item, 'id');
  }
  return stringField(event.body, 'item_id');
}

/** The text a part object carries: `refusal` for refusal parts, `text` for the others. */
export function partText(part: unknown): string | undefined {
  if (!isRecord(part)) return undefined;
  return stringField(part, part.type === 'refusal' ? 'refusal' : 'text');
}

const SHOWN_CHARS = 80;

/** A server-chosen name (a type, an `event:` value) cut to a readable length for messages. */
export function shown(name: string): string {
  return truncate(name, SHOWN_CHARS);
}

/** An item id quoted for messages ("msg_1"); `(without id)` when there is none. */
export function quote(id: string | undefined): string {
  return id === undefined ? '(without id)' : JSON.stringify(shown(id));
}
