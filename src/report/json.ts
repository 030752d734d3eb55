import type { Finding, Location } from '../checks/types.js';
import type { CheckResult, RunResult, RunSummary, RunTarget, ScenarioResult } from '../runner/result.js';

/**
 * The machine-readable report: the RunResult as pretty JSON. Objects are rebuilt from the key lists
 * below, so the key order is fixed (diffable between runs) and nothing outside the RunResult shape
 * leaks in. The lists must name every field: `keyOrder` makes the compiler reject one that misses a
 * field added to the types later, instead of the report silently dropping it.
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

const RUN_KEYS = keyOrder<RunResult>()([
  'tool',
  'specVersion',
  'target',
  'startedAt',
  'durationMs',
  'strict',
  'scenarios',
  'summary',
  'lastAnsweredScenario',
  'diagnosis',
]);
const TOOL_KEYS = keyOrder<RunResult['tool']>()(['name', 'version']);
const TARGET_KEYS = keyOrder<RunTarget>()(['baseUrl', 'model', 'authHeader', 'bearer', 'headers']);
const SCENARIO_KEYS = keyOrder<ScenarioResult>()(['id', 'title', 'tags', 'status', 'durationMs', 'note', 'checks', 'steps']);
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
]);
const LOCATION_KEYS = keyOrder<Location>()(['path', 'eventIndex', 'sequenceNumber', 'eventType', 'byteOffset']);
const SUMMARY_KEYS = keyOrder<RunSummary>()(['scenarios', 'passed', 'failed', 'warning', 'skipped', 'notRun', 'error', 'checks']);
const SUMMARY_CHECK_KEYS = keyOrder<RunSummary['checks']>()(['passed', 'failed', 'warning', 'skipped', 'notRun', 'error']);

/** A copy of `source` holding `keys` in that order; keys whose value is undefined are left out. */
function pick<T extends object>(source: T, keys: readonly (keyof T)[]): T {
  const copy: Partial<T> = {};
  for (const key of keys) {
    if (source[key] !== undefined) copy[key] = source[key];
  }
  // Every required key is in `keys` (keyOrder checks it) and a required value is never undefined.
  return copy as T;
}

function orderRun(run: RunResult): RunResult {
  return pick(
    {
      ...run,
      tool: pick(run.tool, TOOL_KEYS),
      target: pick(run.target, TARGET_KEYS),
      scenarios: run.scenarios.map(orderScenario),
      summary: pick({ ...run.summary, checks: pick(run.summary.checks, SUMMARY_CHECK_KEYS) }, SUMMARY_KEYS),
    },
    RUN_KEYS,
  );
}

function orderScenario(scenario: ScenarioResult): ScenarioResult {
  return pick({ ...scenario, tags: [...scenario.tags], checks: scenario.checks.map(orderCheck) }, SCENARIO_KEYS);
}

function orderCheck(check: CheckResult): CheckResult {
  return pick({ ...check, findings: check.findings.map(orderFinding) }, CHECK_KEYS);
}

function orderFinding(finding: Finding): Finding {
  const location = finding.location === undefined ? undefined : pick(finding.location, LOCATION_KEYS);
  return pick({ ...finding, location }, FINDING_KEYS);
}
