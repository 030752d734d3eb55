import { allChecks } from '../checks/registry.js';
import { ConfigurationError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { findRequirement, isGraded, requirementRows, type RequirementRow } from '../requirements/catalogue.js';
import { requirementCoverage } from '../requirements/coverage.js';
import { scenarioCatalogue } from '../scenarios/index.js';
import { loadCurlSnippets, loadSpec } from '../spec/index.js';

/** A row's Verdict cell as the catalogue writes it: `fail (added first); none (repeated deltas)`. */
function verdictText(row: RequirementRow): string {
  return row.verdicts.map((part) => (part.scope === undefined ? part.verdict : `${part.verdict} (${part.scope})`)).join('; ');
}

/** Prints one catalogue row and what tests it; an unknown id is a usage error naming the nearest ids. */
export function explainCommand(id: string, io: { stdout: NodeJS.WritableStream }): void {
  const row = findRequirement(id);
  if (row === undefined) {
    const ids = requirementRows().map((known) => known.id);
    const hint = didYouMean(id, ids) || '; run "open-responses-check list --requirements" to see them';
    throw new ConfigurationError(`unknown requirement "${id}"${hint}`);
  }
  const allScenarios = scenarioCatalogue(loadSpec(), loadCurlSnippets());
  const registry = allChecks();
  const [coverage] = requirementCoverage([row], registry, allScenarios);
  const checks = registry.filter((check) => coverage.checks.includes(check.id));
  const scenarios = allScenarios.filter((scenario) => coverage.scenarios.includes(scenario.id));
  const lines = [
    row.id,
    ...(row.strength === null ? [] : [`strength: ${row.strength}`]),
    `verdicts: ${verdictText(row)}`,
    `section:  ${row.section}`,
    ...(row.source === null ? [] : [`source:   ${row.source}`]),
    `releases: ${row.draft ? 'none (draft text only; informational)' : row.releases.join(', ')}`,
    '',
    row.text,
    '',
  ];
  if (checks.length > 0) lines.push('checks:', ...checks.map((check) => `  ${check.id.padEnd(40)} ${check.title}`));
  if (scenarios.length > 0) lines.push('scenarios:', ...scenarios.map((scenario) => `  ${scenario.id.padEnd(40)} ${scenario.title}`));
  if (coverage.notObservable !== undefined) lines.push(`not observable: ${coverage.notObservable}`);
  if (coverage.pending !== undefined) lines.push(coverage.pending);
  if (checks.length === 0 && scenarios.length === 0 && !isGraded(row)) lines.push('never a finding: the row is graded none only');
  io.stdout.write(`${lines.join('\n')}\n`);
}
