import { cell as md } from '../report/markdown.js';
import { cellText, specText, summaryText } from './cell-text.js';
import type { Cell, CompareMatrix, RequirementRow } from './matrix.js';

/** Cells whose notes are findings (the others' are reasons for skipping). */
const PROBLEMS: ReadonlySet<Cell['status']> = new Set(['failed', 'warning', 'error', 'expected']);

/** Findings listed under the tables; compare.html shows every cell's. */
const MAX_FINDING_LINES = 60;

const CELL_MARKS: Record<Cell['status'], string> = {
  failed: '✖',
  warning: '⚠',
  passed: '✔',
  skipped: '○',
  not_run: '–',
  error: '!',
  expected: '✔',
  absent: '·',
};

export interface CompareMarkdownOptions {
  /** Only the rows where the targets differ. */
  onlyDifferences: boolean;
}

/**
 * compare.md: the matrix as Markdown tables for a CI job summary or a pull-request comment: the
 * version warning first, then the columns, the scenarios, the requirements by section, and the
 * findings of the rows where the targets differ. Report text is made inert as in summary.md.
 */
export function renderCompareMarkdown(matrix: CompareMatrix, options: CompareMarkdownOptions): string {
  const { columns } = matrix;
  const lines = [`## open-responses-check compare: ${columns.length} targets`, ''];
  if (matrix.mismatches.length > 0) {
    lines.push('> **⚠ These reports were made with different versions**: a difference between columns may come from the tool or the spec release, not from the servers.');
    for (const mismatch of matrix.mismatches) lines.push(`> - ${mismatch.what}: ${mismatch.values.map(({ column, value }) => `**${md(value)}** (${md(column)})`).join(', ')}`);
    lines.push('');
  }
  lines.push('| Column | Report | Model | Tool | Spec |', '| --- | --- | --- | --- | --- |');
  for (const column of columns) lines.push(`| ${md(column.name)} | ${md(column.file)} | ${md(column.model)} | ${md(column.tool)} | ${md(specText(column))} |`);
  lines.push('');
  const head = (first: string) => [`| ${first} | ${columns.map((column) => md(column.name)).join(' | ')} |`, `| --- |${' --- |'.repeat(columns.length)}`];
  const keep = <T extends { differs: boolean }>(rows: readonly T[]) => rows.filter((row) => !options.onlyDifferences || row.differs);
  const only = options.onlyDifferences ? ' (only where the targets differ)' : '';

  lines.push(`### By scenario${only}`, '', ...head('Scenario'), `| *scenarios* | ${columns.map((column) => summaryText(column, 'scenarios')).join(' | ')} |`);
  for (const row of keep(matrix.scenarios)) lines.push(`| ${md(row.scenario)} | ${cells(row.cells)} |`);
  lines.push('');

  lines.push(`### By spec section and requirement${only}`, '', ...head('Requirement · check'), `| *checks* | ${columns.map((column) => summaryText(column, 'checks')).join(' | ')} |`);
  for (const section of matrix.sections) {
    const rows = keep(section.rows);
    if (rows.length === 0) continue;
    lines.push(`| **${md(section.section)}** |${' |'.repeat(columns.length)}`);
    for (const row of rows) lines.push(`| ${md(row.requirement)} ${md(row.checkId)}<br>${md(row.title)} | ${cells(row.cells)} |`);
  }
  lines.push('');
  lines.push(...differenceFindings(matrix), '');
  return lines.join('\n');
}

function cells(row: readonly Cell[]): string {
  return row.map((cell) => `${CELL_MARKS[cell.status]} ${cellText(cell)}`).join(' | ');
}

/** What each column found where the targets differ: the notes a reader of compare.html would hover. */
function differenceFindings(matrix: CompareMatrix): string[] {
  const differing: RequirementRow[] = matrix.sections.flatMap((section) => section.rows.filter((row) => row.differs));
  const items = differing.flatMap((row) =>
    row.cells.flatMap((cell, index) =>
      PROBLEMS.has(cell.status) ? cell.notes.map((note) => `- **${md(row.requirement)} ${md(row.checkId)}** · ${md(matrix.columns[index].name)}: ${md(note)}`) : [],
    ),
  );
  if (items.length === 0) return ['No requirement differs between the targets.'];
  const shown = items.slice(0, MAX_FINDING_LINES);
  return [
    '### Where the targets differ',
    '',
    ...shown,
    ...(items.length > shown.length ? ['', `… and ${items.length - shown.length} more (compare.html shows every cell's findings)`] : []),
  ];
}
