/**
 * Turning what the checks reported into results: a step's check results, a scenario's status, a
 * run's summary. Pure, and shared by live runs and offline captures (which need none of the
 * sending machinery).
 */
import { type CheckSet } from '../checks/registry.js';
import { transportChecks, transportCompressed } from '../checks/transport/problems.js';
import type { Check, CheckMeta } from '../checks/types.js';
import type { CheckOutcome } from './observe.js';
import type { CheckResult, CheckStatus, RunResult, RunSummary, RunTarget, ScenarioResult, ScenarioStatus } from './result.js';

/** Assembles a run's result, with its summary, from finished scenarios. */
export function buildRunResult(parts: {
  tool: { name: string; version: string };
  specVersion: string;
  target: RunTarget;
  /** Epoch milliseconds when the run started. */
  started: number;
  strict: boolean;
  scenarios: ScenarioResult[];
  lastAnsweredScenario?: string;
  diagnosis?: string;
}): RunResult {
  const run: RunResult = {
    tool: parts.tool,
    specVersion: parts.specVersion,
    target: parts.target,
    startedAt: new Date(parts.started).toISOString(),
    durationMs: Date.now() - parts.started,
    strict: parts.strict,
    scenarios: parts.scenarios,
    summary: summarize(parts.scenarios),
  };
  if (parts.lastAnsweredScenario) run.lastAnsweredScenario = parts.lastAnsweredScenario;
  if (parts.diagnosis) run.diagnosis = parts.diagnosis;
  return run;
}

/**
 * One result per listed check of the step, in a stable order, plus what else reported: transport
 * problems, and the body checks of a stream request that was refused with a JSON error.
 */
export function collectResults(stepChecks: Check[], checkSet: CheckSet, outcomes: Map<string, CheckOutcome>, strict: boolean, step?: string): CheckResult[] {
  const fired = transportChecks.filter((c) => outcomes.has(c.id));
  const listed = new Set(stepChecks.map((c) => c.id));
  const unlisted = [...checkSet.http, ...checkSet.body, ...checkSet.stream, ...(checkSet.envelope ?? []), ...checkSet.response].filter((c) => !listed.has(c.id) && outcomes.has(c.id));
  const broken = fired.some((c) => c !== transportCompressed);
  return [...fired, ...stepChecks, ...unlisted].map((check) => {
    const outcome = outcomes.get(check.id);
    if (outcome === undefined) {
      return skippedResult(check, 'not_run', broken ? 'not run: the exchange broke off before this check could see its data' : 'not run: the answer did not contain what this check inspects', step);
    }
    if ('status' in outcome) return skippedResult(check, outcome.status, outcome.message, step);
    if (outcome.findings.internalError !== undefined) {
      return skippedResult(check, 'error', `${INTERNAL_ERROR_PREFIX} (${outcome.findings.internalError}); this is a bug in open-responses-check, not in the server: please report it`, step);
    }
    const findings = outcome.findings.items;
    const status: CheckStatus = findings.some((f) => f.verdict === 'fail' || strict)
      ? 'failed'
      : findings.length > 0
        ? 'warning'
        : 'passed';
    const dropped = outcome.findings.dropped;
    const more = dropped + findings.length - 1;
    const message = findings.length === 0 ? '' : `${findings[0].message}${more > 0 ? ` (and ${more} more)` : ''}`;
    return { ...meta(check), ...(step ? { step } : {}), status, message, findings, ...(dropped > 0 ? { droppedFindings: dropped } : {}) };
  });
}

export function meta(check: CheckMeta): Pick<CheckResult, 'id' | 'requirement' | 'severity' | 'section' | 'title'> {
  return { id: check.id, requirement: check.requirement, severity: check.severity, section: check.section, title: check.title };
}

/** How the message of a check that threw begins; the check could not judge the server. */
export const INTERNAL_ERROR_PREFIX = 'not judged: the check stopped on an internal error';

export function skippedResult(check: CheckMeta, status: 'skipped' | 'not_run' | 'error', message: string, step?: string): CheckResult {
  return { ...meta(check), ...(step ? { step } : {}), status, message, findings: [] };
}

export function scenarioStatus(checks: CheckResult[]): ScenarioStatus {
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  if (checks.some((c) => c.status === 'error')) return 'error';
  if (checks.some((c) => c.status === 'expected')) return 'expected';
  if (checks.some((c) => c.status === 'warning')) return 'warning';
  if (checks.some((c) => c.status === 'passed')) return 'passed';
  if (checks.some((c) => c.status === 'not_run')) return 'not_run';
  return 'skipped';
}

/** Counts scenarios and checks by status; `expected` appears only when some are. */
export function summarize(scenarios: ScenarioResult[]): RunSummary {
  const summary: RunSummary = {
    scenarios: scenarios.length,
    passed: 0,
    failed: 0,
    warning: 0,
    skipped: 0,
    notRun: 0,
    error: 0,
    checks: { passed: 0, failed: 0, warning: 0, skipped: 0, notRun: 0, error: 0 },
  };
  const key = (status: CheckStatus) => (status === 'not_run' ? 'notRun' : status);
  for (const scenario of scenarios) {
    summary[key(scenario.status)] = (summary[key(scenario.status)] ?? 0) + 1;
    for (const check of scenario.checks) summary.checks[key(check.status)] = (summary.checks[key(check.status)] ?? 0) + 1;
  }
  return summary;
}

/** Characters of one string of a request body a report keeps (a costly scenario sends millions). */
const RECORDED_STRING_CHARS = 1_000;

/** The body as a report keeps it: long strings cut, and `bodyCut` set when one was, since it then reproduces nothing. */
export function recordedBody(body: Record<string, unknown>): { body: Record<string, unknown>; bodyCut?: true } {
  let cut = false;
  const keep = (value: unknown): unknown => {
    if (typeof value === 'string' && value.length > RECORDED_STRING_CHARS) {
      cut = true;
      return `${value.slice(0, RECORDED_STRING_CHARS)}… (${value.length.toLocaleString('en-US')} characters, cut in this report)`;
    }
    if (Array.isArray(value)) return value.map(keep);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, keep(v)]));
    return value;
  };
  const kept = keep(body) as Record<string, unknown>;
  return cut ? { body: kept, bodyCut: true } : { body };
}
