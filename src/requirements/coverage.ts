import { allChecks } from '../checks/registry.js';
import { expectationCheck } from '../checks/scenario/expectations.js';
import type { CheckMeta } from '../checks/types.js';
import { scenarioCatalogue } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/types.js';
import { loadCurlSnippets, type LoadedSpec } from '../spec/index.js';
import { isGraded, requirementRows, type RequirementRow } from './catalogue.js';
import { NOT_OBSERVABLE } from './not-observable.js';
import { PENDING } from './pending.js';

/** What tests one catalogue row. */
export interface RowCoverage {
  row: RequirementRow;
  /** Checks whose findings can name the row: as their requirement, or among `alsoRequirements`. */
  checks: string[];
  /** Scenarios that exercise the row: their `requirements`, their steps' outcome and rejection rows. */
  scenarios: string[];
  /** Why no black-box test can observe the row (stated for rows graded fail or warn). */
  notObservable?: string;
  /** Why nothing claims the row yet. */
  pending?: string;
}

export interface CoverageTotals {
  rows: number;
  /** Rows with a `fail` or `warn` part: the ones a finding can name. */
  graded: number;
  /** Rows claimed by a check or a scenario. */
  claimed: number;
  byCheck: number;
  byScenario: number;
  notObservable: number;
  pending: number;
}

/** The catalogue rows a check can name: its own, then the others its findings may give. */
export function rowsOfCheck(check: CheckMeta): string[] {
  return [check.requirement, ...(check.alsoRequirements ?? [])];
}

/** The catalogue rows a scenario exercises: its own, and those its steps' outcomes, rejections and expectations judge. */
export function rowsOfScenario(scenario: Scenario): string[] {
  const fromSteps = scenario.steps.flatMap((step) => [
    step.outcome?.requirement,
    step.rejection?.requirement,
    ...(step.expectations ?? []).map((expectation) => expectationCheck(expectation).requirement),
  ]);
  return [...(scenario.requirements ?? []), ...fromSteps].filter((id): id is string => id !== undefined);
}

/** For every row, in catalogue order, the checks and scenarios that test it, or why none do. */
export function requirementCoverage(rows: readonly RequirementRow[], checks: readonly CheckMeta[], scenarios: readonly Scenario[]): RowCoverage[] {
  const checksOf = claimants(checks, rowsOfCheck);
  const scenariosOf = claimants(scenarios, rowsOfScenario);
  return rows.map((row) => {
    const reasons = isGraded(row) ? { notObservable: NOT_OBSERVABLE[row.id], pending: PENDING[row.id] } : {};
    return {
      row,
      checks: checksOf(row.id),
      scenarios: scenariosOf(row.id),
      ...(reasons.notObservable === undefined ? {} : { notObservable: reasons.notObservable }),
      ...(reasons.pending === undefined ? {} : { pending: reasons.pending }),
    };
  });
}

/** The coverage of this version's own checks and scenarios (the snippet scenarios depend on the spec). */
export function suiteCoverage(spec: LoadedSpec): RowCoverage[] {
  return requirementCoverage(requirementRows(), allChecks(), scenarioCatalogue(spec, loadCurlSnippets()));
}

/** For a row id, the ids of the items that claim it, in the order the items come. */
function claimants<T extends { id: string }>(items: readonly T[], rowsOf: (item: T) => string[]): (row: string) => string[] {
  const byRow = new Map<string, Set<string>>();
  for (const item of items) for (const id of rowsOf(item)) byRow.set(id, (byRow.get(id) ?? new Set()).add(item.id));
  return (row) => [...(byRow.get(row) ?? [])];
}

export function coverageTotals(matrix: readonly RowCoverage[]): CoverageTotals {
  const count = (test: (entry: RowCoverage) => boolean) => matrix.filter(test).length;
  return {
    rows: matrix.length,
    graded: count((entry) => isGraded(entry.row)),
    claimed: count((entry) => entry.checks.length > 0 || entry.scenarios.length > 0),
    byCheck: count((entry) => entry.checks.length > 0),
    byScenario: count((entry) => entry.scenarios.length > 0),
    notObservable: count((entry) => entry.notObservable !== undefined),
    pending: count((entry) => entry.pending !== undefined),
  };
}
