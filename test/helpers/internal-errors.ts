/**
 * A check that throws is caught by the session (`FindingList.internalError`) and reported as not
 * judged, so a harness that only collects findings never sees it. These helpers let every harness
 * assert that no check threw, in whichever form its results come.
 */
import { expect } from 'vitest';

/** The one place that knows how a check result says "the check threw": the status `error`. */
export function isInternalErrorResult(result: { status: string; message: string }): boolean {
  return result.status === 'error';
}

/** A check's findings as a session gathers them, or the runner's reason it has none. */
type GatheredOutcome = { internalError?: string | undefined } | { findings: { internalError?: string | undefined } } | { status: string; message: string };

function thrownMessage(outcome: GatheredOutcome): string | undefined {
  if ('findings' in outcome) return outcome.findings.internalError;
  if ('status' in outcome) return isInternalErrorResult(outcome) ? outcome.message : undefined;
  return outcome.internalError;
}

/**
 * `check id: message` for every check that threw, from a session's findings by check id
 * (`StreamCheckSession.end`, `runChecks`) or an exchange's outcomes (`runExchange`).
 */
export function internalErrorsByCheck(gathered: Iterable<readonly [string, GatheredOutcome]>): string[] {
  return [...gathered].flatMap(([id, outcome]) => {
    const message = thrownMessage(outcome);
    return message === undefined ? [] : [`${id}: ${message}`];
  });
}

/** `check id: message` for every result of a run (a report's scenarios) whose check threw. */
export function internalErrorsInResults(results: readonly { id: string; status: string; message: string }[]): string[] {
  return results.filter(isInternalErrorResult).map((result) => `${result.id}: ${result.message}`);
}

/** Fails, naming each check and its exception, when any check threw. */
export function expectNoInternalError(errors: readonly string[], where = ''): void {
  expect(errors, `a check threw${where ? ` (${where})` : ''}: ${errors.join('; ')}`).toEqual([]);
}
