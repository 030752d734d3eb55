import type { Finding } from '../checks/types.js';
import type { CheckResult, RunResult } from '../runner/result.js';
import { problemKey, problemWhere } from './problem-key.js';

/**
 * What a problem does to the run: `error` is a check that threw (a bug in the tool, never the
 * server's), `fail` fails the run, `warn` is reported only.
 */
export type ProblemVerdict = 'error' | 'fail' | 'warn';

/** One place a problem was met, in full, so a reader can reproduce it without the rest of the report. */
export interface ProblemExample {
  scenario: string;
  /** The step of a multi-request scenario (`turn-2`). */
  step?: string;
  /** The finding's message, or for a tool error the check's own message. */
  message: string;
  /** The finding itself; absent for a tool error, which has none. */
  finding?: Finding;
}

/** One distinct problem: every finding with the same `problemKey`, however many scenarios met it. */
export interface Problem {
  key: string;
  verdict: ProblemVerdict;
  checkId: string;
  requirement: string;
  /** The JSON path (indexes as `*`) and/or event type; empty when the finding names no place. */
  where: string;
  /** The `expected` of the first finding, when it had one. */
  expected?: string;
  /** Findings kept under this key (a tool error counts the checks that threw). */
  count: number;
  /** The scenarios it was met in, each once, in run order. */
  scenarios: string[];
  example: ProblemExample;
}

const VERDICT_RANK: Record<ProblemVerdict, number> = { error: 0, fail: 1, warn: 2 };

/**
 * The run's distinct problems, the one to fix first at the top: tool errors, then failures, then
 * warnings; within each, the problem met in most scenarios, then the most findings, then by key
 * (so the order is stable). With `strict`, warnings count as failures, as they do for the exit code.
 */
export function digestRun(run: RunResult, options: { strict?: boolean } = {}): Problem[] {
  const strict = options.strict ?? run.strict;
  const problems = new Map<string, Problem>();
  for (const scenario of run.scenarios) {
    for (const check of scenario.checks) {
      for (const met of problemsIn(check, strict)) {
        const known = problems.get(met.key);
        if (known === undefined) {
          problems.set(met.key, { ...met.problem, scenarios: [scenario.id], example: { scenario: scenario.id, ...met.example } });
          continue;
        }
        known.count += 1;
        // The same rule can be graded differently in different places; the gravest grade stands.
        if (VERDICT_RANK[met.problem.verdict] < VERDICT_RANK[known.verdict]) known.verdict = met.problem.verdict;
        if (!known.scenarios.includes(scenario.id)) known.scenarios.push(scenario.id);
      }
    }
  }
  return [...problems.values()].sort(compareProblems);
}

type Met = { key: string; problem: Omit<Problem, 'scenarios' | 'example'>; example: Omit<ProblemExample, 'scenario'> };

/** The problems one check result contributes: one per finding, or one for a check that threw. */
function problemsIn(check: CheckResult, strict: boolean): Met[] {
  const step = check.step === undefined ? {} : { step: check.step };
  if (check.status === 'error') {
    const key = `error | ${check.id}`;
    return [{ key, problem: { key, verdict: 'error', checkId: check.id, requirement: check.requirement, where: '', count: 1 }, example: { ...step, message: check.message } }];
  }
  if (check.status !== 'failed' && check.status !== 'warning') return [];
  return check.findings.map((finding) => {
    const key = problemKey(finding);
    const verdict: ProblemVerdict = finding.verdict === 'fail' || strict ? 'fail' : 'warn';
    const expected = finding.expected === undefined ? {} : { expected: finding.expected };
    return {
      key,
      problem: { key, verdict, checkId: finding.checkId, requirement: finding.requirement, where: problemWhere(finding.location), ...expected, count: 1 },
      example: { ...step, message: finding.message, finding },
    };
  });
}

function compareProblems(a: Problem, b: Problem): number {
  return (
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    b.scenarios.length - a.scenarios.length ||
    b.count - a.count ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
