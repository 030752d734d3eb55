import type { Dispatcher } from 'undici';
import type { CheckSet } from '../checks/registry.js';
import { runChecks } from '../checks/session.js';
import { transportCompressed } from '../checks/transport/problems.js';
import type { CheckContext, HttpObservation, SentRequest } from '../checks/types.js';
import { classifyError, isTransportFailure, openRequest, type TargetConfig } from '../http/client.js';
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
  type BodyLimits,
  type ObserveEnv,
  type Outcomes,
} from './observe.js';

/** Everything one exchange needs besides the request. */
export interface ExchangeEnv {
  target: TargetConfig;
  dispatcher: Dispatcher;
  ctx: CheckContext;
  limits: BodyLimits;
}

export interface ExchangeOutcome {
  outcomes: Outcomes;
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
  const outcomes: Outcomes = new Map();
  const deadline = AbortSignal.timeout(env.target.timeoutMs);
  const target = options.withoutCredentials ? withoutCredentials(env.target) : env.target;
  const opened = await openRequest(target, env.dispatcher, 'POST', request.path, request.body, deadline);
  if (isTransportFailure(opened)) {
    if (opened.kind === 'unreachable') return { outcomes, unreachable: opened.detail };
    addTransportFinding(outcomes, opened, env.target.timeoutMs);
    return { outcomes };
  }

  const http: HttpObservation = { request, status: opened.status, headers: opened.headers };
  mergeFindings(outcomes, runChecks(checks.http, http, env.ctx));

  const decoded = decodeBody(opened.body, opened.headers['content-encoding']);
  if (decoded.encoding.kind === 'decoded') {
    addFinding(outcomes, transportCompressed, `The body was sent with Content-Encoding: ${decoded.encoding.encoding} although the request asked for identity; it was decoded and checked.`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding, 'warn');
  } else if (decoded.encoding.kind === 'unsupported') {
    addFinding(outcomes, transportCompressed, `The body uses Content-Encoding: ${decoded.encoding.encoding}, which the tool cannot decode (it asked for identity).`, 'Content-Encoding: identity (as requested)', decoded.encoding.encoding);
    opened.abort();
    return { outcomes };
  }
  const iterator = decoded.body[Symbol.asyncIterator]();
  const observeEnv: ObserveEnv = { ctx: env.ctx, limits: env.limits, deadline, timeoutMs: env.target.timeoutMs };
  let finalResponse: Record<string, unknown> | undefined;
  try {
    const first = await nextChunk(iterator);
    if (request.stream && isSuccess(opened.status) && looksLikeStream(opened.headers['content-type'], first)) {
      finalResponse = await observeStream(http, first, iterator, checks, observeEnv, outcomes);
    } else {
      finalResponse = await observeJson(http, first, iterator, checks, observeEnv, outcomes);
    }
  } catch (err) {
    addTransportFinding(outcomes, classifyError(err, deadline), env.target.timeoutMs);
  } finally {
    opened.abort();
  }
  if (finalResponse && isSuccess(opened.status)) runResponseChecks(request, finalResponse, checks, env.ctx, outcomes);
  return { outcomes, finalResponse };
}

/** The target with its credentials header removed, for negative tests of authentication. */
function withoutCredentials(target: TargetConfig): TargetConfig {
  if (!target.authHeader) return target;
  const headers = { ...target.headers };
  delete headers[target.authHeader.toLowerCase()];
  return { ...target, headers };
}

