import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyBaseline, failuresOf, parseBaseline, serializeBaseline, type Baseline } from '../../src/baseline/index.js';
import { problemKey } from '../../src/report/problem-key.js';
import { renderJunitReport } from '../../src/report/junit.js';
import { renderJsonReport } from '../../src/report/json.js';
import type { RunResult } from '../../src/runner/result.js';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { check, failedScenario, notRunScenario, sampleRun } from '../report/fixtures.js';

const settings = { file: 'baseline.yaml', strict: false };

function baselineOf(run: RunResult): Baseline {
  const parsed = parseBaseline({ version: 1, failures: failuresOf(run) });
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('failuresOf', () => {
  it('lists each failed check problem once per scenario, with its message, and never warnings, skips or internal errors', () => {
    const run = sampleRun();
    run.scenarios.push({ ...notRunScenario, id: 'broken', status: 'error', checks: [check({ id: 'x/y', status: 'error', message: 'threw' })] });
    const failures = failuresOf(run);
    // Seven sequence findings fold to one problem; the output-text one is the other.
    expect(failures).toEqual([
      { scenario: 'stream/basic-text', key: problemKey(failedScenario.checks[0].findings[0]), message: 'sequence_number went backwards at event 4' },
      { scenario: 'stream/basic-text', key: problemKey(failedScenario.checks[1].findings[0]), message: 'output[0].content[0].text is not a string' },
    ]);
  });
});

describe('applyBaseline', () => {
  it('turns fully listed failures into expected, recounts and passes the run', () => {
    const run = sampleRun();
    const judged = applyBaseline(run, baselineOf(run), settings);
    const scenario = judged.scenarios.find((s) => s.id === 'stream/basic-text')!;
    expect(scenario.status).toBe('expected');
    expect(scenario.checks.map((c) => c.status)).toEqual(['expected', 'expected', 'warning', 'passed']);
    expect(judged.summary).toMatchObject({ failed: 0, expected: 1, checks: { failed: 0, expected: 2 } });
    expect(judged.baseline).toEqual({ file: 'baseline.yaml', expected: 2, stale: [], strict: false });
    expect(exitCodeFor(judged)).not.toBe(1);
    expect(exitCodeFor(run)).toBe(1);
  });

  it('keeps a check failed when it has a problem the baseline does not list, marking only the listed findings', () => {
    const run = sampleRun();
    const onlyOutputText: Baseline = { version: 1, failures: [{ scenario: 'stream/basic-text', key: problemKey(failedScenario.checks[1].findings[0]) }] };
    const mixed = { ...failedScenario.checks[1], findings: [{ ...failedScenario.checks[1].findings[0], message: 'a new problem', expected: 'other' }, failedScenario.checks[1].findings[0]] };
    run.scenarios[1] = { ...failedScenario, checks: [failedScenario.checks[0], mixed] };
    const judged = applyBaseline(run, onlyOutputText, settings);
    const [sequence, outputText] = judged.scenarios[1].checks;
    expect(judged.scenarios[1].status).toBe('failed');
    expect(sequence.status).toBe('failed');
    expect(outputText.status).toBe('failed');
    expect(outputText.message).toBe('a new problem (and 1 more)');
    expect(outputText.findings.map((f) => f.baselined)).toEqual([undefined, true]);
    expect(exitCodeFor(judged)).toBe(1);
  });

  it('does not apply an entry to another scenario', () => {
    const run = sampleRun();
    const elsewhere: Baseline = { version: 1, failures: baselineOf(run).failures.map((e) => ({ ...e, scenario: 'http/basic-json' })) };
    const judged = applyBaseline(run, elsewhere, settings);
    expect(judged.scenarios[1].status).toBe('failed');
    expect(judged.baseline!.stale).toHaveLength(2);
  });

  it('reports entries that no longer fail as stale, but not those of scenarios that did not run or were left out', () => {
    const run = sampleRun();
    const baseline: Baseline = {
      version: 1,
      failures: [
        { scenario: 'http/basic-json', key: 'fixed | X | | N' },
        { scenario: notRunScenario.id, key: 'unknown | X | | N' },
        { scenario: 'not-selected', key: 'unknown | X | | N' },
      ],
    };
    const judged = applyBaseline(run, baseline, settings);
    expect(judged.baseline!.stale).toEqual([{ scenario: 'http/basic-json', key: 'fixed | X | | N' }]);
    expect(judged.scenarios[1].status).toBe('failed');
    const cleanRun = { ...run, scenarios: run.scenarios.filter((s) => s.status !== 'failed') };
    expect(exitCodeFor(applyBaseline(cleanRun, baseline, settings))).toBe(3);
    expect(exitCodeFor(applyBaseline(cleanRun, baseline, { ...settings, strict: true }))).toBe(1);
    expect(exitCodeFor(applyBaseline(cleanRun, { version: 1, failures: [] }, { ...settings, strict: true }))).toBe(3);
  });

  it('shows expected checks as passing JUnit cases with a baseline property, and in report.json', () => {
    const run = sampleRun();
    const judged = applyBaseline(run, baselineOf(run), settings);
    const xml = renderJunitReport(judged);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
    expect(xml).toContain('<property name="baseline" value="expected"/>');
    expect(xml).toContain('expected failure (baseline): ');
    const json = JSON.parse(renderJsonReport(judged)) as RunResult;
    expect(json.baseline).toEqual({ file: 'baseline.yaml', expected: 2, stale: [], strict: false });
    expect(json.summary.checks.expected).toBe(2);
    expect(JSON.parse(renderJsonReport(run))).not.toHaveProperty('baseline');
  });
});

describe('serializeBaseline and parseBaseline', () => {
  const entries = [{ scenario: 'text-input', key: 'a | B | /x: y | N', message: 'line one\nline two' }];

  it('round-trips through YAML with the message as a one-line comment', () => {
    const text = serializeBaseline(entries, 'yaml');
    expect(text).toContain('  # line one\n');
    expect(parseBaseline(parse(text))).toEqual({ version: 1, failures: [{ scenario: 'text-input', key: 'a | B | /x: y | N' }] });
  });

  it('round-trips through JSON, ignoring the message on read', () => {
    const text = serializeBaseline(entries, 'json');
    expect(JSON.parse(text).failures[0].message).toBe('line one\nline two');
    expect(parseBaseline(JSON.parse(text))).toEqual({ version: 1, failures: [{ scenario: 'text-input', key: 'a | B | /x: y | N' }] });
  });

  it('names what is wrong with a bad shape', () => {
    expect(parseBaseline(null)).toMatch(/expected an object/);
    expect(parseBaseline({ version: 1 })).toMatch(/"failures" must be a list/);
    expect(parseBaseline({ version: 1, failures: ['x'] })).toMatch(/failures\[0\] must be an object/);
    expect(parseBaseline({ version: 1, failures: [{ scenario: '', key: 'k' }] })).toMatch(/failures\[0\]\.scenario/);
    expect(parseBaseline({ version: 1, failures: [{ scenario: 's', key: 'k', why: 1 }] })).toMatch(/unknown key "why"/);
  });
});
