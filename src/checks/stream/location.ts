import { isRecord } from '../../spec/load.js';
import type { Location, StreamEvent } from '../types.js';

/** Where an event sits in its stream, with a JSON path inside it when given. */
export function eventLocation(event: StreamEvent, path?: string): Location {
  const location: Location = { eventIndex: event.frame.index, byteOffset: event.frame.byteOffset };
  if (event.kind === 'json' && isRecord(event.value)) {
    const { type, sequence_number: sequenceNumber } = event.value;
    if (typeof type === 'string') location.eventType = type;
    if (typeof sequenceNumber === 'number') location.sequenceNumber = sequenceNumber;
  }
  if (path !== undefined) location.path = path;
  return location;
}

/** An implementor-prefixed extension type such as `acme:trace_event` (EXT-01, EXT-05, EXT-13). */
export function isExtensionType(type: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:]/.test(type);
}
