import type { Location } from '../checks/types.js';

/**
 * Where a finding points, in words shared by the console and JUnit reports:
 * `at /output/0, event #4 (response.output_text.delta, sequence_number 3), byte offset 812`.
 * Returns undefined when the location says nothing.
 */
export function describeLocation(location: Location | undefined): string | undefined {
  if (location === undefined) return undefined;
  const parts: string[] = [];
  if (location.path !== undefined) parts.push(`at ${location.path === '' ? '(root)' : location.path}`);
  const event = describeEvent(location);
  if (event !== undefined) parts.push(event);
  if (location.byteOffset !== undefined) parts.push(`byte offset ${location.byteOffset}`);
  return parts.length === 0 ? undefined : parts.join(', ');
}

function describeEvent(location: Location): string | undefined {
  const details: string[] = [];
  if (location.eventType !== undefined) details.push(location.eventType);
  if (location.sequenceNumber !== undefined) details.push(`sequence_number ${location.sequenceNumber}`);
  if (location.eventIndex === undefined && details.length === 0) return undefined;
  const name = location.eventIndex === undefined ? 'event' : `event #${location.eventIndex}`;
  return details.length === 0 ? name : `${name} (${details.join(', ')})`;
}
