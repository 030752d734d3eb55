import { completedAt } from '../response/completed-at.js';
import { errorField } from '../response/error-field.js';
import { incompleteDetails } from '../response/incomplete-details.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, ResponseCheck, SentRequest, StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, recordField } from './stream-event.js';

interface SnapshotFieldsState {
  request: SentRequest;
  /** `requirement path` of every finding made, so a defect every snapshot repeats is reported once. */
  reported: Set<string>;
}

/**
 * The response rules whose verdict depends on the status: `completed_at` only once completed
 * (RES-05), `incomplete_details` only when incomplete (RES-07), `error` only when failed (RES-08).
 */
const STATUS_RULES: readonly ResponseCheck[] = [completedAt, incompleteDetails, errorField];

/**
 * The response rules run on the final response only; the snapshots of `response.created`,
 * `response.queued` and `response.in_progress` are responses too, and a client may show them.
 * This applies the status-dependent rules to each of them, reporting each finding with the rule's
 * own requirement id, at the event; each snapshot is judged by the status it shows, when the event
 * allows that status. A value in milliseconds for `created_at` does not depend on
 * the status and is left to the final snapshot. (A status outside the five, RES-06, already fails
 * `stream/snapshot-status` on these events, which each name the statuses they may show.)
 */
export const snapshotFields: StreamCheck<SnapshotFieldsState> = {
  kind: 'stream',
  id: 'stream/snapshot-fields',
  requirement: 'RES-05',
  alsoRequirements: ['RES-07', 'RES-08'],
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'Snapshots before the end carry no completed_at, incomplete_details or error their status excludes',
  reads: ['lifecycle'],
  init: (http) => ({ request: http.request, reported: new Set() }),
  onEvent(state, event, ctx) {
    const typed = readEvent(event);
    if (typed?.role?.kind !== 'lifecycle' || typed.role.terminal) return NO_FINDINGS;
    const snapshot = recordField(typed.body, 'response');
    // A status the event does not allow is `stream/snapshot-status`'s finding; judging fields
    // against it would blame them for the wrong status.
    if (snapshot === undefined || !typed.role.statuses.includes(String(snapshot.status))) return NO_FINDINGS;
    const { created_at: _statusFree, ...response } = snapshot;
    const observation = { request: state.request, response, source: 'stream' as const };
    return STATUS_RULES.flatMap((rule) => rule.check(observation, ctx)).flatMap((found): readonly Finding[] => {
      // Stryker disable next-line OptionalChaining,StringLiteral: every finding of the status rules has a location with a path.
      const inner = found.location?.path ?? '';
      const path = `/response${inner}`;
      const key = `${found.requirement} ${path}`;
      if (state.reported.has(key)) return NO_FINDINGS;
      state.reported.add(key);
      return [
        finding(snapshotFields, found.verdict, `In the ${typed.type} snapshot: ${found.message}`, {
          requirement: found.requirement,
          expected: found.expected,
          actual: found.actual,
          location: eventLocation(event, path),
        }),
      ];
    });
  },
  onEnd: () => NO_FINDINGS,
};
