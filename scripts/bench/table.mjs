// The figures as a plain-text table: what was measured, its value, the spread of the runs, and
// the target with PASS or MISS (n/a where the checkout cannot be measured that way).

const UNITS = {
  ms: (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : Math.abs(v) < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`),
  MB: (v) => `${v.toFixed(0)} MB`,
  'events/s': (v) => `${Math.round(v).toLocaleString('en-US')} events/s`,
  '×': (v) => `${v.toFixed(2)}×`,
};

export function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return UNITS[unit](value);
}

function spreadText({ spread, unit }) {
  if (!spread || spread.n < 2) return spread ? `1 run` : '';
  return `median of ${spread.n}, ${formatValue(spread.min, unit)}–${formatValue(spread.max, unit)}`;
}

export function renderTable(figures) {
  const rows = figures.map((f) => [f.name, formatValue(f.value, f.unit), [spreadText(f), f.note].filter(Boolean).join('; '), f.target ?? '', f.verdict ?? '']);
  const header = ['figure', 'value', 'runs', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
