import type { Dispatcher } from 'undici';
import { finding } from '../checks/finding.js';
import type { CheckSet } from '../checks/registry.js';
import { FindingList, StreamCheckSession, runBodyChecks, runHttpChecks } from '../checks/session.js';
import { TERMINAL_EVENT_TYPES } from '../checks/stream/final-response.js';
import {
  transportBodyTooLarge,
  transportCompressed,
  transportInvalidUtf8,
  transportReset,
  transportTimeout,
  transportTooManyEvents,
} from '../checks/transport/problems.js';
import type { CheckContext, HttpObservation, SentRequest, StreamEnd, StreamEvent, TransportCheck, Verdict } from '../checks/types.js';
import { classifyError, isTransportFailure, openRequest, type TargetConfig, type TransportFailure } from '../http/client.js';
import { decodeBody } from '../http/decode.js';
import { SseFramer } from '../http/sse.js';
import { isRecord } from '../spec/load.js';

/** Caps that keep memory bounded whatever the server sends. */
export interface ExchangeLimits {
  maxBodyBytes: number;
  maxEvents: number;
}

/** Everything one exchange needs besides the request. */
export interface ExchangeEnv {
  target: TargetConfig;
  dispatcher: Dispatcher;
  ctx: CheckContext;
  limits: ExchangeLimits;
}

/** The result of one check in one exchange: findings, or why it did not run. */
export type CheckOutcome = { findings: FindingList } | { status: 'skipped' | 'not_run'; message: string };

export interface ExchangeOutcome {
  outcomes: Map<string, CheckOutcome>;
  /** The response the exchange ended with (JSON body or terminal snapshot), for later steps. */
  finalResponse?: Record<string, unknown>;
  /** Set when the server could not be reached at all. */
  unreachable?: string;
}

/**
 * Sends one request and runs every applicable check on the answer as it arrives. Stream bodies go
 * through the SSE framer into the check session frame by frame; JSON bodies are read up to the cap.
 */
export async function runExchange(request: SentRequest, checks: CheckSet, env: ExchangeEnv, options: { withoutCredentials?: boolean } = {}): Promise<ExchangeOutcome> {
  const outcomes = new Map<string, CheckOutcome>();
  const deadline = AbortSignal.timeout(env.target.timeoutMs);
  const target = options.withoutCredentials ? withoutCredentials(env.target) : env.target;
  const opened = await openRequest(target, env.dispatcher, 'POST', request.path, request.body, deadline);
  if (isTransportFailure(opened)) {
    if (opened.kind === 'unreachable') return { outcomes, unreachable: opened.detail };
    addTransportFinding(outcomes, opened, env.target.timeoutMs);
    return { outcomes };
  }

  const http: HttpObservation = { request, status: opened.status, headers: opened.headers };
  mergeFindings(outcomes, runHttpChecks(checks.http, http, env.ctx));

  const decoded = decodeBody(opened.body, opened.headers['content-encoding']);
  if (decoded.encoding.kind === 'decoded') {
    addFinding(outcomes, transportCompressed, `The body was sent with Content-Encoding: ${decoded.encoding.encoding} although the request asked for identity; it was decoded and checked.`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding, 'warn');
  } else if (decoded.encoding.kind === 'unsupported') {
    addFinding(outcomes, transportCompressed, `The body uses Content-Encoding: ${decoded.encoding.encoding}, which the tool cannot decode (it asked for identity).`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding);
    opened.abort();
    return { outcomes };
  }
  const iterator = decoded.body[Symbol.asyncIterator]();
  let finalResponse: Record<string, unknown> | undefined;
  try {
    const first = await nextChunk(iterator);
    if (request.stream && isSuccess(opened.status) && looksLikeStream(opened.headers['content-type'], first)) {
      finalResponse = await readStream(http, first, iterator, checks, env, outcomes, deadline);
    } else {
      finalResponse = await readJson(http, first, iterator, checks, env, outcomes);
    }
  } catch (err) {
    addTransportFinding(outcomes, classifyError(err, deadline), env.target.timeoutMs);
  } finally {
    opened.abort();
  }
  if (finalResponse && isSuccess(opened.status)) {
    for (const check of checks.response) {
      const list = new FindingList();
      list.add(check.check({ request, response: finalResponse, source: request.stream ? 'stream' : 'body' }, env.ctx));
      outcomes.set(check.id, { findings: list });
    }
  }
  return { outcomes, finalResponse };
}

