import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { eventLocation } from './location.js';
import { readEvent, recordField, stringField } from './stream-event.js';

interface LifecycleState {
  /** The response status the events so far have moved to. */
  phase: 'start' | 'queued' | 'in_progress' | 'ended';
  coreSeen: boolean;
  /** True once the stream was reported for not opening with response.created. */
  openingReported: boolean;
  inProgressEventSeen: boolean;
  queuedReported: boolean;
}

/** Events a stream may open with: `response.created`, or a failure before it (EARLY_FAIL). */
const OPENING_TYPES = new Set(['response.created', 'error', 'response.failed']);

/**
 * SPEC§Streaming, State Machine events: "When a Response moves from `queued` to `in_progress`, a
 * `response.in_progress` event is emitted" (SSE-O-02), and completion is reached from
 * `in_progress` (SSE-O-04). `response.created` first is the convention (SSE-O-01, warning), and
 * a stream whose `response.created` snapshot already shows `in_progress` may skip
 * `response.in_progress` (Z-42, warning). A failure may come at any point.
 */
export const responseLifecycle: StreamCheck<LifecycleState> = {
  kind: 'stream',
  id: 'stream/response-lifecycle',
  requirement: 'SSE-O-04',
  alsoRequirements: ['SSE-O-01', 'SSE-O-02'],
  severity: 'IMPLIED',
  section: 'Streaming',
  title: 'The response moves through created, queued, in_progress and a terminal status in order',
  init: () => ({ phase: 'start', coreSeen: false, openingReported: false, inProgressEventSeen: false, queuedReported: false }),
  onEvent(state, event) {
    const typed = readEvent(event);
    if (typed?.role === undefined || state.phase === 'ended') return NO_FINDINGS;
    const findings: Finding[] = [];
    const first = !state.coreSeen;
    state.coreSeen = true;
    if (first && !OPENING_TYPES.has(typed.type)) {
      state.openingReported = true;
      findings.push(
        finding(responseLifecycle, 'warn', `The stream opens with ${typed.type}; by convention the first event is response.created.`, {
          requirement: 'SSE-O-01',
          expected: 'response.created',
          actual: typed.type,
          location: eventLocation(event, '/type'),
        }),
      );
    }
    findings.push(...step(state, typed, first));
    return findings;
  },
  onEnd: () => NO_FINDINGS,
};

function step(state: LifecycleState, typed: TypedEvent, first: boolean): readonly Finding[] {
  const location = eventLocation(typed.source, '/type');
  switch (typed.type) {
    case 'response.created':
      if (state.phase === 'start') state.phase = snapshotStatus(typed) === 'queued' ? 'queued' : 'in_progress';
      if (first || state.openingReported) return NO_FINDINGS;
      state.openingReported = true;
      return [
        finding(responseLifecycle, 'warn', 'response.created arrives after other events; by convention it is the first event of the stream.', {
          requirement: 'SSE-O-01',
          expected: 'response.created first',
          actual: 'response.created later in the stream',
          location,
        }),
      ];
    case 'response.queued':
      if (state.phase !== 'in_progress') {
        state.phase = 'queued';
        return NO_FINDINGS;
      }
      return [
        finding(responseLifecycle, 'fail', 'response.queued arrives after the response was already in progress; a response never goes back to queued.', {
          expected: 'no response.queued once in progress',
          actual: 'response.queued',
          location,
        }),
      ];
    case 'response.in_progress':
      state.phase = 'in_progress';
      state.inProgressEventSeen = true;
      return NO_FINDINGS;
    case 'response.completed':
    case 'response.incomplete': {
      const wasQueued = state.phase === 'queued';
      state.phase = 'ended';
      if (wasQueued) return stillQueued(state, typed, `${typed.type} arrives while the response is still queued`);
      if (state.inProgressEventSeen) return NO_FINDINGS;
      return [
        finding(responseLifecycle, 'warn', `${typed.type} arrives without a response.in_progress event before it; clients (and the spec's own validator) expect the response to announce in_progress first.`, {
          expected: 'response.in_progress before the terminal event',
          actual: 'no response.in_progress',
          location,
        }),
      ];
    }
    case 'response.failed':
      state.phase = 'ended';
      return NO_FINDINGS;
    default:
      if (typed.role === undefined || typed.role.kind === 'error' || state.phase !== 'queued') return NO_FINDINGS;
      return stillQueued(state, typed, `${typed.type} streams output while the response is still queued`);
  }
}

function stillQueued(state: LifecycleState, typed: TypedEvent, what: string): readonly Finding[] {
  if (state.queuedReported) return NO_FINDINGS;
  state.queuedReported = true;
  return [
    finding(responseLifecycle, 'fail', `${what}; a queued response must move to in_progress with a response.in_progress event first.`, {
      requirement: 'SSE-O-02',
      expected: 'response.in_progress after response.queued',
      actual: typed.type,
      location: eventLocation(typed.source, '/type'),
    }),
  ];
}

function snapshotStatus(typed: TypedEvent): string | undefined {
  const response = recordField(typed.body, 'response');
  return response === undefined ? undefined : stringField(response, 'status');
}
