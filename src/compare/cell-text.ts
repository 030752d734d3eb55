import { STATUS_LABELS } from '../report/html-scenario.js';
import type { CheckStatus } from '../runner/result.js';
import { shortHash, type Cell, type CellStatus, type Column } from './matrix.js';

export const CELL_LABELS: Record<CellStatus, string> = { ...STATUS_LABELS, expected: 'expected', absent: 'absent' };

/** `failed 3/40`: the cell's status, and how many of its results have it when they are several. */
export function cellText(cell: Cell): string {
  const total = Object.values(cell.counts).reduce((sum, count) => sum + count, 0);
  const label = CELL_LABELS[cell.status];
  return total > 1 && cell.status !== 'absent' ? `${label} ${cell.counts[cell.status as CheckStatus] ?? 0}/${total}` : label;
}

/** `passed 40, skipped 7`, or why the cell is empty. */
export function countsText(cell: Cell): string {
  if (cell.status === 'absent') return 'not in this report';
  return Object.entries(cell.counts)
    .map(([status, count]) => `${CELL_LABELS[status as CheckStatus]} ${count}`)
    .join(', ');
}

/** A column's scenario counts, or its check counts: `57 passed · 16 failed · …`. */
export function summaryText(column: Column, of: 'scenarios' | 'checks'): string {
  const counts = of === 'scenarios' ? column.summary : column.summary.checks;
  const parts: [string, number | undefined][] = [
    ['passed', counts.passed],
    ['failed', counts.failed],
    ['warning', counts.warning],
    ['skipped', counts.skipped],
    ['not run', counts.notRun],
    ['error', counts.error],
    ['expected', counts.expected],
  ];
  return parts
    .filter(([name, count]) => (count ?? 0) > 0 || name === 'passed' || name === 'failed')
    .map(([name, count]) => `${count ?? 0} ${name}`)
    .join(' · ');
}

/** `2026-04-24 · sha256 0123456789ab…`: the release, and the start of its document's hash when the report has it. */
export function specText(column: Column): string {
  return column.specSha256 === undefined ? column.specVersion : `${column.specVersion} · sha256 ${shortHash(column.specSha256)}`;
}
