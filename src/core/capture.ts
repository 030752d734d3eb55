import { errorStatusMatchesType } from '../checks/error/status-matches-type.js';
import { checkSetForStep, checksForStep, type CheckSet, type StepShape } from '../checks/registry.js';
import type { Expectation } from '../checks/scenario/expectations.js';
import { runChecks } from '../checks/session.js';
import { bufferedStream, UNTIMED_REASON } from '../checks/stream/buffered-stream.js';
import { obfuscationOptOut } from '../checks/stream/obfuscation-opt-out.js';
import type { CheckContext, HttpObservation, PacingThresholds, SentRequest } from '../checks/types.js';
import type { RunEvent } from '../runner/events.js';
import type { Clock } from '../http/arrival-clock.js';
import { bodyEncoding } from '../http/decode.js';
import { judgeJsonBody, mergeFindings, nextChunk, noteEncoding, observeAnswer, observeStream, readBodyText, runResponseChecks, type Outcomes } from '../runner/observe.js';
import type { RunResult, ScenarioResult, StreamingMeasures } from '../runner/result.js';
import { buildRunResult, collectResults, scenarioStatus } from '../runner/results.js';
import { loadSpec } from '../spec/load.js';
import { schemaValidatorFor } from '../spec/shared.js';
import { isRecord } from '../protocol/json.js';
import { DEFAULTS, pacingThresholds, positiveWhole } from './options.js';
import { toolInfo } from './version.js';

/** One captured body: a raw `text/event-stream` capture, a JSON response or an error envelope. */
export interface Capture {
  /** Names the capture in reports (a file name, `stdin`). */
  name: string;
  body: AsyncIterable<Uint8Array> | Uint8Array | string;
  /**
   * The exchange around the body, from a `--record` transcript. With it the capture is judged as
   * the live step was: the HTTP checks see the status and headers, and every rule that depends on
   * the request sees the request. Without it, only what the body itself shows is judged.
   */
  exchange?: RecordedExchange;
  /**
   * The request body the answer was given to, when known but not the answer's status and headers
   * (a handler tested without a network). The rules that compare with the request judge by it:
   * the echoed fields, the tool-call rules, `previous_response_id`, `stream_options`.
   */
  request?: Record<string, unknown>;
  /**
   * The body is being judged as it arrives (the proxy): with its arrival times, a stream is measured
   * and the buffered-stream rule judges it, as in a live run. Only with `exchange`.
   */
  live?: LiveArrival;
}

/** When a body judged as it arrives was sent for and came, on the performance.now() scale. */
export interface LiveArrival {
  /** When the request was sent on. */
  sentAt: number;
  /** When the answer's status line and headers came. */
  headersAt: number;
  /** When the chunk the checks are reading arrived. */
  clock: Clock;
  /** Receives a stream's measures once it has been read. */
  measured(streaming: StreamingMeasures): void;
}

/** The request and the answer's head a recorded body belongs to. */
export interface RecordedExchange {
  request: SentRequest;
  status: number;
  /** Header names lower-case. A Content-Encoding means the body was recorded decoded. */
  headers: Record<string, string>;
  /** What decided the step's checks; by default those of a plain request with its `stream`. */
  step?: StepShape;
}

/** How captures are judged; every field is optional. */
export interface CaptureOptions {
  /** Bundled spec release (`2026-04-24`); the newest by default. */
  specVersion?: string;
  /** An OpenAPI document to judge against instead of a bundled release. */
  specFile?: string;
  maxBodyBytes?: number;
  maxEvents?: number;
  /** Warnings count as failures. */
  strict?: boolean;
  /** The buffered-stream thresholds, for captures judged as they arrive (`Capture.live`). */
  pacing?: Partial<PacingThresholds>;
  /** Sees each capture's result as it is judged. */
  onEvent?: (event: RunEvent) => void;
}

/** What a capture turned out to be: by its first non-blank character, and for JSON by its content. */
type CaptureKind = 'json' | 'sse' | 'error';

interface CaptureLimits {
  maxBodyBytes: number;
  maxEvents: number;
  strict: boolean;
}

