/**
 * spec/requirements.json is generated from spec/requirements.md by `npm run requirements`; both are
 * committed. These tests keep them from drifting, and check the parse against the catalogue's own
 * count of rows per verdict.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specDirectory } from '../../src/spec/load.js';

const SPEC = specDirectory();
const committedJson = readFileSync(join(SPEC, 'requirements.json'), 'utf8');
const rows = JSON.parse(committedJson) as { id: string; verdicts: { verdict: string }[] }[];

/** The "Verdict counts" table at the end of the catalogue: label → number of rows. */
function verdictCounts(markdown: string): Map<string, number> {
  const section = markdown.slice(markdown.indexOf('## Verdict counts'));
  const counts = new Map<string, number>();
  for (const match of section.matchAll(/^\| (.+?) \| \**(\d+)\** \|$/gm)) counts.set(match[1].replace(/\*\*/g, ''), Number(match[2]));
  return counts;
}

/** What our parse gives for one label of that table, e.g. "`fail` and `warn`" or "rows with at least one `none`". */
function countFor(label: string): number {
  const named = [...label.matchAll(/`(fail|warn|none)`/g)].map((match) => match[1]);
  const verdictsOf = (row: (typeof rows)[number]) => new Set(row.verdicts.map((part) => part.verdict));
  if (label === 'Total') return rows.length;
  if (label.startsWith('rows with at least one')) return rows.filter((row) => verdictsOf(row).has(named[0])).length;
  return rows.filter((row) => {
    const set = verdictsOf(row);
    return set.size === named.length && named.every((verdict) => set.has(verdict));
  }).length;
}

describe('spec/requirements.json', () => {
  it('is exactly what scripts/requirements.mjs makes of spec/requirements.md (run npm run requirements)', () => {
    const generated = execFileSync(process.execPath, [join(SPEC, '..', 'scripts', 'requirements.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(committedJson).toBe(generated);
  });

  it("has the rows the catalogue's Verdict counts table counts, under each combination of verdicts", () => {
    const counts = verdictCounts(readFileSync(join(SPEC, 'requirements.md'), 'utf8'));
    expect(counts.get('Total')).toBe(250);
    expect(counts.size).toBe(11);
    for (const [label, count] of counts) expect(countFor(label), label).toBe(count);
  });
});
