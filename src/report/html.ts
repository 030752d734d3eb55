import type { CheckStatus, RunResult } from '../runner/result.js';
import { htmlPage, REPORT_CSS, REPORT_SCRIPT } from './html-assets.js';
import { digestRun, type Problem, type ProblemVerdict } from './digest.js';

/** The badge a problem of each verdict shows. */
const PROBLEM_STATUS: Record<ProblemVerdict, CheckStatus> = { error: 'error', fail: 'failed', warn: 'warning' };
import { escapeHtml as e } from './html-escape.js';
import { renderScenarioCard, scenarioAnchor, STATUS_LABELS, statusBadge } from './html-scenario.js';

/** The order statuses are listed and filtered in: what needs reading first. */
const STATUS_ORDER: readonly CheckStatus[] = ['failed', 'warning', 'passed', 'skipped', 'not_run', 'error', 'expected'];

/**
 * report.html: one self-contained page for a person to read. The distinct problems first, then
 * pass/fail by spec section and by scenario with status filters, then each scenario's evidence.
 * It loads nothing (inline style and script, locked by its Content-Security-Policy), and every
 * string from the RunResult goes through escapeHtml.
 */
export function renderHtmlReport(run: RunResult): string {
  const problems = digestRun(run);
  const title = `Open Responses conformance: ${run.target.baseUrl}`;
  return htmlPage({
    title: e(title),
    css: REPORT_CSS,
    script: REPORT_SCRIPT,
    body: [
      renderHeader(run),
      renderDigest(run, problems),
      renderSections(run),
      renderScenarioOverview(run),
      '<h2>Scenario details</h2>',
      ...run.scenarios.map((scenario, index) => renderScenarioCard(scenario, index)),
    ],
  });
}

function renderHeader(run: RunResult): string {
  const { summary } = run;
  const meta = [
    ['target', run.target.baseUrl],
    ['model', run.target.model],
    ['spec', run.specVersion],
    ['started', run.startedAt],
    ['took', `${(run.durationMs / 1000).toFixed(2)} s`],
    ['tool', `${run.tool.name} ${run.tool.version}`],
    ...(run.strict ? [['mode', 'strict (warnings fail)']] : []),
  ];
  const scenarioCounts: [CheckStatus, number][] = [
    ['failed', summary.failed],
    ['warning', summary.warning],
    ['passed', summary.passed],
    ['skipped', summary.skipped],
    ['not_run', summary.notRun],
    ['error', summary.error],
    ['expected', summary.expected ?? 0],
  ];
  const totals = scenarioCounts
    .filter(([status, count]) => count > 0 || status === 'failed' || status === 'passed')
    .map(([status, count]) => `<div class="total"><strong>${count}</strong>${statusBadge(status)}</div>`);
  const checks = summary.checks;
  const parts = [
    '<header>',
    '<h1>Open Responses conformance report</h1>',
    `<p class="meta">${meta.map(([name, value]) => `<span>${name}: <strong>${e(value)}</strong></span>`).join('')}</p>`,
    `<div class="totals"><div class="total"><strong>${summary.scenarios}</strong>scenarios</div>${totals.join('')}</div>`,
    `<p class="meta">${checks.passed + checks.failed + checks.warning + checks.skipped + checks.notRun + checks.error} checks: ` +
      `${checks.failed} failed, ${checks.warning} warning, ${checks.passed} passed, ${checks.skipped} skipped, ${checks.notRun} not run, ${checks.error} error</p>`,
  ];
  if (run.diagnosis !== undefined) parts.push(`<p class="callout">${e(run.diagnosis)}</p>`);
  if (run.lastAnsweredScenario !== undefined) {
    parts.push(`<p class="callout note">The target stopped answering; the last scenario it answered was <code>${e(run.lastAnsweredScenario)}</code>.</p>`);
  }
  parts.push('</header>');
  return parts.join('\n');
}

