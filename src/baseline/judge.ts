import { scenarioStatus, summarize } from '../runner/results.js';
import type { BaselineEntry, CheckResult, RunResult, ScenarioResult } from '../runner/result.js';
import { entryId, failureKeys, type Baseline } from './entries.js';

export interface BaselineSettings {
  /** The baseline file as given, named in the reports. */
  file: string;
  /** `--strict-baseline`: an entry that no longer fails fails the run. */
  strict: boolean;
}

/**
 * Judges one scenario against a baseline. A failed check whose problems the baseline all lists
 * becomes `expected`; a failed check with some new problem stays failed, its listed findings
 * marked `baselined`. Nothing else changes: warnings, skips and internal errors are as they were.
 */
export function judgeScenario(scenario: ScenarioResult, baseline: Baseline): ScenarioResult {
  const listed = listedKeys(baseline, scenario.id);
  if (listed.size === 0) return scenario;
  const checks = scenario.checks.map((check) => judgeCheck(check, listed));
  return { ...scenario, checks, status: scenarioStatus(checks) };
}

/**
 * The run as the baseline judges it: listed failures `expected`, the summary recounted, and the
 * entries that no longer fail (in scenarios that ran) reported as stale.
 */
export function applyBaseline(run: RunResult, baseline: Baseline, settings: BaselineSettings): RunResult {
  const scenarios = run.scenarios.map((scenario) => judgeScenario(scenario, baseline));
  const met = new Set<string>();
  let expected = 0;
  for (const scenario of run.scenarios) {
    for (const check of scenario.checks) {
      if (check.status === 'failed') for (const key of failureKeys(check)) met.add(entryId({ scenario: scenario.id, key }));
    }
  }
  for (const scenario of scenarios) expected += scenario.checks.filter((check) => check.status === 'expected').length;
  // A scenario that was left out or did not run says nothing about whether its failures are fixed.
  const judged = new Set(run.scenarios.filter((s) => s.status !== 'not_run' && s.status !== 'skipped').map((s) => s.id));
  const stale: BaselineEntry[] = baseline.failures.filter((entry) => judged.has(entry.scenario) && !met.has(entryId(entry)));
  return { ...run, scenarios, summary: summarize(scenarios), baseline: { file: settings.file, expected, stale, strict: settings.strict } };
}

function judgeCheck(check: CheckResult, listed: ReadonlySet<string>): CheckResult {
  if (check.status !== 'failed') return check;
  const keys = failureKeys(check);
  if (keys.every((key) => listed.has(key))) return { ...check, status: 'expected' };
  if (!keys.some((key) => listed.has(key))) return check;
  const findings = check.findings.map((finding, i) => (listed.has(keys[i]) ? { ...finding, baselined: true as const } : finding));
  // The check's line names a new problem first, not one the baseline expects.
  const fresh = findings.filter((finding) => finding.baselined === undefined);
  const others = check.findings.length + (check.droppedFindings ?? 0) - 1;
  const message = `${fresh[0].message}${others > 0 ? ` (and ${others} more)` : ''}`;
  return { ...check, findings, message };
}

function listedKeys(baseline: Baseline, scenario: string): Set<string> {
  return new Set(baseline.failures.filter((entry) => entry.scenario === scenario).map((entry) => entry.key));
}