/** Judges captures with one compiled spec; `validate` takes one capture at a time. */
export interface CaptureValidator {
  specVersion: string;
  validate(capture: Capture): Promise<ScenarioResult>;
  /** The run of every capture validated so far, for the reporters. */
  finish(): RunResult;
}

/**
 * Prepares offline validation: the spec is loaded and compiled once. Throws ConfigurationError for
 * a bad option, an unknown spec version or an unreadable spec file.
 */
export function createCaptureValidator(options: CaptureOptions = {}): CaptureValidator {
  const limits: CaptureLimits = {
    maxBodyBytes: positiveWhole('maxBodyBytes', options.maxBodyBytes ?? DEFAULTS.maxBodyBytes),
    maxEvents: positiveWhole('maxEvents', options.maxEvents ?? DEFAULTS.maxEvents),
    strict: options.strict ?? false,
  };
  const spec = loadSpec({ specFile: options.specFile, specVersion: options.specVersion });
  const ctx: CheckContext = { schemas: schemaValidatorFor(spec), specVersion: spec.version, maxBodyBytes: limits.maxBodyBytes };
  // Arrival times mean something only for a body judged as it arrives.
  const liveCtx: CheckContext = { ...ctx, pacing: pacingThresholds(options.pacing) };
  const started = Date.now();
  const results: ScenarioResult[] = [];
  return {
    specVersion: spec.version,
    async validate(capture) {
      const body = asByteStream(capture.body);
      const result = capture.exchange
        ? await judgeRecordedStep(capture.name, body, capture.exchange, capture.live === undefined ? ctx : liveCtx, limits, capture.live)
        : await judgeCapture(capture.name, body, capture.request, ctx, limits);
      results.push(result);
      options.onEvent?.({ type: 'scenario-finished', result });
      return result;
    },
    finish() {
      const run = { ...buildRunResult({ tool: toolInfo(), specVersion: spec.version, target: { baseUrl: 'offline capture', model: '-' }, started, strict: limits.strict, scenarios: [...results] }), specSha256: spec.sha256 };
      options.onEvent?.({ type: 'run-finished', result: run });
      return run;
    },
  };
}

/** Judges one capture offline with the same checks as a live run. */
export async function validateCapture(capture: Capture, options: CaptureOptions = {}): Promise<ScenarioResult> {
  return createCaptureValidator(options).validate(capture);
}

async function* asByteStream(body: Capture['body']): AsyncIterable<Uint8Array> {
  if (typeof body === 'string') yield Buffer.from(body, 'utf8');
  else if (body instanceof Uint8Array) yield body;
  else yield* body;
}

/** A body read back has no arrival times: the rule that judges them is not run on it, and says why. */
const UNTIMED: Readonly<Record<string, string>> = { [bufferedStream.id]: UNTIMED_REASON };

/** Rules a bare capture of each kind cannot judge: what they need is the status line or the request it lacks. */
const NOT_JUDGED_OFFLINE: Readonly<Record<CaptureKind, Readonly<Record<string, string>>>> = {
  error: { [errorStatusMatchesType.id]: 'not judged: a capture has no HTTP status to compare with the error type' },
  sse: { [obfuscationOptOut.id]: 'not judged: the capture has no request, so whether it turned obfuscation off is unknown', ...UNTIMED },
  json: {},
};

/** With the request known, only the status and the arrival times are missing. */
const NOT_JUDGED_WITH_REQUEST: Readonly<Record<CaptureKind, Readonly<Record<string, string>>>> = { ...NOT_JUDGED_OFFLINE, sse: UNTIMED };

/**
 * The request fields a ResponseResource reports back as sent (the "echoed" column of catalogue
 * table b.1, REQ-ECHO-01), less `model` and `service_tier`, which a server may rewrite to the
 * resolved value. `previous_response_id` has its own rule (REQ-ECHO-03).
 */
const ECHOED_REQUEST_FIELDS: readonly string[] = [
  'instructions', 'tools', 'tool_choice', 'metadata', 'text', 'temperature', 'top_p', 'presence_penalty', 'frequency_penalty',
  'parallel_tool_calls', 'background', 'max_output_tokens', 'max_tool_calls', 'reasoning', 'safety_identifier', 'prompt_cache_key',
  'truncation', 'store', 'top_logprobs',
];

