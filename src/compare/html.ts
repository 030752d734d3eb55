import { htmlPage } from '../report/html-assets.js';
import { escapeHtml as e } from '../report/html-escape.js';
import { cellText, countsText, specText, summaryText } from './cell-text.js';
import { COMPARE_CSS, COMPARE_SCRIPT } from './html-assets.js';
import type { Cell, Column, CompareMatrix, RequirementRow, ScenarioRow, SectionRows, VersionMismatch } from './matrix.js';

/**
 * compare.html: the matrix as one self-contained page, like report.html: inline style and script
 * locked by a Content-Security-Policy, nothing loaded, every string from a report escaped. A
 * cell's findings show in a popover on hover or focus; a switch hides the rows where the targets
 * agree (on from the start with `onlyDifferences`), and each requirement opens to its scenarios.
 */
export function renderCompareHtml(matrix: CompareMatrix, options: { onlyDifferences: boolean }): string {
  const rows = matrix.scenarios.length + matrix.sections.reduce((sum, section) => sum + section.rows.length, 0);
  const differing = matrix.scenarios.filter((row) => row.differs).length + matrix.sections.reduce((sum, section) => sum + section.rows.filter((row) => row.differs).length, 0);
  const title = `Open Responses conformance: ${matrix.columns.length} targets compared`;
  return htmlPage({
    title,
    css: COMPARE_CSS,
    script: COMPARE_SCRIPT,
    body: [
      '<header>',
      `<h1>${title}</h1>`,
      ...(matrix.mismatches.length > 0 ? [renderMismatches(matrix.mismatches)] : []),
      renderColumns(matrix.columns),
      '</header>',
      `<div class="filters"><label><input type="checkbox" id="only-differences"${options.onlyDifferences ? ' checked' : ''}> only rows where the targets differ (${differing} of ${rows})</label>` +
        `<span class="shown"><strong id="shown-rows">${rows}</strong> rows shown</span></div>`,
      '<h2 id="by-scenario">By scenario</h2>',
      renderScenarioTable(matrix),
      '<h2 id="by-requirement">By spec section and requirement</h2>',
      '<p class="meta">A requirement as one check tests it; a cell is the worst result over the scenarios that exercise it (\u25b8 lists them). Hover or focus a cell for its findings.</p>',
      renderRequirementTable(matrix),
    ],
  });
}

function renderMismatches(mismatches: readonly VersionMismatch[]): string {
  const items = mismatches.map((mismatch) => `<li>${e(mismatch.what)}: ${mismatch.values.map(({ column, value }) => `<strong>${e(value)}</strong> (${e(column)})`).join(', ')}</li>`);
  return (
    '<div class="callout versions" id="version-warning" role="alert"><strong>These reports were made with different versions:</strong> ' +
    'a difference between columns may come from the tool or the spec release, not from the servers.' +
    `<ul>${items.join('')}</ul></div>`
  );
}

function renderColumns(columns: readonly Column[]): string {
  const rows = columns.map(
    (column) =>
      `<tr><td>${e(column.name)}</td><td class="mono">${e(column.file)}</td><td>${e(column.model)}</td><td>${e(column.tool)}</td>` +
      `<td>${e(specText(column))}</td><td class="nowrap">${e(column.startedAt)}</td></tr>`,
  );
  return `<table class="columns"><thead><tr><th>column</th><th>report</th><th>model</th><th>tool</th><th>spec</th><th>started</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function columnHeads(columns: readonly Column[]): string {
  return columns
    .map((column) => `<th class="column">${e(column.name)}<p class="meta">${e(column.model)} · ${e(column.tool)} · spec ${e(column.specVersion)}</p></th>`)
    .join('');
}

function summaryRow(columns: readonly Column[], of: 'scenarios' | 'checks'): string {
  return `<tr class="summary"><th>${of}</th>${columns.map((column) => `<td>${e(summaryText(column, of))}</td>`).join('')}</tr>`;
}

function renderScenarioTable(matrix: CompareMatrix): string {
  const body = matrix.scenarios.map((row: ScenarioRow) => `<tr class="row${row.differs ? ' differs' : ''}" data-differs="${row.differs}"><td><code>${e(row.scenario)}</code><div class="meta">${e(row.title)}</div></td>${cells(row.cells)}</tr>`);
  return (
    `<table class="matrix" id="scenarios"><thead><tr><th>scenario</th>${columnHeads(matrix.columns)}</tr>${summaryRow(matrix.columns, 'scenarios')}</thead>` +
    `<tbody>${body.join('')}</tbody></table>`
  );
}

function renderRequirementTable(matrix: CompareMatrix): string {
  let next = 0;
  const sections = matrix.sections.map((section: SectionRows) => {
    const differs = section.rows.some((row) => row.differs);
    const head = `<tr class="section-head" data-differs="${differs}"><th colspan="${matrix.columns.length + 1}">${e(section.section)}</th></tr>`;
    return `<tbody>${head}${section.rows.map((row) => renderRequirementRow(row, `r${next++}`)).join('')}</tbody>`;
  });
  return (
    `<table class="matrix" id="requirements"><thead><tr><th>requirement · check</th>${columnHeads(matrix.columns)}</tr>${summaryRow(matrix.columns, 'checks')}</thead>` +
    `${sections.join('')}</table>`
  );
}

function renderRequirementRow(row: RequirementRow, id: string): string {
  const expand = `<button type="button" class="expand" aria-expanded="false" data-expand="${id}" title="the scenarios that exercise it">\u25b8</button>`;
  const head =
    `<tr class="row${row.differs ? ' differs' : ''}" data-differs="${row.differs}" id="${id}"><td>${expand}<code>${e(row.requirement)}</code> <code>${e(row.checkId)}</code>` +
    `<div class="meta">${e(row.title)}</div></td>${cells(row.cells)}</tr>`;
  const scenarios = row.scenarios.map(
    (scenario) => `<tr class="sub${scenario.differs ? ' differs' : ''}" data-parent="${id}" data-differs="${scenario.differs}" hidden><td><code>${e(scenario.scenario)}</code></td>${cells(scenario.cells)}</tr>`,
  );
  return head + scenarios.join('');
}

/** Status cells; one with findings or reasons opens a popover with them on hover or focus. */
function cells(row: readonly Cell[]): string {
  return row
    .map((cell, index) => {
      const last = index === row.length - 1 && row.length > 1 ? ' last' : '';
      const summary = countsText(cell);
      if (cell.notes.length === 0) return `<td class="cell ${cell.status}${last}" title="${e(summary)}">${e(cellText(cell))}</td>`;
      const tip = [summary, ...cell.notes].map(e).join('\n');
      return `<td class="cell ${cell.status}${last}" tabindex="0">${e(cellText(cell))}<div class="tip" role="tooltip">${tip}</div></td>`;
    })
    .join('');
}
