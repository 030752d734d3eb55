import { finding, NO_FINDINGS } from '../finding.js';
import type { StreamCheck } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, recordField, stringField } from './stream-event.js';

/**
 * SPEC§Streaming, State Machine events: each lifecycle event reports a change of the response's
 * status, so the snapshot it carries shows that status: `response.created` shows `in_progress`
 * (or `queued`), `response.queued` `queued`, `response.in_progress` `in_progress`, and each
 * terminal event its own status (SSE-C-06). A terminal snapshot that contradicts its event breaks
 * RES-16, the rule for how a streamed response ends, which is the row its finding names.
 */
const TERMINAL_STATUS_ROW = 'RES-16';

export const snapshotStatus: StreamCheck<null> = {
  kind: 'stream',
  id: 'stream/snapshot-status',
  requirement: 'SSE-C-06',
  alsoRequirements: [TERMINAL_STATUS_ROW],
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'The status in every response snapshot matches its lifecycle event',
  reads: ['lifecycle'],
  init: () => null,
  onEvent(_state, event) {
    const typed = readEvent(event);
    if (typed?.role?.kind !== 'lifecycle') return NO_FINDINGS;
    const response = recordField(typed.body, 'response');
    const status = response === undefined ? undefined : stringField(response, 'status');
    const allowed = typed.role.statuses;
    if (status === undefined) {
      // Without a snapshot status the rule cannot be judged; that is reported, never passed.
      return [
        finding(snapshotStatus, 'fail', `${typed.type} carries no response snapshot with a string status, so the status it reports cannot be checked.`, {
          expected: allowed.map((s) => JSON.stringify(s)).join(' or '),
          actual: response === undefined ? 'no response object' : 'no string status',
          location: eventLocation(event, response === undefined ? '/response' : '/response/status'),
        }),
      ];
    }
    if (allowed.includes(status)) return NO_FINDINGS;
    return [
      finding(snapshotStatus, 'fail', `The response snapshot in ${typed.type} has status "${status}", which contradicts the event.`, {
        ...(typed.role.terminal ? { requirement: TERMINAL_STATUS_ROW } : {}),
        expected: allowed.map((s) => JSON.stringify(s)).join(' or '),
        actual: JSON.stringify(status),
        location: eventLocation(event, '/response/status'),
      }),
    ];
  },
  onEnd: () => NO_FINDINGS,
};
