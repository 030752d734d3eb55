import type { Finding, Severity } from '../checks/types.js';

/** The outcome of one check in one scenario. */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'not_run';

/** The outcome of one scenario: the worst of its checks, or `not_run` when nothing was answered. */
export type ScenarioStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'not_run';

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
}

export interface RunTarget {
  baseUrl: string;
  model: string;
}

export interface RunSummary {
  scenarios: number;
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
  notRun: number;
  checks: { passed: number; failed: number; warning: number; skipped: number; notRun: number };
}

export interface RunResult {
  tool: { name: string; version: string };
  specVersion: string;
  target: RunTarget;
  startedAt: string;
  durationMs: number;
  strict: boolean;
  scenarios: ScenarioResult[];
  summary: RunSummary;
  /** When the target stopped answering mid-run: the last scenario it answered. */
  lastAnsweredScenario?: string;
}
