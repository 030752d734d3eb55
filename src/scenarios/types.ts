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
  /** Builds the request body. Returning undefined skips the step (an earlier turn gave nothing to continue). */
  body(ctx: StepContext): Record<string, unknown> | undefined;
}

/** A named exchange with the server, and everything needed to run it. */
export interface Scenario {
  /** Stable slug used by `--only`/`--skip` and in reports. */
  id: string;
  title: string;
  tags: string[];
  steps: ScenarioStep[];
  /** Why the scenario cannot run here, when it cannot (e.g. a snippet for an endpoint not supported yet). */
  unsupported?: string;
}
