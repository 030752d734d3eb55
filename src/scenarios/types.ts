import type { Expectation } from '../checks/scenario/expectations.js';
import type { OutcomeExpectation } from '../checks/scenario/outcome.js';
import type { Rejection } from '../checks/registry.js';

/** Replaced in a raw body by the run's model (as JSON string content), so a malformed request names a model the target has. */
export const MODEL_PLACEHOLDER = '{{model}}';

/** Tag of scenarios that provoke errors; they run last, as some servers fall over on them. */
export const ERROR_PATH_TAG = 'error-path';

/** The tag of a scenario that is costly on a real model (a large input); `--skip costly` leaves them out. */
export const COSTLY_TAG = 'costly';

/** What a scenario step knows when it builds its request. */
export interface StepContext {
  model: string;
  /** Final responses of the earlier steps of the same scenario, in order (absent when a step got none). */
  previous: (Record<string, unknown> | undefined)[];
}

/** One request of a scenario. */
export interface ScenarioStep {
  /** Names the step in reports when a scenario has several (`turn-1`). */
  name: string;
  method: 'POST';
  /** Path below the base URL, e.g. `/responses`. */
  path: string;
  /** Whether the request asks for a stream; the runner sets `stream` in the body from it. */
  stream: boolean;
  /** The request schema the body must satisfy before it is sent (`CreateResponseBody`). */
  requestSchema: string;
  /** A negative test: the request breaks this request-side rule on purpose, and a 4xx is expected. */
  rejection?: Rejection;
  /**
   * What the answer must be for this step to exercise its purpose. Every step that is not a
   * negative test declares it, so a server that fails every request never passes a scenario.
   */
  outcome?: OutcomeExpectation;
  /** Sent without the API key, to see how the server refuses it (skipped when no key is configured). */
  withoutCredentials?: boolean;
  /** Sent with a wrong API key instead of the configured one (skipped when no key is configured). */
  wrongCredentials?: boolean;
  /** The step expects an error answer (the reference server's failing model): judged as a refusal is. */
  errorAnswer?: boolean;
  /** What the answer must show beyond its status (`expect:` of the scenario format). */
  expectations?: Expectation[];
  /** What a success answers with: a response (the default) or the CompactResource of `/responses/compact`. */
  answer?: 'response' | 'compaction';
  /** Sent instead of the built body when set: a deliberately malformed request; `{{model}}` becomes the run's model. */
  rawBody?: string;
  /** A `response.create` message on the scenario's WebSocket connection instead of an HTTP request. */
  transport?: 'websocket';
  /** WebSocket: close the connection and open a new one before this step. */
  newConnection?: boolean;
  /** WebSocket: sent without waiting for the previous step's answer. */
  pipelined?: boolean;
  /** WebSocket: a message the server need not answer; only an error envelope it sends is judged. */
  probe?: boolean;
  /** Sent only when the named earlier step's answer was an error (an envelope or a failed response). */
  onlyIfFailed?: string;
  /** Builds the request body. Returning undefined skips the step (an earlier turn gave nothing to continue). */
  body(ctx: StepContext): Record<string, unknown> | undefined;
}

/** A named exchange with the server, and everything needed to run it. */
export interface Scenario {
  /** Stable slug used by `--only`/`--skip` and in reports. */
  id: string;
  title: string;
  tags: string[];
  /** The catalogue rows the scenario exercises (beyond the rows its steps' outcomes and rejections name). */
  requirements?: readonly string[];
  /**
   * The optional feature the scenario needs (`reasoning`, `compact`, …); absent or `core` for what
   * every server must answer. A target that refuses the feature the spec's way gets it skipped.
   */
  capability?: string;
  steps: ScenarioStep[];
  /**
   * Why the scenario is skipped without sending anything, when it is: a feature this spec release
   * lacks, a capability left out with --skip or --capabilities, a snippet for an endpoint not exercised.
   */
  unsupported?: string;
}
