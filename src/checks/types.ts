/**
 * The vocabulary shared by every check: what a check is, what it observes and what it reports.
 * Checks are data plus pure functions. They never do I/O; anything they need (compiled schema
 * validators, the request that was sent) reaches them through the context.
 */
import type { EventRole, EventRoleKind } from '../protocol/events.js';

/** What a finding does to the run: `fail` fails it (exit 1), `warn` is reported only. */
export type Verdict = 'fail' | 'warn';

/**
 * The strength of the requirement a check tests, as the requirement catalogue words it
 * (shared/research/spec-requirements.md, "Strength vocabulary").
 */
export type Severity = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'SCHEMA' | 'IMPLIED' | 'TOOL';

/** Where in the observed data a finding points. Every field is optional; set what is known. */
export interface Location {
  /** JSON pointer into the body or event (`/output/0/content/0/text`). */
  path?: string;
  /** Zero-based index of the SSE message in the stream. */
  eventIndex?: number;
  /** The `sequence_number` of that event, when it had one. */
  sequenceNumber?: number;
  /** The `type` of that event, when it had one. */
  eventType?: string;
  /** Byte offset in the raw body where the message ended. */
  byteOffset?: number;
}

/** One observed breach of one rule. */
export interface Finding {
  /** Stable check id, e.g. `stream/sequence-number-increasing`. */
  checkId: string;
  /** Requirement id in the catalogue, e.g. `SSE-SEQ-02`. */
  requirement: string;
  verdict: Verdict;
  /** One readable sentence: what rule was broken, in plain words. */
  message: string;
  expected?: string;
  actual?: string;
  location?: Location;
  /** The offending SSE data or value, cut to a readable length, for readers without the capture. */
  excerpt?: string;
  /** Set by a baseline that lists this failure: it is expected and does not fail the run. */
  baselined?: true;
}

/** Metadata every check declares; shown by `list` and copied into reports. */
export interface CheckMeta {
  /** Stable slug, `<area>/<name>`. Used by reports and selection. */
  id: string;
  /** The catalogue row this check tests; the row its findings name unless they say another. */
  requirement: string;
  /**
   * The further catalogue rows this check's findings can name (a finding's `requirement` set by
   * `FindingDetails.requirement`), so the coverage matrix credits the check with them too.
   */
  alsoRequirements?: readonly string[];
  severity: Severity;
  /** The spec section the rule comes from, e.g. `Streaming HTTP Responses`. */
  section: string;
  title: string;
}

/** A request the tool sent, as the checks see it. */
export interface SentRequest {
  method: string;
  /** Path below the base URL, e.g. `/responses`. */
  path: string;
  body: Record<string, unknown>;
  /** True when `body.stream === true`. */
  stream: boolean;
  /** Sent instead of `body` when set: a deliberately malformed body (a negative test). */
  rawBody?: string;
}

/** The status line and headers of an answer. Header names are lower-case. */
export interface HttpObservation {
  request: SentRequest;
  status: number;
  headers: Record<string, string>;
  /**
   * A WebSocket response after another on the same connection: the last `sequence_number` of that
   * one, since numbering may continue across the responses of a connection as well as restart (Z-47).
   */
  continuesFrom?: number;
}

/** A whole, non-streamed body. `json` is set when it parsed as JSON. */
export interface BodyObservation {
  http: HttpObservation;
  /**
   * Raw text of the body (UTF-8 decoded), kept when it did not parse as JSON or answers an error;
   * a parsed success body is not held twice.
   */
  text?: string;
  json?: unknown;
}

/**
 * One message of an event stream as it arrived, before any interpretation of its data: an SSE
 * message, or a WebSocket text message (which has no `event:`/`id:` fields).
 */
export interface StreamMessage {
  /** Zero-based position among the messages of this response. */
  index: number;
  /** The `event:` field, when the SSE message had one. */
  event?: string;
  /** The `id:` field, when the SSE message had one. */
  id?: string;
  /** The data: an SSE message's `data:` lines joined with `\n`, or a WebSocket message's text. */
  data: string;
  /** Bytes received when the message was complete: of the SSE body, or of the WebSocket connection's server messages. */
  byteOffset: number;
  /** Milliseconds since the request (or the `response.create` message) was sent. */
  receivedAtMs: number;
}

