import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { digestRun } from '../../src/report/digest.js';
import type { RunResult, ScenarioResult } from '../../src/runner/result.js';
import { check, sampleRun } from './fixtures.js';

/** The same missing field, met at a different output index with a different value each time. */
function missingMetadata(index: number): Finding {
  return {
    checkId: 'response/schema',
    requirement: 'RES-02',
    verdict: 'fail',
    message: `/output/${index}/metadata must be an object, got ${index}`,
    expected: 'an object',
    actual: String(index),
    location: { path: `/output/${index}/metadata` },
  };
}

function scenarioWith(id: string, findings: Finding[], status: ScenarioResult['status'] = 'failed'): ScenarioResult {
  const checkStatus = findings.some((f) => f.verdict === 'fail') ? 'failed' : findings.length > 0 ? 'warning' : 'passed';
  return {
    id,
    title: id,
    tags: [],
    status,
    durationMs: 1,
    checks: [check({ id: findings[0]?.checkId ?? 'x/passing', requirement: findings[0]?.requirement, status: checkStatus, findings }), check({ id: 'http/status-ok', status: 'passed' })],
  };
}

function runOf(scenarios: ScenarioResult[], strict = false): RunResult {
  return { ...sampleRun(), strict, scenarios, lastAnsweredScenario: undefined };
}

const warnFinding: Finding = { checkId: 'stream/done-sentinel', requirement: 'SSE-END-01', verdict: 'warn', message: 'no [DONE]', location: { eventIndex: 9 } };

describe('digestRun', () => {
  it('makes one problem with count 16 of the same missing field met in 16 scenarios', () => {
    const scenarios = Array.from({ length: 16 }, (_, i) => scenarioWith(`scenario-${i}`, [missingMetadata(i)]));
    const digest = digestRun(runOf(scenarios));
    expect(digest).toHaveLength(1);
    expect(digest[0]).toMatchObject({
      key: 'response/schema | RES-02 | /output/*/metadata | an object',
      verdict: 'fail',
      checkId: 'response/schema',
      requirement: 'RES-02',
      where: '/output/*/metadata',
      expected: 'an object',
      count: 16,
    });
    expect(digest[0].scenarios).toEqual(scenarios.map((s) => s.id));
    expect(digest[0].example).toEqual({ scenario: 'scenario-0', message: missingMetadata(0).message, finding: missingMetadata(0) });
  });

  it('counts every finding but names each scenario once', () => {
    const digest = digestRun(runOf([scenarioWith('a', [missingMetadata(0), missingMetadata(1)]), scenarioWith('b', [missingMetadata(3)])]));
    expect(digest).toHaveLength(1);
    expect(digest[0].count).toBe(3);
    expect(digest[0].scenarios).toEqual(['a', 'b']);
  });

  it('keeps different problems apart', () => {
    const other: Finding = { ...missingMetadata(0), expected: 'a string' };
    const digest = digestRun(runOf([scenarioWith('a', [missingMetadata(0), other])]));
    expect(digest.map((p) => p.expected)).toEqual(['a string', 'an object']);
  });

  it('orders tool errors, then failures, then warnings; then by scenarios hit, findings, key', () => {
    const errored: ScenarioResult = {
      ...scenarioWith('e', []),
      status: 'error',
      checks: [check({ id: 'stream/boom', step: 'turn-2', status: 'error', message: 'not judged: the check stopped on an internal error' })],
    };
    const wide = Array.from({ length: 3 }, (_, i) => scenarioWith(`wide-${i}`, [{ ...missingMetadata(i), expected: 'wide' }]));
    const deep = scenarioWith('deep', [1, 2, 3, 4].map((i) => ({ ...missingMetadata(i), expected: 'deep' })));
    const warned = Array.from({ length: 5 }, (_, i) => scenarioWith(`warn-${i}`, [warnFinding], 'warning'));
    const digest = digestRun(runOf([...warned, deep, ...wide, errored]));
    expect(digest.map((p) => [p.verdict, p.expected ?? p.checkId, p.scenarios.length, p.count])).toEqual([
      ['error', 'stream/boom', 1, 1],
      ['fail', 'wide', 3, 3],
      ['fail', 'deep', 1, 4],
      ['warn', 'stream/done-sentinel', 5, 5],
    ]);
    expect(digest[0]).toMatchObject({ key: 'error | stream/boom', where: '', example: { scenario: 'e', step: 'turn-2', message: 'not judged: the check stopped on an internal error' } });
    expect(digest[0].example.finding).toBeUndefined();
  });

  it('breaks a tie by key, so the order never depends on the run order', () => {
    const a = scenarioWith('a', [{ ...missingMetadata(0), expected: 'zeta' }]);
    const b = scenarioWith('b', [{ ...missingMetadata(0), expected: 'alpha' }]);
    expect(digestRun(runOf([a, b])).map((p) => p.expected)).toEqual(['alpha', 'zeta']);
    expect(digestRun(runOf([b, a])).map((p) => p.expected)).toEqual(['alpha', 'zeta']);
  });

  it('grades warnings as failures under strict, from the run or the option', () => {
    const run = runOf([scenarioWith('w', [warnFinding], 'warning')]);
    expect(digestRun(run)[0].verdict).toBe('warn');
    expect(digestRun(run, { strict: true })[0].verdict).toBe('fail');
    expect(digestRun({ ...run, strict: true })[0].verdict).toBe('fail');
  });

  it('keeps the gravest grade when the same problem is met as a warning and as a failure', () => {
    const asFail: Finding = { ...warnFinding, verdict: 'fail' };
    const digest = digestRun(runOf([scenarioWith('w', [warnFinding], 'warning'), scenarioWith('f', [asFail])]));
    expect(digest).toHaveLength(1);
    expect(digest[0].verdict).toBe('fail');
  });

  it('keeps the step of the example', () => {
    const digest = digestRun(sampleRun());
    expect(digest.find((p) => p.checkId === 'http/request-id-header')?.example).toMatchObject({ scenario: 'conversation/previous-response', step: 'turn-2' });
  });

  it('finds nothing in passed, skipped and not-run checks', () => {
    const run = sampleRun();
    const quiet = run.scenarios.filter((s) => s.status !== 'failed' && s.status !== 'warning');
    expect(digestRun(runOf(quiet))).toEqual([]);
    expect(digestRun(runOf([]))).toEqual([]);
  });
});
