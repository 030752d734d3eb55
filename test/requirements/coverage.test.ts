/**
 * Every catalogue row a finding can name (graded fail or warn) is tested by a check or a scenario,
 * or says why not: no black-box test can observe it, or it is still pending. The pending list is
 * committed and may only shrink.
 */
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/registry.js';
import { findRequirement, isGraded, requirementRows, type RequirementRow } from '../../src/requirements/catalogue.js';
import { coverageTotals, requirementCoverage, rowsOfCheck, rowsOfScenario, suiteCoverage } from '../../src/requirements/coverage.js';
import { NOT_OBSERVABLE } from '../../src/requirements/not-observable.js';
import { PENDING } from '../../src/requirements/pending.js';
import { scenarioCatalogue } from '../../src/scenarios/index.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { loadBundledSpec, loadCurlSnippets } from '../../src/spec/index.js';

/** Today's number of pending rows: lower it as rows get covered, never raise it. */
const MAX_PENDING = 10;

const spec = loadBundledSpec();
const matrix = suiteCoverage(spec);
const claimed = (id: string) => matrix.some((entry) => entry.row.id === id && (entry.checks.length > 0 || entry.scenarios.length > 0));

describe('the requirement catalogue', () => {
  it('finds a row by id in any case', () => {
    expect(findRequirement('http-08')?.id).toBe('HTTP-08');
    expect(findRequirement(' SSE-O-06 ')?.verdicts).toEqual([
      { verdict: 'fail', scope: 'added first, `.done` then `content_part.done` close the part' },
      { verdict: 'none', scope: 'repeated deltas' },
    ]);
    expect(findRequirement('HTTP-99')).toBeUndefined();
  });

  it('tags draft rows, and dates the others by release', () => {
    expect(findRequirement('REQ-PR-01')).toMatchObject({ releases: [], draft: true, strength: 'INFO (D only; SHOULD in the draft)' });
    expect(findRequirement('HTTP-15')).toMatchObject({ releases: ['2026-04-24'], draft: false });
    expect(findRequirement('EV-01')).toMatchObject({ strength: null, source: null, section: '(e) Streaming / e.3 Event catalogue' });
  });
});

describe('the rows checks and scenarios name', () => {
  it('are catalogue rows graded fail or warn', () => {
    const named = [...allChecks().flatMap(rowsOfCheck), ...scenarioCatalogue(spec, loadCurlSnippets()).flatMap(rowsOfScenario)];
    const wrong = named.filter((id) => {
      const row = findRequirement(id);
      return row === undefined || !isGraded(row) || row.id !== id;
    });
    expect(wrong).toEqual([]);
  });
});

describe('coverage', () => {
  it('credits a check with its rows and a scenario with its own rows and its steps\' rows', () => {
    const rows = ['HTTP-02', 'REQ-V-04', 'SSE-O-06', 'SSE-O-10', 'HTTP-03'].map((id) => findRequirement(id) as RequirementRow);
    const check = { id: 'stream/x', requirement: 'SSE-O-06', alsoRequirements: ['SSE-O-10'], severity: 'MUST', section: 's', title: 't' } as const;
    const step = { name: 'request', method: 'POST', path: '/responses', stream: false, requestSchema: 'CreateResponseBody', body: () => ({}) } as const;
    const scenario: Scenario = {
      id: 'sc',
      title: 't',
      tags: [],
      requirements: ['SSE-O-10'],
      steps: [
        { ...step, outcome: { requirement: 'HTTP-02', purpose: 'p', status: 'completed' } },
        { ...step, rejection: { requirement: 'REQ-V-04', what: 'w' } },
      ],
    };
    const coverage = requirementCoverage(rows, [check], [scenario]);
    expect(coverage.map(({ row, checks, scenarios }) => [row.id, checks, scenarios])).toEqual([
      ['HTTP-02', [], ['sc']],
      ['REQ-V-04', [], ['sc']],
      ['SSE-O-06', ['stream/x'], []],
      ['SSE-O-10', ['stream/x'], ['sc']],
      ['HTTP-03', [], []],
    ]);
    expect(coverageTotals(coverage)).toMatchObject({ rows: 5, graded: 4, claimed: 4, byCheck: 2, byScenario: 3 });
  });

  it('leaves no row graded fail or warn without a check, a scenario or a reason; the unreasoned ones are exactly the pending list', () => {
    const uncovered = matrix.filter((entry) => isGraded(entry.row) && entry.checks.length === 0 && entry.scenarios.length === 0);
    expect(uncovered.filter((entry) => entry.notObservable === undefined).map((entry) => entry.row.id)).toEqual(Object.keys(PENDING));
  });

  it('keeps the pending list no longer than it was', () => {
    expect(Object.keys(PENDING).length).toBeLessThanOrEqual(MAX_PENDING);
  });

  it('gives reasons only for graded rows that nothing claims, never both reasons to one row', () => {
    const reasoned = [...Object.keys(NOT_OBSERVABLE), ...Object.keys(PENDING)];
    expect(new Set(reasoned).size).toBe(reasoned.length);
    const wrong = reasoned.filter((id) => {
      const row = requirementRows().find((known) => known.id === id);
      return row === undefined || !isGraded(row) || claimed(id);
    });
    expect(wrong).toEqual([]);
  });
});
