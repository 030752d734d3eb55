import { finding } from '../checks/finding.js';
import type { CheckSet } from '../checks/registry.js';
import { FindingList, StreamCheckSession, guarded, runChecks } from '../checks/session.js';
import { mediaType } from '../checks/media-type.js';
import { TERMINAL_EVENT_TYPES } from '../checks/stream/final-response.js';
import {
  transportBodyTooLarge,
  transportInvalidUtf8,
  transportReset,
  transportTimeout,
  transportTooManyEvents,
} from '../checks/transport/problems.js';
import type { CheckContext, HttpObservation, ResponseObservation, SentRequest, StreamEnd, StreamEvent, TransportCheck, Verdict } from '../checks/types.js';
import { classifyError, type TransportFailure } from '../http/client.js';
import { SseFramer } from '../http/sse.js';
import { isRecord } from '../spec/load.js';
import type { TimelineEntry } from './result.js';

/**
 * Reading a body into the checks, wherever it comes from: a live answer or a capture file. A
 * stream goes through the SSE framer frame by frame; a JSON body is read up to the cap.
 */

/** Caps that keep memory bounded whatever the server sends. */
export interface BodyLimits {
  maxBodyBytes: number;
  maxEvents: number;
}

/** What reading a body needs besides the body. */
export interface ObserveEnv {
  ctx: CheckContext;
  limits: BodyLimits;
  /** The live request's deadline, to tell a timeout from a reset. */
  deadline?: AbortSignal;
  timeoutMs?: number;
}

/** The result of one check in one exchange: findings, or why it did not run. */
export type CheckOutcome = { findings: FindingList } | { status: 'skipped' | 'not_run'; message: string };

export type Outcomes = Map<string, CheckOutcome>;

export async function nextChunk(iterator: AsyncIterator<Uint8Array>): Promise<Uint8Array | undefined> {
  const step = await iterator.next();
  return step.done ? undefined : step.value;
}

/** A success to `stream: true` is read as SSE unless it is plainly a JSON document. */
export function looksLikeStream(contentType: string | undefined, first: Uint8Array | undefined): boolean {
  if (mediaType(contentType) === 'text/event-stream') return true;
  const text = first ? new TextDecoder().decode(first.subarray(0, 64)).trimStart() : '';
  return !text.startsWith('{');
}

/** Events kept per stream for the timeline of a report; a stream is read whole regardless. */
export const TIMELINE_LIMIT = 500;

/** A stream's events in order (index, type, sequence number), bounded. */
export class Timeline {
  readonly entries: TimelineEntry[] = [];
  dropped = 0;

  add(event: StreamEvent): void {
    if (this.entries.length >= TIMELINE_LIMIT) {
      this.dropped++;
      return;
    }
    const entry: TimelineEntry = { index: event.frame.index };
    if (event.kind === 'json' && isRecord(event.value)) {
      if (typeof event.value.type === 'string') entry.type = event.value.type;
      if (typeof event.value.sequence_number === 'number') entry.sequenceNumber = event.value.sequence_number;
    } else if (event.kind === 'done') {
      entry.type = '[DONE]';
    }
    this.entries.push(entry);
  }
}

/** Feeds an SSE body to the stream checks; returns the final response snapshot, if one came. */
export async function observeStream(
  http: HttpObservation,
  first: Uint8Array | undefined,
  iterator: AsyncIterator<Uint8Array>,
  checks: CheckSet,
  env: ObserveEnv,
  outcomes: Outcomes,
  /** Filled with the stream's events in order, up to TIMELINE_LIMIT. */
  timeline?: Timeline,
): Promise<Record<string, unknown> | undefined> {
  let finalResponse: Record<string, unknown> | undefined;
  const keepFinal = (event: StreamEvent) => {
    timeline?.add(event);
    if (event.kind !== 'json' || !isRecord(event.value)) return;
    const { type, response } = event.value;
    // The first terminal event ends the response; a second one is a finding of its own.
    if (finalResponse === undefined && typeof type === 'string' && TERMINAL_EVENT_TYPES.has(type) && isRecord(response)) finalResponse = response;
  };
  const session = new StreamCheckSession(checks.stream, http, env.ctx, keepFinal);
  const framer = new SseFramer((frame) => session.push(frame), {
    maxEventBytes: env.limits.maxBodyBytes,
    maxEvents: env.limits.maxEvents,
  });
  let reason: StreamEnd['reason'] = 'eof';
  let chunk = first;
  // Only reading can fail for transport reasons; the checks guard themselves (session.ts).
  while (chunk !== undefined && framer.push(chunk)) {
    try {
      chunk = await nextChunk(iterator);
    } catch (err) {
      const failure = classifyError(err, env.deadline);
      reason = failure.kind === 'timeout' ? 'timeout' : 'reset';
      addTransportFinding(outcomes, failure, env.timeoutMs);
      break;
    }
  }
  const end = framer.finish(reason);
  if (framer.cutoff?.reason === 'event-too-large') {
    addFinding(outcomes, transportBodyTooLarge, `One SSE message grew past --max-body-bytes (${env.limits.maxBodyBytes} bytes) without ending; the stream was cut off there.`, `at most ${env.limits.maxBodyBytes} bytes per message`, `more than ${framer.cutoff.bytes} bytes`);
  } else if (framer.cutoff?.reason === 'too-many-events') {
    addFinding(outcomes, transportTooManyEvents, `The stream sent ${framer.cutoff.events} messages without ending; it was cut off at --max-events.`, `at most ${env.limits.maxEvents} messages`, `${framer.cutoff.events} and counting`);
  }
  if (framer.sawInvalidUtf8) {
    addFinding(outcomes, transportInvalidUtf8, 'The stream contains bytes that are not valid UTF-8; they were read as U+FFFD.', 'UTF-8 text', 'invalid byte sequence');
  }
  mergeFindings(outcomes, session.end(end));
  return finalResponse;
}

