import type { Finding, Severity } from '../checks/types.js';

/**
 * The outcome of one check in one scenario. `error` means the check itself threw: a bug in the
 * tool, never blamed on the server and never shown as a pass. `expected` is a failure every
 * finding of which a baseline lists: reported, but it does not fail the run.
 */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'not_run' | 'error' | 'expected';

/** The outcome of one scenario: the worst of its checks, or `not_run` when nothing was answered. */
export type ScenarioStatus = CheckStatus;

export interface CheckResult {
  id: string;
  requirement: string;
  severity: Severity;
  section: string;
  title: string;
  /** The step of a multi-request scenario this result belongs to (`turn-1`, `turn-2`). */
  step?: string;
  status: CheckStatus;
  /** One line: what went wrong, or why the check was skipped or not run. Empty when passed. */
  message: string;
  findings: Finding[];
  /** Findings the check made beyond the ones kept (the per-check cap); counted, not stored. */
  droppedFindings?: number;
}

/** One event of a stream as it arrived, for reading a failure in order (its data is in the findings). */
export interface TimelineEntry {
  index: number;
  type?: string;
  sequenceNumber?: number;
}

/**
 * How a streamed answer arrived, in ms after the request was sent (on a WebSocket, after its
 * `response.create`): timings, not verdicts; reports on the same inputs differ only in these.
 */
export interface StreamingMeasures {
  /** Until the status line and headers (HTTP only). */
  timeToHeadersMs?: number;
  /** Until `response.created`, when one came. */
  timeToCreatedMs?: number;
  /** Until the first delta (text, refusal, reasoning or function-call arguments), when one came. */
  timeToFirstDeltaMs?: number;
  deltaCount: number;
  /** The longest wait between two consecutive events, or (HTTP) from the headers to the first event. */
  largestGapMs: number;
  /** Until the last event. */
  totalMs: number;
  eventCount: number;
}

/** One request a scenario sent and the head of its answer, for reproducing and reading a failure. */
export interface StepRecord {
  name: string;
  /**
   * `withoutCredentials` / `wrongCredentials`: the step left the API key out, or sent a wrong one,
   * on purpose (a negative test). `rawBody`: what was sent instead of `body` (a malformed request).
   */
  request: {
    method: string;
    path: string;
    body: Record<string, unknown>;
    /** The body's long strings were cut for the report; no curl is given, since it would not resend the request. */
    bodyCut?: true;
    stream: boolean;
    rawBody?: string;
    withoutCredentials?: boolean;
    wrongCredentials?: boolean;
    /** The step was a message on a WebSocket connection. */
    transport?: 'websocket';
  };
  /**
   * A WebSocket step: every client message sent on its connection up to and including this one,
   * in order; sending them again on a new connection reproduces the step.
   */
  socketMessages?: string[];
  response?: { status: number; headers: Record<string, string> };
  /** A stream's events in order, up to a bound; `timelineDropped` counts the rest. */
  timeline?: TimelineEntry[];
  timelineDropped?: number;
  /** How a streamed answer arrived (live runs only). */
  streaming?: StreamingMeasures;
  /** How many times the request was sent again after a 429 or 503; the last answer is the one recorded and judged. */
  retries?: number;
  /**
   * A POSIX shell command that sends the request again (`curl …`), with the key as
   * `$OPENRESPONSES_API_KEY`; set on the steps of scenarios that failed or warned.
   */
  curl?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  tags: string[];
  status: ScenarioStatus;
  durationMs: number;
  checks: CheckResult[];
  /** Set when the scenario did not run to the end, e.g. the target stopped answering. */
  note?: string;
  /** The requests sent and the answers' heads, in order (absent for captures and scenarios not run). */
  steps?: StepRecord[];
}

export interface RunTarget {
  baseUrl: string;
  model: string;
  /** The header that carried the API key, when one was sent (never the key). */
  authHeader?: string;
  /** Whether the key was sent as `Bearer <key>`. */
  bearer?: boolean;
  /** The extra `-H` headers: the value only when it is not a secret. */
  headers?: TargetHeader[];
}

/** An extra request header as a report may show it: a secret's value is left out. */
export interface TargetHeader {
  name: string;
  value?: string;
}

export interface RunSummary {
  scenarios: number;
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
  notRun: number;
  error: number;
  checks: { passed: number; failed: number; warning: number; skipped: number; notRun: number; error: number; expected?: number };
  /** Scenarios whose failures a baseline all lists; present only when a baseline was applied. */
  expected?: number;
}

/** A failure a baseline expects: the scenario and the problem key (`problemKey`) of the finding. */
export interface BaselineEntry {
  scenario: string;
  key: string;
}

/** What a baseline did to the run. */
export interface BaselineOutcome {
  /** The baseline file as given. */
  file: string;
  /** Failed checks it turned into `expected`. */
  expected: number;
  /** Entries that no longer fail in a scenario that ran: fixed, to be removed from the baseline. */
  stale: BaselineEntry[];
  /** `--strict-baseline`: stale entries fail the run. */
  strict: boolean;
}

export interface RunResult {
  tool: { name: string; version: string };
  specVersion: string;
  /** sha256 (hex) of the OpenAPI document's bytes: tells an edited or `--spec` document from the bundled release of that name. */
  specSha256?: string;
  target: RunTarget;
  startedAt: string;
  durationMs: number;
  strict: boolean;
  scenarios: ScenarioResult[];
  summary: RunSummary;
  /** When the target stopped answering mid-run: the last scenario it answered. */
  lastAnsweredScenario?: string;
  /**
   * A run-wide cause found behind many failures, said first (every valid request refused with
   * 401/403, or answered 404/405), so the user fixes the flag before reading each failure.
   */
  diagnosis?: string;
  /** Set when a baseline of expected failures judged the run. */
  baseline?: BaselineOutcome;
}
