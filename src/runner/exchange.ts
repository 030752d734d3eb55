import type { Dispatcher } from 'undici';
import type { CheckSet } from '../checks/registry.js';
import { runChecks } from '../checks/session.js';
import { transportCompressed } from '../checks/transport/problems.js';
import { statusOk } from '../checks/http/status-ok.js';
import type { CheckContext, HttpObservation, SentRequest } from '../checks/types.js';
import { isRecord } from '../spec/load.js';
import { truncate } from '../spec/values.js';
import { classifyError, isTransportFailure, openRequest, requestHeaders, type TargetConfig } from '../http/client.js';
import { decodeBody } from '../http/decode.js';
import {
  addFinding,
  addTransportFinding,
  isSuccess,
  looksLikeStream,
  mergeFindings,
  nextChunk,
  observeJson,
  observeStream,
  runResponseChecks,
  Timeline,
  type BodyLimits,
  type ObserveEnv,
  type Outcomes,
} from './observe.js';
import type { StepTranscript, TranscriptRecorder } from './transcript.js';

/** Everything one exchange needs besides the request. */
export interface ExchangeEnv {
  target: TargetConfig;
  dispatcher: Dispatcher;
  ctx: CheckContext;
  limits: BodyLimits;
  /** Set by `--record`: writes each step's transcript. */
  transcripts?: TranscriptRecorder;
}

export interface ExchangeOutcome {
  outcomes: Outcomes;
  /** The response the exchange ended with (JSON body or terminal snapshot), for later steps. */
  finalResponse?: Record<string, unknown>;
  /** Set when the server could not be reached at all. */
  unreachable?: string;
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** The answer's headers (lower-case names), when one arrived. */
  headers?: Record<string, string>;
  /** A stream's events in order, bounded. */
  timeline?: Timeline;
  /** For a non-2xx answer: the server's own words (`error.message`, or the start of the body). */
  serverMessage?: string;
}

/** Characters of a server's error text kept for a finding or a diagnosis. */
const SERVER_MESSAGE_CHARS = 200;

/**
 * Sends one request and runs every applicable check on the answer as it arrives. Stream bodies go
 * through the SSE framer into the check session frame by frame; JSON bodies are read up to the cap.
 */
export async function runExchange(
  request: SentRequest,
  checks: CheckSet,
  env: ExchangeEnv,
  options: { withoutCredentials?: boolean; transcript?: StepTranscript } = {},
): Promise<ExchangeOutcome> {
  const target = options.withoutCredentials ? withoutCredentials(env.target) : env.target;
  const transcript = options.transcript;
  transcript?.request(request, `${target.baseUrl}${request.path}`, requestHeaders(target));
  try {
    return await exchange(request, checks, env, target, transcript);
  } finally {
    await transcript?.finish();
  }
}

async function exchange(request: SentRequest, checks: CheckSet, env: ExchangeEnv, target: TargetConfig, transcript: StepTranscript | undefined): Promise<ExchangeOutcome> {
  const outcomes: Outcomes = new Map();
  const deadline = AbortSignal.timeout(env.target.timeoutMs);
  const opened = await openRequest(target, env.dispatcher, 'POST', request.path, request.body, deadline);
  if (isTransportFailure(opened)) {
    if (opened.kind === 'unreachable') return { outcomes, unreachable: opened.detail };
    addTransportFinding(outcomes, opened, env.target.timeoutMs);
    return { outcomes };
  }

  const http: HttpObservation = { request, status: opened.status, headers: opened.headers };
  mergeFindings(outcomes, runChecks(checks.http, http, env.ctx));

  const decoded = decodeBody(opened.body, opened.headers['content-encoding']);
  transcript?.answer(opened.status, opened.headers, decoded.encoding.kind === 'decoded' ? decoded.encoding.encoding : undefined);
  if (decoded.encoding.kind === 'decoded') {
    addFinding(outcomes, transportCompressed, `The body was sent with Content-Encoding: ${decoded.encoding.encoding} although the request asked for identity; it was decoded and checked.`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding, 'warn');
  } else if (decoded.encoding.kind === 'unsupported') {
    addFinding(outcomes, transportCompressed, `The body uses Content-Encoding: ${decoded.encoding.encoding}, which the tool cannot decode (it asked for identity).`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding);
    opened.abort();
    return { outcomes };
  }
  const body = transcript ? transcript.tee(decoded.body) : decoded.body;
  const iterator = body[Symbol.asyncIterator]();
  const observeEnv: ObserveEnv = { ctx: env.ctx, limits: env.limits, deadline, timeoutMs: env.target.timeoutMs };
  let finalResponse: Record<string, unknown> | undefined;
  const seen: { text?: string; json?: unknown } = {};
  let timeline: Timeline | undefined;
  try {
    const first = await nextChunk(iterator);
    if (request.stream && isSuccess(opened.status) && looksLikeStream(opened.headers['content-type'], first)) {
      timeline = new Timeline();
      finalResponse = await observeStream(http, first, iterator, checks, observeEnv, outcomes, timeline);
    } else {
      finalResponse = await observeJson(http, first, iterator, checks, observeEnv, outcomes, seen);
    }
  } catch (err) {
    addTransportFinding(outcomes, classifyError(err, deadline), env.target.timeoutMs);
  } finally {
    opened.abort();
  }
  if (finalResponse && isSuccess(opened.status)) runResponseChecks(request, finalResponse, checks, env.ctx, outcomes);
  const answered = { outcomes, finalResponse, status: opened.status, headers: opened.headers, ...(timeline ? { timeline } : {}) };
  if (isSuccess(opened.status)) return answered;
  const serverMessage = serverWords(seen);
  if (serverMessage !== undefined) quoteServer(outcomes, serverMessage);
  return { ...answered, ...(serverMessage !== undefined ? { serverMessage } : {}) };
}

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

/** The target with its credentials header removed, for negative tests of authentication. */
function withoutCredentials(target: TargetConfig): TargetConfig {
  if (!target.authHeader) return target;
  const headers = { ...target.headers };
  delete headers[target.authHeader.toLowerCase()];
  return { ...target, headers };
}