/** Reads a JSON body up to the cap and runs the body checks; returns it when it is a success object. */
export async function observeJson(
  http: HttpObservation,
  first: Uint8Array | undefined,
  iterator: AsyncIterator<Uint8Array>,
  checks: CheckSet,
  env: ObserveEnv,
  outcomes: Outcomes,
  /** Filled with the body read, for callers that report the server's own words (an error message). */
  seen?: { text?: string; json?: unknown },
): Promise<Record<string, unknown> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let chunk = first;
  while (chunk !== undefined) {
    size += chunk.length;
    if (size > env.limits.maxBodyBytes) {
      addFinding(outcomes, transportBodyTooLarge, `The body is larger than --max-body-bytes (${env.limits.maxBodyBytes} bytes); reading stopped there.`, `at most ${env.limits.maxBodyBytes} bytes`, `more than ${env.limits.maxBodyBytes} bytes`);
      return undefined;
    }
    chunks.push(chunk);
    chunk = await nextChunk(iterator);
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    addFinding(outcomes, transportInvalidUtf8, 'The body contains bytes that are not valid UTF-8.', 'UTF-8 text', 'invalid byte sequence');
    text = new TextDecoder('utf-8').decode(bytes);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  mergeFindings(outcomes, runChecks(checks.body, { http, text, json }, env.ctx));
  if (seen) Object.assign(seen, { text, json });
  return isRecord(json) && isSuccess(http.status) ? json : undefined;
}

export function mergeFindings(outcomes: Outcomes, results: Map<string, FindingList>): void {
  for (const [id, list] of results) outcomes.set(id, { findings: list });
}

export function addFinding(outcomes: Outcomes, check: TransportCheck, message: string, expected: string, actual: string, verdict: Verdict = 'fail'): void {
  const list = new FindingList();
  list.add([finding(check, verdict, message, { expected, actual })]);
  outcomes.set(check.id, { findings: list });
}

export function addTransportFinding(outcomes: Outcomes, failure: TransportFailure, timeoutMs = 0): void {
  if (failure.kind === 'timeout') {
    addFinding(outcomes, transportTimeout, `The answer was not complete within --timeout (${timeoutMs} ms); the request was abandoned.`, `a complete answer within ${timeoutMs} ms`, 'still incomplete at the deadline');
  } else {
    addFinding(outcomes, transportReset, `The connection failed before the answer was complete: ${failure.detail}.`, 'a complete answer', failure.detail);
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Runs the response rules on the response an exchange or capture ended with. A capture has no
 * request (`request` undefined); a rule that cannot judge without one is reported as skipped.
 */
export function runResponseChecks(
  request: SentRequest | undefined,
  response: Record<string, unknown>,
  checks: CheckSet,
  ctx: CheckContext,
  outcomes: Outcomes,
  source: ResponseObservation['source'] = request?.stream ? 'stream' : 'body',
): void {
  const obs: ResponseObservation = { request, response, source };
  for (const check of checks.response) {
    const list = new FindingList();
    let notJudged: string | undefined;
    guarded(list, () => {
      notJudged = check.notJudged?.(obs);
      return notJudged === undefined ? check.check(obs, ctx) : [];
    });
    outcomes.set(check.id, notJudged === undefined ? { findings: list } : { status: 'skipped', message: notJudged });
  }
}
