import type { StreamingMeasures } from '../runner/result.js';
import { counted } from './plural.js';

/**
 * How a stream arrived, in one line shared by the console, Markdown and HTML reports:
 * `headers 3 ms · created 14 ms · first delta 42 ms · 17 deltas · largest gap 23 ms · last of 26 events 168 ms`.
 */
export function describeStreaming(measures: StreamingMeasures): string {
  const parts: string[] = [];
  if (measures.timeToHeadersMs !== undefined) parts.push(`headers ${measures.timeToHeadersMs} ms`);
  if (measures.timeToCreatedMs !== undefined) parts.push(`created ${measures.timeToCreatedMs} ms`);
  if (measures.timeToFirstDeltaMs !== undefined) parts.push(`first delta ${measures.timeToFirstDeltaMs} ms`);
  parts.push(counted(measures.deltaCount, 'delta'));
  parts.push(`largest gap ${measures.largestGapMs} ms`);
  parts.push(`last of ${counted(measures.eventCount, 'event')} ${measures.totalMs} ms`);
  return parts.join(' · ');
}
