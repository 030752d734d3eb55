import { finding } from '../checks/finding.js';
import { statusOk } from '../checks/http/status-ok.js';
import type { CheckSet } from '../checks/registry.js';
import { FindingList, StreamCheckSession, guarded, runChecks } from '../checks/session.js';
import { mediaType } from '../checks/media-type.js';
import { TERMINAL_EVENT_TYPES } from '../protocol/events.js';
import {
  transportBodyTooLarge,
  transportCompressed,
  transportInvalidUtf8,
  transportReset,
  transportTimeout,
  transportTooManyEvents,
} from '../checks/transport/problems.js';
import type { CheckContext, HttpObservation, ResponseObservation, SentRequest, StreamEnd, StreamEvent, TransportCheck, Verdict } from '../checks/types.js';
import { classifyError, type TransportFailure } from '../http/errors.js';
import type { BodyEncoding } from '../http/decode.js';
import type { Clock } from '../http/arrival-clock.js';
import { SseFramer } from '../http/sse.js';
import { isRecord } from '../protocol/json.js';
import { truncate } from '../spec/values.js';
import type { TimelineEntry } from './result.js';
import { StreamMeasurer } from './stream-measurer.js';

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
  /** performance.now() when the live request was sent: a stream's arrival times count from it. */
  sentAt?: number;
  /**
   * Tells when the chunk being read arrived (performance.now() scale), whatever else kept the event
   * loop busy: a live run's ArrivalClock, or the proxy's stamp on each forwarded chunk.
   */
  clock?: Clock;
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
    if (event.kind === 'json' && event.typed !== undefined) {
      entry.type = event.typed.type;
      if (typeof event.typed.body.sequence_number === 'number') entry.sequenceNumber = event.typed.body.sequence_number;
    } else if (event.kind === 'done') {
      entry.type = '[DONE]';
    }
    this.entries.push(entry);
  }
}

/** What reading an answer found, besides the checks' outcomes. */
export interface ObservedAnswer {
  /** The response the answer ended with (JSON body or terminal snapshot). */
  finalResponse?: Record<string, unknown>;
  /** A stream's events in order, bounded. */
  timeline?: Timeline;
  /** How a stream arrived. */
  measurer?: StreamMeasurer;
  /** For a non-2xx answer: the server's own words (`error.message`, or the start of the body). */
  serverMessage?: string;
  /** For a non-2xx answer with a JSON error object: its `type`, `code` and `param`, to tell a refused feature. */
  serverError?: ServerError;
}

/** The classifying fields of an error object a server answered with. */
export interface ServerError {
  type?: string;
  code?: string;
  param?: string;
}

/**
 * Reads an answer whose head is known into the checks, the same way live and from a transcript: a
 * success to a stream request that looks like a stream through the stream checks, anything else
 * as JSON; then the response rules on the response it ended with, and for a non-2xx answer the
 * server's own words added to the status finding. A read that fails is a transport finding.
 */
export async function observeAnswer(http: HttpObservation, iterator: AsyncIterator<Uint8Array>, checks: CheckSet, env: ObserveEnv, outcomes: Outcomes): Promise<ObservedAnswer> {
  const { request, status } = http;
  let finalResponse: Record<string, unknown> | undefined;
  const seen: { text?: string; json?: unknown } = {};
  let timeline: Timeline | undefined;
  let measurer: StreamMeasurer | undefined;
  try {
    const first = await nextChunk(iterator);
    if (request.stream && isSuccess(status) && looksLikeStream(http.headers['content-type'], first)) {
      timeline = new Timeline();
      measurer = new StreamMeasurer();
      finalResponse = await observeStream(http, first, iterator, checks, env, outcomes, timeline, measurer);
    } else {
      finalResponse = await observeJson(http, first, iterator, checks, env, outcomes, seen);
    }
  } catch (err) {
    addTransportFinding(outcomes, classifyError(err, env.deadline), env.timeoutMs);
  }
  if (finalResponse && isSuccess(status)) runResponseChecks(request, finalResponse, checks, env.ctx, outcomes);
  const observed: ObservedAnswer = { ...(finalResponse ? { finalResponse } : {}), ...(timeline ? { timeline } : {}), ...(measurer ? { measurer } : {}) };
  if (isSuccess(status)) return observed;
  const serverMessage = serverWords(seen);
  if (serverMessage !== undefined) quoteServer(outcomes, serverMessage);
  const serverError = errorFields(seen.json);
  return { ...observed, ...(serverMessage !== undefined ? { serverMessage } : {}), ...(serverError ? { serverError } : {}) };
}

