import { isRecord } from '../../protocol/json.js';
import { truncate } from '../../spec/values.js';
import type { Finding, StreamEvent } from '../types.js';
import { jsonEqual } from './json-compare.js';

const EXCERPT_CHARS = 240;

/** Decides, from the terminal snapshot, whether a response check will report the same defect. */
export type SnapshotCoverage = (snapshot: Record<string, unknown>) => boolean;

/**
 * Findings about streamed items that the response checks would make again on the terminal
 * snapshot (they run on it as on any response body). A stream rule holds such a finding until the
 * terminal event and drops it when the snapshot shows the same defect, so each defect is reported
 * once: by the response check when the snapshot shows it, by the stream rule when only the stream
 * does (an empty final `output`, or no terminal event at all).
 */
export class DeferredFindings {
  private readonly held: { finding: Finding; coveredBy: SnapshotCoverage }[] = [];

  /** Holds `finding`, raised at `event`, keeping that event's data as its excerpt. */
  hold(finding: Finding, event: StreamEvent, coveredBy: SnapshotCoverage): void {
    this.held.push({ finding: { ...finding, excerpt: truncate(event.frame.data, EXCERPT_CHARS) }, coveredBy });
  }

  /** Hands back the findings the snapshot does not cover (all of them without a snapshot). */
  release(snapshot: unknown): Finding[] {
    const released = this.held
      .filter((entry) => !isRecord(snapshot) || !entry.coveredBy(snapshot))
      .map((entry) => entry.finding);
    this.held.length = 0;
    return released;
  }
}

/** An item of the snapshot's `output`, with its position. */
export interface SnapshotItem {
  index: number;
  item: Record<string, unknown>;
  /** True when it is the last item of `output`. */
  last: boolean;
}

/**
 * The snapshot's version of a streamed item: the output item with the same id, or else one equal
 * to it. The coverage tests then ask whether the response checks see the same defect in it.
 */
export function snapshotItem(snapshot: Record<string, unknown>, item: Record<string, unknown>): SnapshotItem | undefined {
  const output = snapshot.output;
  if (!Array.isArray(output)) return undefined;
  const id = item.id;
  let index = typeof id === 'string' ? output.findIndex((entry) => isRecord(entry) && entry.id === id) : -1;
  if (index < 0) index = output.findIndex((entry) => jsonEqual(entry, item));
  const found: unknown = output[index];
  return index < 0 || !isRecord(found) ? undefined : { index, item: found, last: index === output.length - 1 };
}
