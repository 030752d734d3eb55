import { isRecord } from '../../protocol/json.js';
import { truncate } from '../../spec/values.js';
import type { StreamEvent, StreamMessage, TypedEvent } from '../types.js';
import { eventRole, type EventRole, isExtensionType } from '../../protocol/events.js';

type JsonStreamEvent = Extract<StreamEvent, { kind: 'json' }>;

/**
 * A JSON message as the checks receive it, classified once when it arrives: every check then
 * reads the fields of its `typed` event through `readEvent` instead of deriving them again.
 */
export function jsonStreamEvent(frame: StreamMessage, value: unknown): JsonStreamEvent {
  const event: JsonStreamEvent = { frame, kind: 'json', value, typed: undefined };
  event.typed = classifyEvent(event);
  return event;
}

/** Undefined unless the value is an object with a string `type`. */
function classifyEvent(source: JsonStreamEvent): TypedEvent | undefined {
  const body = source.value;
  if (!isRecord(body) || typeof body.type !== 'string') return undefined;
  const type = body.type;
  const role = eventRole(type);
  const outputItemEvent = role?.kind === 'item-added' || role?.kind === 'item-done';
  const item = outputItemEvent ? recordField(body, 'item') : undefined;
  return {
    source,
    body,
    type,
    role,
    // A core type is never an extension type; only the others are tested.
    extension: role === undefined && isExtensionType(type),
    sequenceNumber: integerField(body, 'sequence_number'),
    itemId: outputItemEvent ? (item === undefined ? undefined : stringField(item, 'id')) : stringField(body, 'item_id'),
    outputIndex: integerField(body, 'output_index'),
  };
}

/** A stream event as a typed event object; undefined for `[DONE]`, non-JSON and untyped data. */
export function readEvent(event: StreamEvent): TypedEvent | undefined {
  return event.kind === 'json' ? event.typed : undefined;
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
