import { isRecord } from '../../protocol/json.js';
import type { Location, StreamEvent } from '../types.js';

/** Where an event sits in its stream, with a JSON path inside it when given. */
export function eventLocation(event: StreamEvent, path?: string): Location {
  const location: Location = { eventIndex: event.frame.index, byteOffset: event.frame.byteOffset };
  if (event.kind === 'json' && isRecord(event.value)) {
    // Read from the data, not the classified event: an event without a string type still has a
    // place, and any number is shown, even one that breaks the integer rule.
    const { type, sequence_number: sequenceNumber } = event.value;
    if (typeof type === 'string') location.eventType = type;
    if (typeof sequenceNumber === 'number') location.sequenceNumber = sequenceNumber;
  }
  if (path !== undefined) location.path = path;
  return location;
}