/** The string fields `type`, `code` and `param` of a body's `error` object, if it has one. */
export function errorFields(json: unknown): ServerError | undefined {
  const error = isRecord(json) ? json.error : undefined;
  if (!isRecord(error)) return undefined;
  const fields: ServerError = {};
  for (const key of ['type', 'code', 'param'] as const) {
    const value = error[key];
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

/**
 * The finding for a Content-Encoding the tool did not ask for: decoded (a warning) or one it
 * cannot decode (a failure). Returns false when the body cannot be read.
 */
export function noteEncoding(outcomes: Outcomes, encoding: BodyEncoding): boolean {
  if (encoding.kind === 'decoded') {
    addFinding(outcomes, transportCompressed, `The body was sent with Content-Encoding: ${encoding.encoding} although the request asked for identity; it was decoded and checked.`, 'Content-Encoding: identity (as requested)', encoding.encoding, 'warn');
  } else if (encoding.kind === 'unsupported') {
    addFinding(outcomes, transportCompressed, `The body uses Content-Encoding: ${encoding.encoding}, which the tool cannot decode (it asked for identity).`, 'Content-Encoding: identity (as requested)', encoding.encoding);
    return false;
  }
  return true;
}

/** Characters of a server's error text kept for a finding or a diagnosis. */
const SERVER_MESSAGE_CHARS = 200;

/** What the server said in a non-2xx answer: its `error.message`, or the start of its body. */
export function serverWords(seen: { text?: string; json?: unknown }): string | undefined {
  const error = isRecord(seen.json) ? seen.json.error : undefined;
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : seen.text?.trim();
  return message ? truncate(message.replace(/\s+/g, ' '), SERVER_MESSAGE_CHARS) : undefined;
}

/** Adds the server's words to the status finding, so "HTTP 500" comes with why the server says it failed. */
function quoteServer(outcomes: Outcomes, serverMessage: string): void {
  const outcome = outcomes.get(statusOk.id);
  if (outcome === undefined || !('findings' in outcome)) return;
  const items = outcome.findings.items;
  for (let i = 0; i < items.length; i++) items[i] = { ...items[i], message: `${items[i].message} The server said: ${JSON.stringify(serverMessage)}` };
}

/** The response snapshot a terminal event carries; undefined for any other event. */
export function terminalSnapshot(event: StreamEvent): Record<string, unknown> | undefined {
  const typed = event.kind === 'json' ? event.typed : undefined;
  const response = typed?.body.response;
  return typed !== undefined && TERMINAL_EVENT_TYPES.has(typed.type) && isRecord(response) ? response : undefined;
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
  /** Measures how the stream arrived. */
  measurer?: StreamMeasurer,
): Promise<Record<string, unknown> | undefined> {
  let finalResponse: Record<string, unknown> | undefined;
  const keepFinal = (event: StreamEvent) => {
    timeline?.add(event);
    measurer?.add(event);
    // The first terminal event ends the response; a second one is a finding of its own.
    finalResponse ??= terminalSnapshot(event);
  };
  const session = new StreamCheckSession(checks.stream, http, env.ctx, keepFinal);
  const framer = new SseFramer((frame) => session.push(frame), {
    maxEventBytes: env.limits.maxBodyBytes,
    maxEvents: env.limits.maxEvents,
  }, env.sentAt, env.clock);
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

/**
 * A JSON body read up to the cap, decoded and parsed once: its text, its value (undefined when it
 * does not parse), or over the cap.
 */
export type BodyText = { kind: 'too-large' } | { kind: 'text'; text: string; json: unknown; invalidUtf8: boolean };

/**
 * Reads a body up to `cap` bytes, decodes it once it is whole and parses it. The chunks are held as
 * they came (outside the JS heap, so a body dropped at the cap is freed at the next minor
 * collection) and are released once decoded, so the bytes, the text and the value are never all
 * held at once.
 */
export async function readBodyText(first: Uint8Array | undefined, iterator: AsyncIterator<Uint8Array>, cap: number): Promise<BodyText> {
  let chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = first; chunk !== undefined; chunk = await nextChunk(iterator)) {
    size += chunk.length;
    if (size > cap) return { kind: 'too-large' };
    chunks.push(chunk);
  }
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
  // The chunks are copied into `bytes`; released now, they are not held beside the text as well.
  chunks = [];
  let text: string;
  let invalidUtf8 = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    invalidUtf8 = true;
  }
  return { kind: 'text', text, json: parseJson(text), invalidUtf8 };
}

/** The JSON value of a text, or undefined when it does not parse. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
  const declared = declaredLength(http.headers);
  if (declared !== undefined && declared > env.limits.maxBodyBytes) {
    // Nothing is read of a body that says it is over the cap.
    addFinding(outcomes, transportBodyTooLarge, `The body is declared larger than --max-body-bytes (${env.limits.maxBodyBytes} bytes) by its Content-Length; it was not read.`, `at most ${env.limits.maxBodyBytes} bytes`, `Content-Length: ${declared}`);
    return undefined;
  }
  return judgeJsonBody(http, await readBodyText(first, iterator, env.limits.maxBodyBytes), checks, env, outcomes, seen);
}

/** The length of the body as its Content-Length states it, when the body is sent as is (not encoded). */
function declaredLength(headers: HttpObservation['headers']): number | undefined {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const length = headers['content-length'];
  return length !== undefined && /^\d+$/.test(length.trim()) ? Number(length) : undefined;
}

/**
 * Runs the body checks on a body read; returns it when it is a success object. The text is kept
 * beside the parsed value only where a reader needs it: a body that is not JSON, and the words of
 * an error answer.
 */
export function judgeJsonBody(
  http: HttpObservation,
  body: BodyText,
  checks: CheckSet,
  env: ObserveEnv,
  outcomes: Outcomes,
  seen?: { text?: string; json?: unknown },
): Record<string, unknown> | undefined {
  if (body.kind === 'too-large') {
    addFinding(outcomes, transportBodyTooLarge, `The body is larger than --max-body-bytes (${env.limits.maxBodyBytes} bytes); reading stopped there.`, `at most ${env.limits.maxBodyBytes} bytes`, `more than ${env.limits.maxBodyBytes} bytes`);
    return undefined;
  }
  if (body.invalidUtf8) addFinding(outcomes, transportInvalidUtf8, 'The body contains bytes that are not valid UTF-8.', 'UTF-8 text', 'invalid byte sequence');
  const json = body.json;
  const text = json === undefined || !isSuccess(http.status) ? body.text : undefined;
  mergeFindings(outcomes, runChecks(checks.body, { http, json, ...(text === undefined ? {} : { text }) }, env.ctx));
  if (seen) Object.assign(seen, { text, json });
  return isRecord(json) && isSuccess(http.status) ? json : undefined;
}

/** A check that could not judge (and did not throw) is reported as skipped with why, never as passed. */
export function mergeFindings(outcomes: Outcomes, results: Map<string, FindingList>): void {
  for (const [id, list] of results) {
    outcomes.set(id, list.notJudged !== undefined && list.internalError === undefined ? { status: 'skipped', message: list.notJudged } : { findings: list });
  }
}

export function addFinding(outcomes: Outcomes, check: TransportCheck, message: string, expected: string, actual: string, verdict: Verdict = 'fail'): void {
  const list = new FindingList();
  list.add([finding(check, verdict, message, { expected, actual })]);
  outcomes.set(check.id, { findings: list });
}

/**
 * A transport problem as a finding. `beforeHead`: nothing came back at all (no status line), which
 * points at a server that hangs or a wrong port rather than one that is slow to finish its body.
 */
export function addTransportFinding(outcomes: Outcomes, failure: TransportFailure, timeoutMs = 0, beforeHead = false): void {
  if (failure.kind === 'timeout' && beforeHead) {
    addFinding(outcomes, transportTimeout, `No status line arrived within --timeout (${timeoutMs} ms): the server accepted the connection but sent nothing back; the request was abandoned.`, `an answer within ${timeoutMs} ms`, 'no status line, no headers, no body');
  } else if (failure.kind === 'timeout') {
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