/** The response a request ended with: the JSON body, or the snapshot of a stream's terminal event. */
export interface ResponseObservation {
  /** The request that was sent; undefined for a capture checked offline (`validate`), which has none. */
  request: SentRequest | undefined;
  response: Record<string, unknown>;
  source: 'body' | 'stream';
}

/**
 * A JSON event object with a string `type`, classified once when its message arrives so that
 * every check reads these fields instead of deriving them again.
 */
export interface TypedEvent {
  /** The message it came in, for locating findings. */
  source: StreamEvent;
  body: Record<string, unknown>;
  type: string;
  /** Set for the core event types of the spec; undefined for extension and unknown types. */
  role: EventRole | undefined;
  /** True for a slug-prefixed extension type such as `acme:trace_event`. */
  extension: boolean;
  /** `sequence_number`, when it is an integer. */
  sequenceNumber: number | undefined;
  /** The `item_id` of an item-scoped event, or the `item.id` of an `output_item` event. */
  itemId: string | undefined;
  /** `output_index`, when it is an integer. */
  outputIndex: number | undefined;
}

/** A message together with its interpretation: JSON (classified when it is a typed event), `[DONE]`, or neither. */
export type StreamEvent =
  | { frame: StreamMessage; kind: 'json'; value: unknown; typed: TypedEvent | undefined }
  | { frame: StreamMessage; kind: 'done' }
  | { frame: StreamMessage; kind: 'invalid'; error: string };

/** How a stream ended, handed to every stream check's end step. */
export interface StreamEnd {
  /** `eof`: the server closed the body. The others are cut-offs by the tool or the network. */
  reason: 'eof' | 'timeout' | 'reset' | 'cap';
  /** Number of SSE messages seen. */
  frames: number;
  /** True when the body ended in the middle of a message (no closing blank line). */
  unterminatedMessage: boolean;
  /**
   * The first message that had an `id:` line but no data: SSE dispatches no event for it, so no
   * frame shows its id. `byteOffset` is where the message ended.
   */
  idWithoutData?: { byteOffset: number };
}

/** Compiled schema validation, handed to checks so they stay free of I/O. */
export interface SchemaValidator {
  /** True when the document defines a component schema of that name. */
  has(name: string): boolean;
  /** Validates `value` against component schema `name`; an empty list means valid. */
  validate(name: string, value: unknown): SchemaIssue[];
  /** The component schema name for a streaming event `type`, if the spec defines one. */
  eventSchemaFor(type: string): string | undefined;
  /**
   * Validates `value` against a JSON Schema that is not part of the spec, such as the `parameters`
   * of a tool the request offered; undefined when that schema does not compile.
   */
  validateAgainst(schema: Record<string, unknown>, value: unknown): SchemaIssue[] | undefined;
}

/** One schema violation, already made readable. */
export interface SchemaIssue {
  /** JSON pointer to the offending value. */
  path: string;
  /** What the schema asked for. */
  expected: string;
  /** What was there. */
  actual: string;
  /** The whole sentence. */
  message: string;
}

/** What every check receives besides its observation. */
export interface CheckContext {
  schemas: SchemaValidator;
  /** The spec release in use, e.g. `2026-04-24`. */
  specVersion: string;
  /**
   * The run's --max-body-bytes: no single message is larger, so streamed text beyond it can never
   * be matched by a done event and is not kept. Defaults to the CLI's default cap.
   */
  maxBodyBytes?: number;
  /**
   * When a stream counts as buffered (SSE-Q-01). Set in live runs only, where arrival times are
   * measured; a capture read from a file has none, so the rule is not judged on it.
   */
  pacing?: PacingThresholds;
}

