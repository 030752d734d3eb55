import type { Finding, Location } from '../checks/types.js';
import type { BaselineOutcome, CheckResult, RunResult, RunSummary, RunTarget, ScenarioResult, StepRecord, StreamingMeasures, TimelineEntry } from '../runner/result.js';
import { digestRun, type Problem, type ProblemExample } from './digest.js';

/**
 * The version of report.json's shape, raised whenever a reader would need to change. 2: the
 * digest, passed checks as a list of names, skipped and not-run checks grouped by reason,
 * timelines only under scenarios with a problem. A step's `streaming` measures are new
 * optional fields, which a reader of version 2 may ignore.
 */
export const REPORT_VERSION = 2;

/**
 * report.json: the run, sized by its problems rather than by the suite. The digest comes first;
 * passed checks are names (`turn-2: http/status-ok` in a multi-request scenario), skipped and
 * not-run checks names under their reason; failed, warning and error checks keep their full result.
 */
export interface JsonReport extends Omit<RunResult, 'scenarios'> {
  reportVersion: typeof REPORT_VERSION;
  digest: Problem[];
  scenarios: JsonScenario[];
}

export interface JsonScenario extends ScenarioResult {
  /** Checks that passed, by name: they have nothing else to say. */
  passedChecks: string[];
  /** Checks that were skipped or not run, by name, grouped by status and reason. */
  unjudgedChecks: UnjudgedChecks[];
}

/** Checks of one scenario that were not judged for the same reason. */
export interface UnjudgedChecks {
  status: 'skipped' | 'not_run';
  reason: string;
  checks: string[];
}

/**
 * The machine-readable report as pretty JSON. Objects are rebuilt from the key lists below, so the
 * key order is fixed (diffable between runs) and nothing outside the report's shape leaks in. The
 * lists must name every field: `keyOrder` makes the compiler reject one that misses a field added
 * to the types later, instead of the report silently dropping it.
 */
export function renderJsonReport(run: RunResult): string {
  return JSON.stringify(orderRun(run), null, 2) + '\n';
}

/** Accepts a key list for T only when it names every key of T. */
function keyOrder<T>() {
  return <const K extends readonly (keyof T)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missingKeys: Exclude<keyof T, K[number]> }),
  ): K => keys;
}

// What a reader wants first comes first: the verdict in numbers, the run-wide cause, the problems.
const RUN_KEYS = keyOrder<JsonReport>()([
  'reportVersion',
  'tool',
  'specVersion',
  'specSha256',
  'target',
  'startedAt',
  'durationMs',
  'strict',
  'summary',
  'diagnosis',
  'baseline',
  'lastAnsweredScenario',
  'digest',
  'scenarios',
]);
const TOOL_KEYS = keyOrder<RunResult['tool']>()(['name', 'version']);
const TARGET_KEYS = keyOrder<RunTarget>()(['baseUrl', 'model', 'authHeader', 'bearer', 'headers']);
const SCENARIO_KEYS = keyOrder<JsonScenario>()(['id', 'title', 'tags', 'status', 'durationMs', 'note', 'passedChecks', 'unjudgedChecks', 'checks', 'steps']);
const UNJUDGED_KEYS = keyOrder<UnjudgedChecks>()(['status', 'reason', 'checks']);
const STEP_KEYS = keyOrder<StepRecord>()(['name', 'request', 'response', 'streaming', 'retries', 'curl', 'socketMessages', 'timeline', 'timelineDropped']);
const REQUEST_KEYS = keyOrder<StepRecord['request']>()(['method', 'path', 'stream', 'transport', 'withoutCredentials', 'wrongCredentials', 'body', 'bodyCut', 'rawBody']);
const RESPONSE_KEYS = keyOrder<NonNullable<StepRecord['response']>>()(['status', 'headers']);
const STREAMING_KEYS = keyOrder<StreamingMeasures>()(['timeToHeadersMs', 'timeToCreatedMs', 'timeToFirstDeltaMs', 'deltaCount', 'largestGapMs', 'totalMs', 'eventCount']);
const TIMELINE_KEYS = keyOrder<TimelineEntry>()(['index', 'type', 'sequenceNumber']);
const PROBLEM_KEYS = keyOrder<Problem>()(['key', 'verdict', 'checkId', 'requirement', 'where', 'expected', 'count', 'scenarios', 'example']);
const EXAMPLE_KEYS = keyOrder<ProblemExample>()(['scenario', 'step', 'message', 'finding']);
const CHECK_KEYS = keyOrder<CheckResult>()([
  'id',
  'requirement',
  'severity',
  'section',
  'title',
  'step',
  'status',
  'message',
  'findings',
  'droppedFindings',
]);
const FINDING_KEYS = keyOrder<Finding>()([
  'checkId',
  'requirement',
  'verdict',
  'message',
  'expected',
  'actual',
  'location',
  'excerpt',
  'baselined',
]);
const LOCATION_KEYS = keyOrder<Location>()(['path', 'eventIndex', 'sequenceNumber', 'eventType', 'byteOffset']);
const SUMMARY_KEYS = keyOrder<RunSummary>()(['scenarios', 'passed', 'failed', 'warning', 'skipped', 'notRun', 'error', 'expected', 'checks']);
const SUMMARY_CHECK_KEYS = keyOrder<RunSummary['checks']>()(['passed', 'failed', 'warning', 'skipped', 'notRun', 'error', 'expected']);
const BASELINE_KEYS = keyOrder<BaselineOutcome>()(['file', 'expected', 'stale', 'strict']);

