import { compactSchema } from './compact/schema.js';
import { errorObject } from './error/error-object.js';
import { requestRejected } from './error/request-rejected.js';
import { errorStatusMatchesType } from './error/status-matches-type.js';
import { statusOk } from './http/status-ok.js';
import { jsonContentType } from './http/json-content-type.js';
import { responseRuleChecks } from './response/rules.js';
import { responseSchema } from './response/schema.js';
import { expectationCheck, type Expectation } from './scenario/expectations.js';
import { scenarioOutcome, type OutcomeExpectation } from './scenario/outcome.js';
import { sseStreamEngineChecks, streamEngineChecks } from './stream/engine.js';
import { eventSchema } from './stream/event-schema.js';
import { eventStreamContentType } from './stream/event-stream-content-type.js';
import { finalResponse } from './stream/final-response.js';
import { bodyNotJson } from './transport/body-not-json.js';
import { transportChecks } from './transport/problems.js';
import { websocketAnswer, websocketNoInterleaving } from './websocket/connection.js';
import { websocketErrorEnvelope } from './websocket/error-envelope.js';
import { websocketMessageJson } from './websocket/message-json.js';
import type { BodyCheck, Check, ConnectionCheck, EnvelopeCheck, HttpCheck, ResponseCheck, StreamCheck, Verdict } from './types.js';

/** The checks one request runs, grouped by what they observe. */
export interface CheckSet {
  http: readonly HttpCheck[];
  body: readonly BodyCheck[];
  // Each stream check keeps its own state type; the list holds them as `unknown`.
  stream: readonly StreamCheck<unknown>[];
  response: readonly ResponseCheck[];
  /** WebSocket turns only: the error envelope a turn may be answered with, and the connection's own rules. */
  envelope?: readonly EnvelopeCheck[];
  connection?: readonly ConnectionCheck[];
}

/** A negative test: the request breaks `requirement` on purpose; an acceptance gives `verdict` (warn by default). */
export interface Rejection {
  requirement: string;
  what: string;
  verdict?: Verdict;
}

/** What decides a step's checks. */
export interface StepShape {
  stream: boolean;
  rejection?: Rejection;
  withoutCredentials?: boolean;
  wrongCredentials?: boolean;
  /** What the answer must be for the step to exercise its purpose (judged by `scenario/outcome`). */
  outcome?: OutcomeExpectation;
  /** An error answer is what the step expects (a request the reference model fails): the refusal rules judge it. */
  errorAnswer?: boolean;
  /** What the answer must show beyond its status (the scenario's `expect:`). */
  expectations?: readonly Expectation[];
  /** What a success answers with: a response (the default) or a CompactResource. */
  answer?: 'response' | 'compaction';
  /** A `response.create` message on a WebSocket instead of an HTTP request. */
  transport?: 'websocket';
  /** WebSocket: a message the server need not answer; only an error envelope is expected. */
  probe?: boolean;
}

/** Rules on an error answer, wherever one arrives. */
const ERROR_BODY_CHECKS: readonly BodyCheck[] = [errorObject, errorStatusMatchesType];
const STREAM_CHECKS: readonly StreamCheck<unknown>[] = [eventSchema, finalResponse, ...sseStreamEngineChecks];
/** A WebSocket response: the same events and grammar, without SSE's framing rules (HTTP-15). */
const WEBSOCKET_STREAM_CHECKS: readonly StreamCheck<unknown>[] = [websocketMessageJson, eventSchema, finalResponse, ...streamEngineChecks];
const CONNECTION_CHECKS: readonly ConnectionCheck[] = [websocketAnswer, websocketNoInterleaving];
const ENVELOPE_CHECKS: readonly EnvelopeCheck[] = [websocketErrorEnvelope];
const RESPONSE_CHECKS: readonly ResponseCheck[] = responseRuleChecks;

/**
 * The checks a request runs. A success is judged by its status, media type, body or stream and
 * final response; a negative test (an invalid request, or one without credentials) by how it is
 * refused. Body checks run for stream requests too, since a refused stream arrives as JSON.
 */
export function checkSetForStep(step: StepShape): CheckSet {
  if (step.rejection || step.withoutCredentials || step.wrongCredentials || step.errorAnswer) {
    return {
      http: [jsonContentType, ...(step.rejection ? [requestRejected(step.rejection.requirement, step.rejection.what, step.rejection.verdict)] : [])],
      body: [bodyNotJson, ...ERROR_BODY_CHECKS],
      stream: [],
      response: [],
    };
  }
  const expected = (step.expectations ?? []).map(expectationCheck);
  const outcome = step.outcome ? [scenarioOutcome(step.outcome)] : [];
  if (step.transport === 'websocket') {
    // No status line or body: the turn's messages are the answer, judged per response, plus the connection's rules.
    return { http: [], body: [], stream: WEBSOCKET_STREAM_CHECKS, response: [...outcome, ...RESPONSE_CHECKS, ...expected], envelope: ENVELOPE_CHECKS, connection: CONNECTION_CHECKS };
  }
  if (step.answer === 'compaction') {
    // A CompactResource is no response: the response rules do not apply; its outcome is its output.
    return { http: [statusOk, jsonContentType], body: [bodyNotJson, compactSchema, ...ERROR_BODY_CHECKS], stream: [], response: [...outcome, ...expected] };
  }
  return {
    http: [statusOk, step.stream ? eventStreamContentType : jsonContentType],
    body: step.stream ? [bodyNotJson, ...ERROR_BODY_CHECKS] : [bodyNotJson, responseSchema, ...ERROR_BODY_CHECKS],
    stream: step.stream ? STREAM_CHECKS : [],
    response: [...outcome, ...RESPONSE_CHECKS, ...expected],
  };
}

/**
 * The checks listed for a step: what its expected answer is judged by. For a stream request the
 * JSON body checks are left out; they appear in a report only when a refusal arrived as JSON.
 */
export function checksForStep(step: StepShape): Check[] {
  const set = checkSetForStep(step);
  if (step.transport === 'websocket') {
    // The answer the step expects decides what is listed: an error envelope, or a response's events.
    // Whatever else arrives is judged all the same and reported (collectResults).
    const envelopeExpected = step.probe === true || step.outcome?.status === 'failed';
    return envelopeExpected
      ? [...(set.connection ?? []), ...(set.envelope ?? []), ...set.response.filter((check) => check.judgeErrorAnswer !== undefined)]
      : [...(set.connection ?? []), ...set.stream, ...set.response];
  }
  const body = step.stream && !step.rejection && !step.withoutCredentials && !step.wrongCredentials && !step.errorAnswer ? [] : set.body;
  return [...(set.connection ?? []), ...set.http, ...body, ...set.stream, ...(set.envelope ?? []), ...set.response];
}

/** Every check, for looking up metadata by id. */
export function allChecks(): Check[] {
  return [
    statusOk, jsonContentType, eventStreamContentType,
    bodyNotJson, responseSchema, compactSchema, ...ERROR_BODY_CHECKS,
    ...STREAM_CHECKS, ...RESPONSE_CHECKS, ...transportChecks,
    websocketMessageJson, ...ENVELOPE_CHECKS, ...CONNECTION_CHECKS,
  ];
}