/** When a stream is long enough to tell a buffered answer from a streamed one, and when it is buffered. */
export interface PacingThresholds {
  /** Fewest deltas a judged stream has. */
  minDeltas: number;
  /** Shortest judged stream, from sending the request to its last event, in ms. */
  minDurationMs: number;
  /** A first delta that arrives after this fraction (0 to 1) of that time is late. */
  lateFraction: number;
  /** Deltas that all arrive within this many ms of the first one came in one burst. */
  burstWindowMs: number;
}

/** A check on the status line and headers. */
export interface HttpCheck extends CheckMeta {
  kind: 'http';
  check(obs: HttpObservation, ctx: CheckContext): Finding[];
}

/** A check on a whole non-streamed body. */
export interface BodyCheck extends CheckMeta {
  kind: 'body';
  check(obs: BodyObservation, ctx: CheckContext): Finding[];
}

/**
 * A rule about the meaning of a finished response (item statuses, tool choice, echoes). It runs on
 * the JSON body and on the final snapshot of a stream alike.
 */
export interface ResponseCheck extends CheckMeta {
  kind: 'response';
  check(obs: ResponseObservation, ctx: CheckContext): Finding[];
  /**
   * Why this observation cannot be judged at all (a rule about the request, with no request known);
   * the check is then reported as skipped with that reason, never as passed. Undefined: it can.
   */
  notJudged?(obs: ResponseObservation): string | undefined;
  /**
   * How the check judges a WebSocket turn answered with an error envelope instead of a response
   * (`error` is the envelope's `error` object, if it has one). Absent: the check does not run on it.
   */
  judgeErrorAnswer?(error: Record<string, unknown> | undefined, ctx: CheckContext): Finding[];
}

/** A WebSocket error envelope (`{"type":"error","status":…,"error":{…}}`) a server answered a turn with. */
export interface EnvelopeObservation {
  request: SentRequest;
  envelope: Record<string, unknown>;
  /** Where it arrived: its message index on the connection and the bytes received through it. */
  location: Location;
}

/** A check on a WebSocket error envelope. */
export interface EnvelopeCheck extends CheckMeta {
  kind: 'envelope';
  check(obs: EnvelopeObservation, ctx: CheckContext): Finding[];
}

/**
 * A rule about a WebSocket connection as a whole (which response a message belongs to, whether
 * each `response.create` was answered). Its findings come from the pure router of
 * `websocket/connection.ts`, which the runner feeds with every message.
 */
export interface ConnectionCheck extends CheckMeta {
  kind: 'connection';
}

/**
 * A check that consumes a stream one event at a time. `init` makes its state, `onEvent` sees each
 * event as it arrives and `onEnd` sees how the stream ended. State holds only what the rule needs,
 * so memory does not grow with the stream.
 */
export interface StreamCheck<State = unknown> extends CheckMeta {
  kind: 'stream';
  /**
   * The core events the check reads, by role. When set, the session hands it only those: any other
   * message (other roles, extension and unknown types, `[DONE]`, data that is not JSON) would leave
   * its state and findings as they are, so it is not called for them. A check that stops at the
   * terminal event lists 'lifecycle'.
   */
  reads?: readonly EventRoleKind[];
  init(http: HttpObservation, ctx: CheckContext): State;
  onEvent(state: State, event: StreamEvent, ctx: CheckContext): readonly Finding[];
  onEnd(state: State, end: StreamEnd, ctx: CheckContext): readonly Finding[];
  /**
   * Why this stream could not be judged (too short to tell, no arrival times), asked after
   * `onEnd`; the check is then reported as skipped with that reason, never as passed.
   */
  notJudged?(state: State, end: StreamEnd, ctx: CheckContext): string | undefined;
}

/**
 * A problem the tool meets itself (timeout, refused connection, reset). The runner reports these;
 * they are declared like checks so that they are listed and reported alike.
 */
export interface TransportCheck extends CheckMeta {
  kind: 'transport';
}

// Each stream check keeps its own state type; the union holds them as `unknown`.
export type Check = HttpCheck | BodyCheck | ResponseCheck | StreamCheck<unknown> | TransportCheck | EnvelopeCheck | ConnectionCheck;
