import type { Finding } from '../checks/types.js';
import type { RunResult } from '../runner/result.js';
import { problemKey, problemWhere } from './problem-key.js';

/** One distinct problem of a run: findings with the same problem key, wherever they were met. */
export interface HtmlProblem {
  key: string;
  /** The first finding met, standing for the others. */
  example: Finding;
  /** `fail` when any occurrence failed the run. */
  verdict: Finding['verdict'];
  occurrences: number;
  /** Indexes into `run.scenarios` of the scenarios it was met in, in run order. */
  scenarioIndexes: number[];
  /** Where, with item indexes folded (`response.completed /output/*`); empty when unknown. */
  where: string;
}

/**
 * The HTML report's own grouping of findings by `problemKey`, failures first, then the most
 * frequent. Stand-in until the shared digest lands: html.ts calls it from a single place.
 */
export function htmlDigest(run: RunResult): HtmlProblem[] {
  const problems = new Map<string, HtmlProblem>();
  run.scenarios.forEach((scenario, scenarioIndex) => {
    for (const finding of scenario.checks.flatMap((check) => check.findings)) {
      const key = problemKey(finding);
      const problem = problems.get(key);
      if (problem === undefined) {
        problems.set(key, { key, example: finding, verdict: finding.verdict, occurrences: 1, scenarioIndexes: [scenarioIndex], where: problemWhere(finding.location) });
        continue;
      }
      problem.occurrences += 1;
      if (finding.verdict === 'fail') problem.verdict = 'fail';
      if (!problem.scenarioIndexes.includes(scenarioIndex)) problem.scenarioIndexes.push(scenarioIndex);
    }
  });
  const rank = (problem: HtmlProblem): number => (problem.verdict === 'fail' ? 0 : 1);
  return [...problems.values()].sort((a, b) => rank(a) - rank(b) || b.occurrences - a.occurrences);
}