/** The target with its credentials header removed, for negative tests of authentication. */
function withoutCredentials(target: TargetConfig): TargetConfig {
  if (!target.authHeader) return target;
  const headers = { ...target.headers };
  delete headers[target.authHeader.toLowerCase()];
  return { ...target, headers };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

async function nextChunk(iterator: AsyncIterator<Uint8Array>): Promise<Uint8Array | undefined> {
  const step = await iterator.next();
  return step.done ? undefined : step.value;
}

/** A 200 to `stream: true` is read as SSE unless it is plainly a JSON document. */
function looksLikeStream(contentType: string | undefined, first: Uint8Array | undefined): boolean {
  if (contentType?.toLowerCase().includes('text/event-stream')) return true;
  const text = first ? new TextDecoder().decode(first.subarray(0, 64)).trimStart() : '';
  return !text.startsWith('{');
}

async function readStream(
  http: HttpObservation,
  first: Uint8Array | undefined,
  iterator: AsyncIterator<Uint8Array>,
  checks: CheckSet,
  env: ExchangeEnv,
  outcomes: Map<string, CheckOutcome>,
  deadline: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  let finalResponse: Record<string, unknown> | undefined;
  const keepFinal = (event: StreamEvent) => {
    if (event.kind !== 'json' || !isRecord(event.value)) return;
    const { type, response } = event.value;
    if (typeof type === 'string' && TERMINAL_EVENT_TYPES.has(type) && isRecord(response)) finalResponse = response;
  };
  const session = new StreamCheckSession(checks.stream, http, env.ctx, keepFinal);
  const framer = new SseFramer((frame) => session.push(frame), {
    maxEventBytes: env.limits.maxBodyBytes,
    maxEvents: env.limits.maxEvents,
  });
  let reason: StreamEnd['reason'] = 'eof';
  let chunk = first;
  try {
    while (chunk !== undefined && framer.push(chunk)) chunk = await nextChunk(iterator);
  } catch (err) {
    const failure = classifyError(err, deadline);
    reason = failure.kind === 'timeout' ? 'timeout' : 'reset';
    addTransportFinding(outcomes, failure, env.target.timeoutMs);
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

async function readJson(
  http: HttpObservation,
  first: Uint8Array | undefined,
  iterator: AsyncIterator<Uint8Array>,
  checks: CheckSet,
  env: ExchangeEnv,
  outcomes: Map<string, CheckOutcome>,
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
  mergeFindings(outcomes, runBodyChecks(checks.body, { http, text, json }, env.ctx));
  return isRecord(json) && isSuccess(http.status) ? json : undefined;
}

function mergeFindings(outcomes: Map<string, CheckOutcome>, results: Map<string, FindingList>): void {
  for (const [id, list] of results) outcomes.set(id, { findings: list });
}

function addFinding(outcomes: Map<string, CheckOutcome>, check: TransportCheck, message: string, expected: string, actual: string, verdict: Verdict = 'fail'): void {
  const list = new FindingList();
  list.add([finding(check, verdict, message, { expected, actual })]);
  outcomes.set(check.id, { findings: list });
}

function addTransportFinding(outcomes: Map<string, CheckOutcome>, failure: TransportFailure, timeoutMs: number): void {
  if (failure.kind === 'timeout') {
    addFinding(outcomes, transportTimeout, `The answer was not complete within --timeout (${timeoutMs} ms); the request was abandoned.`, `a complete answer within ${timeoutMs} ms`, 'still incomplete at the deadline');
  } else {
    addFinding(outcomes, transportReset, `The connection failed before the answer was complete: ${failure.detail}.`, 'a complete answer', failure.detail);
  }
}
