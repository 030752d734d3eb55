import type { OutcomeExpectation } from '../checks/scenario/outcome.js';

/** Tag of scenarios that provoke errors; they run last, as some servers fall over on them. */
export const ERROR_PATH_TAG = 'error-path';

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
  rejection?: { requirement: string; what: string };
  /**
   * What the answer must be for this step to exercise its purpose. Every step that is not a
   * negative test declares it, so a server that fails every request never passes a scenario.
   */
  outcome?: OutcomeExpectation;
  /** Sent without the API key, to see how the server refuses it (skipped when no key is configured). */
  withoutCredentials?: boolean;
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
  steps: ScenarioStep[];
  /** Why the scenario cannot run here, when it cannot (e.g. a snippet for an endpoint not supported yet). */
  unsupported?: string;
}
