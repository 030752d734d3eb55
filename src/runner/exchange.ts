import type { Dispatcher } from 'undici';
import type { CheckSet } from '../checks/registry.js';
import { runChecks } from '../checks/session.js';
import type { CheckContext, HttpObservation, SentRequest } from '../checks/types.js';
import { isTransportFailure, openRequest, requestHeaders, type TargetConfig } from '../http/client.js';
import { ArrivalClock } from '../http/arrival-clock.js';
import { decodeBody } from '../http/decode.js';
import { WRONG_API_KEY } from './wrong-key.js';
import { addTransportFinding, mergeFindings, noteEncoding, observeAnswer, type BodyLimits, type ObserveEnv, type Outcomes, type ServerError, type Timeline } from './observe.js';
import { sendWithRetries, type Attempt, type RetryPolicy } from './retry.js';
import type { StreamingMeasures } from './result.js';
import type { StepTranscript, TranscriptRecorder } from './transcript.js';

/** Everything one exchange needs besides the request. */
export interface ExchangeEnv {
  target: TargetConfig;
  dispatcher: Dispatcher;
  ctx: CheckContext;
  limits: BodyLimits;
  /** Sending again after 429/503; none sends each request once. */
  retry?: RetryPolicy;
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
  /** How a streamed answer arrived. */
  streaming?: StreamingMeasures;
  /** For a non-2xx answer: the server's own words (`error.message`, or the start of the body). */
  serverMessage?: string;
  /** For a non-2xx answer with an error object: its type, code and param. */
  serverError?: ServerError;
  /** A WebSocket turn answered with an error envelope. */
  errorAnswer?: true;
  /** That envelope's `status`. */
  errorStatus?: number;
  /** The statuses (429, 503) after which the request was sent again, when it was. */
  retriedStatuses?: number[];
}

/**
 * Sends one request and runs every applicable check on the answer as it arrives. Stream bodies go
 * through the SSE framer into the check session frame by frame; JSON bodies are read up to the cap.
 */
export async function runExchange(
  request: SentRequest,
  checks: CheckSet,
  env: ExchangeEnv,
  options: { withoutCredentials?: boolean; wrongCredentials?: boolean; transcript?: StepTranscript } = {},
): Promise<ExchangeOutcome> {
  const target = options.withoutCredentials ? withoutCredentials(env.target) : options.wrongCredentials ? withWrongCredentials(env.target) : env.target;
  const transcript = options.transcript;
  transcript?.request(request, `${target.baseUrl}${request.path}`, requestHeaders(target));
  const clock = new ArrivalClock();
  try {
    return await exchange(request, checks, env, target, transcript, clock);
  } finally {
    clock.stop();
    await transcript?.finish();
  }
}

async function exchange(request: SentRequest, checks: CheckSet, env: ExchangeEnv, target: TargetConfig, transcript: StepTranscript | undefined, clock: ArrivalClock): Promise<ExchangeOutcome> {
  const outcomes: Outcomes = new Map();
  // Each sending has its own deadline: --timeout bounds one request, not the waits between retries.
  // The answer judged is the last sending's, so it is timed from that sending.
  let sentAt = 0;
  let headersAt = 0;
  const send = async (): Promise<Attempt> => {
    const signal = AbortSignal.timeout(env.target.timeoutMs);
    sentAt = performance.now();
    const opened = await openRequest(target, env.dispatcher, 'POST', request.path, request.rawBody ?? request.body, signal);
    headersAt = clock.now();
    return { opened, deadline: signal };
  };
  const { opened, deadline, retriedStatuses } = await sendWithRetries(send, env.retry);
  const retried = retriedStatuses.length > 0 ? { retriedStatuses } : {};
  if (isTransportFailure(opened)) {
    if (opened.kind === 'unreachable') return { outcomes, unreachable: opened.detail, ...retried };
    addTransportFinding(outcomes, opened, env.target.timeoutMs, true);
    return { outcomes, ...retried };
  }

  const http: HttpObservation = { request, status: opened.status, headers: opened.headers };
  mergeFindings(outcomes, runChecks(checks.http, http, env.ctx));

  const decoded = decodeBody(opened.body, opened.headers['content-encoding']);
  transcript?.answer(opened.status, opened.headers, decoded.encoding.kind === 'decoded' ? decoded.encoding.encoding : undefined);
  if (!noteEncoding(outcomes, decoded.encoding)) {
    opened.abort();
    return { outcomes, status: opened.status, headers: opened.headers, ...retried };
  }
  const body = transcript ? transcript.tee(decoded.body) : decoded.body;
  const observeEnv: ObserveEnv = { ctx: env.ctx, limits: env.limits, deadline, timeoutMs: env.target.timeoutMs, sentAt, clock };
  try {
    const { measurer, ...observed } = await observeAnswer(http, body[Symbol.asyncIterator](), checks, observeEnv, outcomes);
    const streaming = measurer?.measures(Math.max(0, Math.round(headersAt - sentAt)));
    return { outcomes, status: opened.status, headers: opened.headers, ...observed, ...(streaming ? { streaming } : {}), ...retried };
  } finally {
    opened.abort();
  }
}


/** The target with a wrong key in its credentials header (keeping a `Bearer ` prefix), for negative tests. */
function withWrongCredentials(target: TargetConfig): TargetConfig {
  if (!target.authHeader) return target;
  const name = target.authHeader.toLowerCase();
  const bearer = target.headers[name]?.startsWith('Bearer ') === true;
  return { ...target, headers: { ...target.headers, [name]: bearer ? `Bearer ${WRONG_API_KEY}` : WRONG_API_KEY } };
}

/** The target with its credentials header removed, for negative tests of authentication. */
function withoutCredentials(target: TargetConfig): TargetConfig {
  if (!target.authHeader) return target;
  const headers = { ...target.headers };
  delete headers[target.authHeader.toLowerCase()];
  return { ...target, headers };
}
