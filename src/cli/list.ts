import { checksForStep } from '../checks/registry.js';
import { transportChecks } from '../checks/transport/problems.js';
import type { CheckMeta } from '../checks/types.js';
import { verdictSummary } from '../requirements/catalogue.js';
import { coverageTotals, suiteCoverage, type RowCoverage } from '../requirements/coverage.js';
import { loadScenarioFiles } from '../scenarios/file.js';
import { scenarioCatalogue } from '../scenarios/index.js';
import { loadCurlSnippets, loadSpec } from '../spec/index.js';

interface ListFlags {
  json?: boolean;
  specVersion?: string;
  spec?: string;
  /** Print the requirement coverage matrix instead of the scenarios. */
  requirements?: boolean;
  /** `--scenarios`: files of the user's own scenarios, listed after the built-in ones. */
  scenarios?: string[];
}

interface ListedCheck {
  id: string;
  requirement: string;
  severity: string;
  section: string;
  title: string;
}

interface ListedScenario {
  id: string;
  title: string;
  tags: string[];
  steps: { name: string; stream: boolean; checks: ListedCheck[] }[];
}

/** Prints the scenarios and their checks (what a run would do), without sending anything. */
export function listCommand(flags: ListFlags, io: { stdout: NodeJS.WritableStream }): void {
  const spec = loadSpec({ specFile: flags.spec, specVersion: flags.specVersion });
  if (flags.requirements) {
    listRequirements(suiteCoverage(spec), flags, io);
    return;
  }
  const scenarios: ListedScenario[] = scenarioCatalogue(spec, loadCurlSnippets(), loadScenarioFiles(flags.scenarios ?? [], spec)).map((scenario) => ({
    id: scenario.id,
    title: scenario.title,
    tags: scenario.tags,
    steps: scenario.steps.map((step) => ({ name: step.name, stream: step.stream, checks: checksForStep(step).map(listed) })),
  }));
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ specVersion: spec.version, scenarios, transportChecks: transportChecks.map(listed) }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [`spec ${spec.version}`, ''];
  for (const scenario of scenarios) {
    lines.push(`${scenario.id}  [${scenario.tags.join(', ')}]`, `  ${scenario.title}`);
    for (const step of scenario.steps) {
      if (scenario.steps.length > 1) lines.push(`  ${step.name}${step.stream ? ' (stream)' : ''}`);
      for (const check of step.checks) lines.push(checkLine(check));
    }
    lines.push('');
  }
  lines.push('reported by every scenario when they occur:');
  for (const check of transportChecks) lines.push(checkLine(check));
  io.stdout.write(`${lines.join('\n')}\n`);
}

function checkLine(check: ListedCheck): string {
  return `    ${check.id.padEnd(40)} ${check.requirement.padEnd(12)} ${check.severity.padEnd(11)} ${check.title}`;
}

function listed(check: CheckMeta): ListedCheck {
  return { id: check.id, requirement: check.requirement, severity: check.severity, section: check.section, title: check.title };
}

/** The coverage matrix: each catalogue row with the checks and scenarios that test it, or why none do; then the totals. */
function listRequirements(matrix: readonly RowCoverage[], flags: ListFlags, io: { stdout: NodeJS.WritableStream }): void {
  const totals = coverageTotals(matrix);
  if (flags.json) {
    const rows = matrix.map(({ row, ...coverage }) => ({ id: row.id, verdicts: row.verdicts, ...coverage }));
    io.stdout.write(`${JSON.stringify({ rows, totals }, null, 2)}\n`);
    return;
  }
  const lines = matrix.map(({ row, checks, scenarios, notObservable, pending }) => {
    const claims = [...(checks.length > 0 ? [`checks: ${checks.join(', ')}`] : []), ...(scenarios.length > 0 ? [`scenarios: ${scenarios.join(', ')}`] : [])];
    const why = notObservable !== undefined ? `not observable: ${notObservable}` : (pending ?? 'never a finding');
    return `${row.id.padEnd(12)} ${verdictSummary(row).padEnd(15)} ${claims.length > 0 ? claims.join('; ') : why}`;
  });
  lines.push(
    '',
    `totals: ${totals.claimed} claimed by a check or scenario / ${totals.graded} with fail or warn / ${totals.rows} rows` +
      ` (${totals.byCheck} by a check, ${totals.byScenario} by a scenario; ${totals.notObservable} not observable, ${totals.pending} pending)`,
  );
  io.stdout.write(`${lines.join('\n')}\n`);
}