/**
 * The echo rule for the fields a known request set; nothing without a request. A json_schema
 * `text.format` is left out: the response schema types its `schema` as null (Z-15), so an echo
 * equal to the request would break the schema and one that fits it would differ from the request.
 */
function echoExpectation(request: Record<string, unknown> | undefined): { expectations?: Expectation[] } {
  if (request === undefined) return {};
  const format = isRecord(request.text) ? request.text.format : undefined;
  const schemaFormat = isRecord(format) && format.type === 'json_schema';
  const fields = ECHOED_REQUEST_FIELDS.filter((field) => Object.hasOwn(request, field) && !(field === 'text' && schemaFormat));
  return fields.length === 0 ? {} : { expectations: [{ kind: 'echo', fields }] };
}

/**
 * A capture is only a body: no status line, no headers, and unless the caller gives it, no
 * request. It is judged as the answer it claims to be (a stream, a response object, or an error
 * envelope), and every rule that needs what it lacks says so: without a request, response rules
 * judge by the response's echo or skip; the status rules are skipped. The stream checks still take
 * the status line and request of their (live) observation; offline these are a stand-in carrying
 * the request body when one is known.
 */
async function judgeCapture(file: string, body: AsyncIterable<Uint8Array>, request: Record<string, unknown> | undefined, ctx: CheckContext, limits: CaptureLimits): Promise<ScenarioResult> {
  const startedAt = performance.now();
  const iterator = body[Symbol.asyncIterator]();
  const sniffed = await sniff(iterator);
  // A JSON capture is read whole (up to the cap) and parsed once, to tell an error envelope.
  const jsonBody = sniffed.kind === 'json' ? await readBodyText(sniffed.head, iterator, limits.maxBodyBytes) : undefined;
  const kind: CaptureKind = jsonBody?.kind === 'text' && isErrorEnvelope(jsonBody.json) ? 'error' : sniffed.kind;
  const stream = kind === 'sse';
  const sent: SentRequest = { method: 'POST', path: '/responses', body: request ?? {}, stream };
  const http: HttpObservation = { request: sent, status: kind === 'error' ? ERROR_STAND_IN_STATUS : 200, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' } };
  const step = kind === 'error' ? { stream: false, withoutCredentials: true } : { stream, ...echoExpectation(request) };
  const checkSet = checkSetForStep(step);
  // Rules about what a bare capture lacks are not run at all, and say why.
  const unjudged = new Map<string, string>(Object.entries(request === undefined ? NOT_JUDGED_OFFLINE[kind] : NOT_JUDGED_WITH_REQUEST[kind]));
  const judgeable = <C extends { id: string }>(checks: readonly C[]) => checks.filter((c) => !unjudged.has(c.id));
  const offline: CheckSet = { ...checkSet, http: [], body: judgeable(checkSet.body), stream: judgeable(checkSet.stream) };
  const outcomes: Outcomes = new Map();
  for (const check of [...checkSet.body, ...checkSet.stream]) {
    const why = unjudged.get(check.id);
    if (why !== undefined) outcomes.set(check.id, { status: 'skipped', message: why });
  }
  const env = { ctx, limits: { maxBodyBytes: limits.maxBodyBytes, maxEvents: limits.maxEvents } };
  const finalResponse = jsonBody === undefined
    ? await observeStream(http, sniffed.head, iterator, offline, env, outcomes)
    : judgeJsonBody(http, jsonBody, offline, env, outcomes);
  if (finalResponse) runResponseChecks(request === undefined ? undefined : sent, finalResponse, offline, ctx, outcomes, stream ? 'stream' : 'body');
  const listed = checksForStep(step).filter((c) => c.kind !== 'http');
  const checks = collectResults(listed, offline, outcomes, limits.strict);
  return {
    id: file,
    title: CAPTURE_TITLES[kind],
    tags: ['capture', stream ? 'stream' : 'json', ...(kind === 'error' ? ['error'] : [])],
    status: scenarioStatus(checks),
    durationMs: Math.round(performance.now() - startedAt),
    checks,
  };
}

/**
 * A recorded step is judged as the live run judged it: the same checks for the same kind of step,
 * the HTTP checks on the recorded status and headers, the body read the same way (observeAnswer),
 * and the response rules with the recorded request.
 */
async function judgeRecordedStep(name: string, body: AsyncIterable<Uint8Array>, exchange: RecordedExchange, ctx: CheckContext, limits: CaptureLimits, live?: LiveArrival): Promise<ScenarioResult> {
  const startedAt = performance.now();
  const step = exchange.step ?? { stream: exchange.request.stream };
  const listed = checkSetForStep(step);
  const outcomes: Outcomes = new Map();
  // Read back from a transcript, the body has no arrival times; judged as it passes, it has.
  const untimed = live === undefined ? listed.stream.filter((check) => check.id in UNTIMED) : [];
  for (const check of untimed) outcomes.set(check.id, { status: 'skipped', message: UNTIMED[check.id] });
  const checkSet: CheckSet = untimed.length === 0 ? listed : { ...listed, stream: listed.stream.filter((check) => !untimed.includes(check)) };
  const http: HttpObservation = { request: exchange.request, status: exchange.status, headers: exchange.headers };
  mergeFindings(outcomes, runChecks(checkSet.http, http, ctx));
  // The transcript holds the body as the checks read it, already decoded.
  if (noteEncoding(outcomes, bodyEncoding(exchange.headers['content-encoding']))) {
    const arrival = live === undefined ? {} : { sentAt: live.sentAt, clock: live.clock };
    const { measurer } = await observeAnswer(http, body[Symbol.asyncIterator](), checkSet, { ctx, limits: { maxBodyBytes: limits.maxBodyBytes, maxEvents: limits.maxEvents }, ...arrival }, outcomes);
    if (live !== undefined && measurer !== undefined) live.measured(measurer.measures(Math.max(0, Math.round(live.headersAt - live.sentAt))));
  }
  const checks = collectResults(checksForStep(step), listed, outcomes, limits.strict);
  return {
    id: name,
    title: `Recorded step: ${exchange.request.method} ${exchange.request.path}, HTTP ${exchange.status}`,
    tags: ['capture', 'recorded', exchange.request.stream ? 'stream' : 'json'],
    status: scenarioStatus(checks),
    durationMs: Math.round(performance.now() - startedAt),
    checks,
  };
}

const CAPTURE_TITLES: Record<CaptureKind, string> = { sse: 'SSE stream capture', json: 'JSON response capture', error: 'JSON error capture' };

/**
 * The error rules look only at answers with an error status; a capture of an error envelope has
 * none, so it stands in as one. No rule that compares the status runs on it (ERR-03 is skipped).
 */
const ERROR_STAND_IN_STATUS = 400;

/**
 * An error envelope (`{"error": …}`, SPEC§Errors) rather than a response: it has `error` and is
 * not a ResponseResource (whose `error` is set on failed responses), which has `object: "response"`
 * and `output`. A body that does not parse is left to the response checks.
 */
function isErrorEnvelope(json: unknown): boolean {
  return isRecord(json) && Object.hasOwn(json, 'error') && json.object !== 'response' && !Object.hasOwn(json, 'output');
}

/** Bytes read at most to find the first non-blank character. */
const SNIFF_LIMIT = 64 * 1024;

/** Reads until the first non-blank character to decide the kind; returns the bytes read so far. */
async function sniff(iterator: AsyncIterator<Uint8Array>): Promise<{ kind: 'json' | 'sse'; head: Uint8Array | undefined }> {
  const seen: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await nextChunk(iterator); chunk !== undefined; chunk = await nextChunk(iterator)) {
    seen.push(chunk);
    size += chunk.length;
    const text = Buffer.concat(seen).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text !== '') return { kind: text.startsWith('{') ? 'json' : 'sse', head: Buffer.concat(seen) };
    if (size > SNIFF_LIMIT) break;
  }
  return { kind: 'sse', head: seen.length > 0 ? Buffer.concat(seen) : undefined };
}
