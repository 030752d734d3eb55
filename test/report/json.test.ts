import { describe, expect, it } from 'vitest';
import { renderJsonReport } from '../../src/report/json.js';
import type { RunResult } from '../../src/runner/result.js';
import { HOSTILE, hostileRun, sampleRun } from './fixtures.js';

/** The same run with every object's keys in reverse order. */
function withKeysReversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withKeysReversed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, withKeysReversed(v)])) as T;
}

describe('renderJsonReport', () => {
  it('round-trips the run', () => {
    const run = sampleRun();
    expect(JSON.parse(renderJsonReport(run))).toEqual(run);
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    const text = renderJsonReport(sampleRun());
    expect(text.startsWith('{\n  "tool": {\n    "name": "open-responses-check",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes keys in the RunResult order whatever order the input has', () => {
    const run = sampleRun();
    expect(renderJsonReport(withKeysReversed(run))).toBe(renderJsonReport(run));
    const parsed = JSON.parse(renderJsonReport(withKeysReversed(run))) as RunResult;
    expect(Object.keys(parsed)).toEqual([
      'tool',
      'specVersion',
      'target',
      'startedAt',
      'durationMs',
      'strict',
      'scenarios',
      'summary',
      'lastAnsweredScenario',
    ]);
    expect(Object.keys(parsed.target)).toEqual(['baseUrl', 'model']);
    const notRun = parsed.scenarios[4];
    expect(Object.keys(notRun)).toEqual(['id', 'title', 'tags', 'status', 'durationMs', 'note', 'checks']);
    const stepped = parsed.scenarios[2].checks[1];
    expect(Object.keys(stepped)).toEqual([
      'id',
      'requirement',
      'severity',
      'section',
      'title',
      'step',
      'status',
      'message',
      'findings',
    ]);
    const finding = parsed.scenarios[1].checks[0].findings[0];
    expect(Object.keys(finding)).toEqual(['checkId', 'requirement', 'verdict', 'message', 'expected', 'actual', 'location']);
    expect(Object.keys(parsed.scenarios[1].checks[1].findings[0])).toEqual([
      'checkId',
      'requirement',
      'verdict',
      'message',
      'expected',
      'actual',
      'location',
      'excerpt',
    ]);
    expect(Object.keys(finding.location ?? {})).toEqual(['path', 'eventIndex', 'sequenceNumber', 'eventType', 'byteOffset']);
    expect(Object.keys(parsed.summary)).toEqual(['scenarios', 'passed', 'failed', 'warning', 'skipped', 'notRun', 'error', 'checks']);
    expect(Object.keys(parsed.summary.checks)).toEqual(['passed', 'failed', 'warning', 'skipped', 'notRun', 'error']);
  });

  it('leaves out unset optional fields and anything outside the RunResult shape', () => {
    const run = sampleRun();
    const scenario = { ...run.scenarios[0], note: undefined, debug: 'internal' };
    const withExtras = { ...run, lastAnsweredScenario: undefined, scenarios: [scenario], secret: 'token' };
    const parsed = JSON.parse(renderJsonReport(withExtras)) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty('secret');
    expect(parsed).not.toHaveProperty('lastAnsweredScenario');
    expect(parsed.scenarios).toEqual([run.scenarios[0]]);
  });

  it('keeps hostile strings exactly, as well-formed JSON text', () => {
    const run = hostileRun();
    const text = renderJsonReport(run);
    expect(JSON.parse(text)).toEqual(run);
    // Lone surrogates and controls are written as \u escapes, so the file is valid UTF-8.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('😀');
    expect(HOSTILE).toContain('\uD800');
  });
});
