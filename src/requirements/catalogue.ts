import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specDirectory } from '../spec/load.js';

/** What a finding under a row does to the run; `none` parts are never findings. */
export type RowVerdict = 'fail' | 'warn' | 'none';

/** One part of a row's Verdict cell: `fail (added first)` is `{ verdict: 'fail', scope: 'added first' }`. */
export interface VerdictPart {
  verdict: RowVerdict;
  scope?: string;
}

/** A requirement row of the catalogue (spec/requirements.md), as `npm run requirements` writes it to spec/requirements.json. */
export interface RequirementRow {
  id: string;
  /** The row's wording: the Requirement (or Field, Item, Part…) cell, with the table's other descriptive cells. */
  text: string;
  /** The Strength cell; null in the tables that have none (b.1, d.1, d.3, e.3). */
  strength: string | null;
  verdicts: VerdictPart[];
  /** The catalogue heading, e.g. `(e) Streaming / e.4 Ordering and nesting rules`. */
  section: string;
  /** The Source cell; null in the tables that have none. */
  source: string | null;
  /** The releases the row belongs to, e.g. `["2026-01-15", "2026-04-24"]`. */
  releases: string[];
  /** True for a row in no release (draft text only): informational, never a failure. */
  draft: boolean;
}

let rows: readonly RequirementRow[] | undefined;

/** Every row with a Verdict, in catalogue order; read once per process. */
export function requirementRows(): readonly RequirementRow[] {
  rows ??= JSON.parse(readFileSync(join(specDirectory(), 'requirements.json'), 'utf8')) as RequirementRow[];
  return rows;
}

/** The row with this id, ignoring case (`http-08` finds HTTP-08). */
export function findRequirement(id: string): RequirementRow | undefined {
  const wanted = id.trim().toUpperCase();
  return requirementRows().find((row) => row.id === wanted);
}

/** True when a finding under the row can be a failure or a warning (it has a `fail` or `warn` part). */
export function isGraded(row: RequirementRow): boolean {
  return row.verdicts.some((part) => part.verdict !== 'none');
}

/** `fail+warn`, `none`: the distinct verdicts of a row, in the order the row gives them. */
export function verdictSummary(row: RequirementRow): string {
  return [...new Set(row.verdicts.map((part) => part.verdict))].join('+');
}