function renderDigest(run: RunResult, problems: Problem[]): string {
  const heading = `<h2 id="digest">Distinct problems (${problems.length})</h2>`;
  if (problems.length === 0) return `<section class="digest">${heading}<p>No problems found.</p></section>`;
  const rows = problems.map((problem) => {
    const scenarios = problem.scenarios
      .map((id) => `<a href="#${scenarioAnchor(run.scenarios.findIndex((s) => s.id === id))}">${e(id)}</a>`)
      .join(', ');
    const expected = problem.expected === undefined ? '' : `<div class="meta">expected: ${e(problem.expected)}</div>`;
    return (
      `<tr><td>${statusBadge(PROBLEM_STATUS[problem.verdict])}</td>` +
      `<td><code>${e(problem.checkId)}</code><div class="meta">${e(problem.requirement)}</div></td>` +
      `<td>${e(problem.example.message)}${expected}</td><td class="mono">${e(problem.where)}</td>` +
      `<td class="num">${problem.count}</td><td>${scenarios}</td></tr>`
    );
  });
  return (
    `<section class="digest">${heading}<table><thead><tr><th></th><th>check</th><th>problem</th><th>where</th>` +
    `<th class="num">seen</th><th>scenarios</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** Check outcomes counted by the spec section each check's rule comes from. */
function renderSections(run: RunResult): string {
  const counts = new Map<string, Record<CheckStatus, number>>();
  for (const check of run.scenarios.flatMap((scenario) => scenario.checks)) {
    const row = counts.get(check.section) ?? { failed: 0, warning: 0, passed: 0, skipped: 0, not_run: 0, error: 0, expected: 0 };
    row[check.status] += 1;
    counts.set(check.section, row);
  }
  // Sections with failures first, then with warnings, then by name.
  const rows = [...counts.entries()]
    .sort(([a, x], [b, y]) => y.failed + y.error - (x.failed + x.error) || y.warning - x.warning || a.localeCompare(b))
    .map(([section, row]) => `<tr><td>${e(section)}</td>${STATUS_ORDER.map((status) => countCell(status, row[status])).join('')}</tr>`);
  const head = STATUS_ORDER.map((status) => `<th class="num">${STATUS_LABELS[status]}</th>`).join('');
  return `<section class="sections"><h2 id="sections">By spec section</h2><table><thead><tr><th>section</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function renderScenarioOverview(run: RunResult): string {
  const filters = STATUS_ORDER.map((status) => {
    const count = run.scenarios.filter((scenario) => scenario.status === status).length;
    return `<label><input type="checkbox" data-filter="${status}" checked> ${statusBadge(status)} ${count}</label>`;
  });
  const rows = run.scenarios.map((scenario, index) => {
    const checkCounts = STATUS_ORDER.map((status) => countCell(status, scenario.checks.filter((check) => check.status === status).length));
    return (
      `<tr data-status="${scenario.status}"><td>${statusBadge(scenario.status)}</td>` +
      `<td class="nowrap"><a class="mono" href="#${scenarioAnchor(index)}">${e(scenario.id)}</a></td><td>${e(scenario.title)}</td>` +
      `${checkCounts.join('')}<td class="num nowrap">${scenario.durationMs} ms</td></tr>`
    );
  });
  const head = STATUS_ORDER.map((status) => `<th class="num">${STATUS_LABELS[status]}</th>`).join('');
  return (
    '<section class="overview"><h2 id="scenarios">By scenario</h2>' +
    `<div class="filters" role="group" aria-label="Show scenarios by status"><strong>Show:</strong>${filters.join('')}` +
    `<span class="shown"><strong id="shown-count">${run.scenarios.length}</strong> of ${run.scenarios.length} shown</span></div>` +
    `<table><thead><tr><th>status</th><th>scenario</th><th>title</th>${head}<th class="num">time</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></section>`
  );
}

function countCell(status: CheckStatus, count: number): string {
  return `<td class="num ${count === 0 ? 'zero' : `count-${status}`}">${count}</td>`;
}
