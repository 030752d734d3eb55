import type { RunResult } from '../runner/result.js';

/**
 * Exit codes: 0 conforming, 1 a check failed, 2 usage error, 3 the target did not answer, 4 a
 * check stopped on an internal error (a bug in the tool, which must never look like a pass).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, toolError: 4 } as const;

export function exitCodeFor(run: RunResult): number {
  if (run.scenarios.some((s) => s.status === 'failed')) return EXIT.failed;
  if (run.baseline?.strict && run.baseline.stale.length > 0) return EXIT.failed;
  if (run.summary.checks.error > 0) return EXIT.toolError;
  if (run.scenarios.some((s) => s.status === 'not_run')) return EXIT.unreachable;
  return EXIT.ok;
}