/** A copy of `source` holding `keys` in that order; keys whose value is undefined are left out. */
function pick<T extends object>(source: T, keys: readonly (keyof T)[]): T {
  const copy: Partial<T> = {};
  for (const key of keys) {
    if (source[key] !== undefined) copy[key] = source[key];
  }
  // Every required key is in `keys` (keyOrder checks it) and a required value is never undefined.
  return copy as T;
}

function orderRun(run: RunResult): JsonReport {
  return pick(
    {
      ...run,
      reportVersion: REPORT_VERSION,
      tool: pick(run.tool, TOOL_KEYS),
      target: pick(run.target, TARGET_KEYS),
      digest: digestRun(run).map(orderProblem),
      scenarios: run.scenarios.map(orderScenario),
      summary: pick({ ...run.summary, checks: pick(run.summary.checks, SUMMARY_CHECK_KEYS) }, SUMMARY_KEYS),
      baseline: run.baseline === undefined ? undefined : pick({ ...run.baseline, stale: run.baseline.stale.map(({ scenario, key }) => ({ scenario, key })) }, BASELINE_KEYS),
    },
    RUN_KEYS,
  );
}

function orderProblem(problem: Problem): Problem {
  const { example } = problem;
  const finding = example.finding === undefined ? undefined : orderFinding(example.finding);
  return pick({ ...problem, scenarios: [...problem.scenarios], example: pick({ ...example, finding }, EXAMPLE_KEYS) }, PROBLEM_KEYS);
}

function orderScenario(scenario: ScenarioResult): JsonScenario {
  const passed = scenario.checks.filter(isQuietPass);
  // A stream's timeline is kept to read a failure in order; a scenario without one has no use for it.
  const keepTimelines = scenario.checks.some((check) => check.status === 'failed' || check.status === 'warning');
  return pick(
    {
      ...scenario,
      tags: [...scenario.tags],
      passedChecks: passed.map(checkName),
      unjudgedChecks: groupUnjudged(scenario.checks).map((group) => pick(group, UNJUDGED_KEYS)),
      checks: scenario.checks.filter((check) => !isQuietPass(check) && !isUnjudged(check)).map(orderCheck),
      steps: scenario.steps?.map((step) => orderStep(step, keepTimelines)),
    },
    SCENARIO_KEYS,
  );
}

/** A passed check with nothing else to say: its name is all the report needs. */
function isQuietPass(check: CheckResult): boolean {
  return check.status === 'passed' && check.findings.length === 0 && check.message === '' && check.droppedFindings === undefined;
}

/** A skipped or not-run check: its reason is all it has to say (it never has findings). */
function isUnjudged(check: CheckResult): check is CheckResult & { status: UnjudgedChecks['status'] } {
  return (check.status === 'skipped' || check.status === 'not_run') && check.findings.length === 0;
}

/** Skipped and not-run checks by status and reason, in the order each reason first appears. */
function groupUnjudged(checks: CheckResult[]): UnjudgedChecks[] {
  const groups = new Map<string, UnjudgedChecks>();
  for (const check of checks) {
    if (!isUnjudged(check)) continue;
    const key = JSON.stringify([check.status, check.message]);
    const group = groups.get(key) ?? { status: check.status, reason: check.message, checks: [] };
    group.checks.push(checkName(check));
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `http/status-ok`, or `turn-2: http/status-ok` for a step of a multi-request scenario: how report.json names a check. */
export function checkName(check: Pick<CheckResult, 'id' | 'step'>): string {
  return check.step === undefined ? check.id : `${check.step}: ${check.id}`;
}

function orderStep(step: StepRecord, keepTimeline: boolean): StepRecord {
  const response = step.response === undefined ? undefined : pick({ ...step.response, headers: { ...step.response.headers } }, RESPONSE_KEYS);
  return pick(
    {
      ...step,
      request: pick(step.request, REQUEST_KEYS),
      response,
      streaming: step.streaming === undefined ? undefined : pick(step.streaming, STREAMING_KEYS),
      timeline: keepTimeline ? step.timeline?.map((entry) => pick(entry, TIMELINE_KEYS)) : undefined,
      timelineDropped: keepTimeline ? step.timelineDropped : undefined,
    },
    STEP_KEYS,
  );
}

function orderCheck(check: CheckResult): CheckResult {
  return pick({ ...check, findings: check.findings.map(orderFinding) }, CHECK_KEYS);
}

function orderFinding(finding: Finding): Finding {
  const location = finding.location === undefined ? undefined : pick(finding.location, LOCATION_KEYS);
  return pick({ ...finding, location }, FINDING_KEYS);
}
