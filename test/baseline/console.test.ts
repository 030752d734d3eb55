import { describe, expect, it } from 'vitest';
import { applyBaseline, failuresOf, type Baseline } from '../../src/baseline/index.js';
import { problemKey } from '../../src/report/problem-key.js';
import { printRun } from '../report/print-run.js';
import type { RunResult } from '../../src/runner/result.js';
import { failedScenario, sampleRun } from '../report/fixtures.js';

describe('console reporter with a baseline', () => {
  it('shows expected failures as one marked line each and the count in the summary', () => {
    const run = sampleRun();
    const baseline: Baseline = { version: 1, failures: failuresOf(run) };
    const output = printRun(applyBaseline(run, baseline, { file: 'b.yaml', strict: false }));
    expect(output).toMatch(/XFAIL +stream\/basic-text .*\(expected, baseline\)/);
    expect(output).toMatch(/stream\/sequence-number-increasing .*\[SSE-SEQ-02\].*\(expected, baseline\)/);
    expect(output).not.toContain('sequence_number went backwards at event 5');
    expect(output).toContain('2 expected');
    expect(output).toContain('Baseline b.yaml: 2 expected failures did not fail the run.');
    expect(output).not.toContain('no longer fail');
  });

  it('marks the listed findings of a check that also has a new problem, and lists stale entries', () => {
    const run = sampleRun();
    const baseline: Baseline = {
      version: 1,
      failures: [
        { scenario: 'stream/basic-text', key: problemKey(failedScenario.checks[0].findings[0]) },
        { scenario: 'http/basic-json', key: 'gone | X | | N' },
      ],
    };
    const mixedRun = { ...run, scenarios: run.scenarios.map((s) => (s.id !== 'stream/basic-text' ? s : { ...s, checks: [{ ...s.checks[0], findings: [{ ...s.checks[0].findings[0], expected: 'other', message: 'new problem' }, ...s.checks[0].findings.slice(1)] }, ...s.checks.slice(1)] })) };
    const output = printRun(applyBaseline(mixedRun, baseline, { file: 'b.yaml', strict: true }));
    expect(output).toMatch(/fail SSE-SEQ-02 \(MUST\): new problem\n/);
    expect(output).toMatch(/fail SSE-SEQ-02 \(MUST\): sequence_number went backwards at event 5 \(expected, baseline\)/);
    expect(output).toContain('1 baseline entry no longer fails (fixed: remove it from the baseline); --strict-baseline fails the run:');
    expect(output).toContain('    http/basic-json: gone | X | | N');
  });
});
