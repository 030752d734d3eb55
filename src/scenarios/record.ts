/**
 * The scenario format: a scenario is a declarative record, the same shape for the built-in
 * catalogue and for the files users pass with `--scenarios` (schemas/scenarios.schema.json).
 * `compile.ts` turns a record into the runnable `Scenario`s the runner sends.
 */
import type { Expectation } from '../checks/scenario/expectations.js';

/** The `version:` of a scenario file this release reads. */
export const SCENARIO_FILE_VERSION = 1;

/**
 * Optional features a server may offer or not. A scenario that needs one is skipped, with the
 * reason, when the target refuses it the way the spec refuses an unsupported feature. `core` is
 * what every server must answer. A user scenario may name a capability of its own.
 */
export const CAPABILITIES = ['core', 'store', 'reasoning', 'image_input', 'file_input', 'structured_output', 'compact', 'background', 'websocket'] as const;
export type KnownCapability = (typeof CAPABILITIES)[number];

/** The forms a step over `/responses` can take: one scenario record declares both at once. */
export type Form = 'json' | 'stream';

/** JSON as a scenario file holds it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The answer a step needs to exercise its purpose; `completed` and `incomplete` are shorthands. */
export type OutcomeTemplate =
  | 'completed'
  | 'incomplete'
  /** An error answer (a non-2xx with an error object), judged by the error-object rules only. */
  | 'error'
  | {
      status: 'completed' | 'incomplete' | 'failed';
      requirement?: string;
      purpose?: string;
      tolerated?: 'completed';
      /** With `failed`: the turn must fail with this error code (an error envelope or a failed response). */
      errorCode?: string;
      /** An error answer with this code is a warning, not a failure (a SHOULD the server did not meet). */
      toleratedErrorCode?: string;
      /** Any error answer is allowed (the spec lets the server refuse); only the envelope's shape is judged. */
      errorAllowed?: boolean;
    };

export interface StepTemplate {
  /** Names the step in reports and in references (`turn-1`); defaults to `request`, or `turn-N` when there are several. */
  name?: string;
  /** Path below the base URL; defaults to `/responses`. */
  path?: string;
  /** Fixes the step's form whatever the scenario's forms (a `/responses/compact` call is always JSON). */
  stream?: boolean;
  /**
   * The request body. `model` is the run's model unless set. Values may reference earlier steps:
   * `{ "$ref": "turn-1.id" }` is replaced by that value, and `{ "$splice": "turn-1.output" }` as an
   * array element by that array's elements (see references.ts for the path syntax).
   */
  body: { readonly [key: string]: JsonValue };
  /** Fields taken out of the body after `model` is filled in, e.g. `[model]` to send none. */
  omit?: string[];
  /** Sent instead of the body, as it is: a deliberately malformed request (needs `reject`); `{{model}}` becomes the run's model. */
  rawBody?: string;
  /** The answer this step needs; defaults to `completed` for a step that is not a negative test. */
  outcome?: OutcomeTemplate;
  /**
   * A deliberate negative test: the request breaks `requirement` on purpose and a 4xx error object
   * is expected; an acceptance is a warning, or a failure with `verdict: fail`.
   */
  reject?: { requirement: string; what: string; verdict?: 'fail' | 'warn' };
  /** Sent without the API key. */
  withoutCredentials?: boolean;
  /** Sent with a wrong API key in place of the run's. */
  wrongCredentials?: boolean;
  /** What the answer must show beyond its status. */
  expect?: Expectation[];
  /**
   * `websocket`: the body goes as a `response.create` message on the scenario's WebSocket
   * connection (opened at its first such step) instead of an HTTP request; never with `stream`.
   */
  transport?: 'websocket';
  /** WebSocket: close the connection and open a new one before this step (a reconnect). */
  newConnection?: boolean;
  /** WebSocket: sent right after the previous step's message, without waiting for its answer. */
  pipelined?: boolean;
  /**
   * WebSocket: a message the server need not answer (malformed JSON via `rawBody`, an unknown
   * `type` in `body`): if it answers with an error envelope, the envelope's shape is judged; if it
   * closes the connection or says nothing, that is no finding.
   */
  probe?: boolean;
  /** Sent only when the named earlier step's answer was an error (else skipped, with why): a test that needs that failure. */
  onlyIfFailed?: string;
}

export interface ScenarioRecord {
  /** Stable slug; the stream form gets `-stream` appended when a record declares both forms. */
  id: string;
  title: string;
  tags?: string[];
  /** The catalogue rows the scenario exercises. */
  requirements: string[];
  /** The optional feature it needs; `core` when absent. */
  capability?: string;
  /** The spec releases that have what it tests; all when absent. */
  specVersions?: string[];
  /** `json`, `stream` or both; `json` when absent. */
  forms?: Form[];
  /** Only meaningful against the reference server (its failing model): never sent to a target. */
  referenceOnly?: boolean;
  /** Costly on a real model (a large input): tagged `costly`, skippable with `--skip costly`. */
  costly?: string;
  steps: StepTemplate[];
}
