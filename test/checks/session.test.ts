import { describe, expect, it } from 'vitest';
import { finding } from '../../src/checks/finding.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import { StreamedText, TextBudget } from '../../src/checks/stream/streamed-text.js';
import type { CheckContext, StreamCheck } from '../../src/checks/types.js';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { buildRunResult, collectResults, scenarioStatus } from '../../src/runner/results.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };
const http = { request: { method: 'POST', path: '/responses', body: {}, stream: true }, status: 200, headers: {} };
const frame = (index: number) => ({ index, data: '{}', byteOffset: 0, receivedAtMs: 0 });

const meta = { kind: 'stream' as const, requirement: 'X-1', severity: 'MUST' as const, section: 's', title: 't' };
const throwing: StreamCheck<null> = { ...meta, id: 'test/throws', init: () => null, onEvent: () => { throw new RangeError('Invalid string length'); }, onEnd: () => [] };
let counted = 0;
const counting: StreamCheck<null> = {
  ...meta,
  id: 'test/counts',
  init: () => null,
  onEvent: () => {
    counted++;
    return [];
  },
  onEnd: () => [finding(counting, 'warn', 'seen')],
};

describe('a check that throws', () => {
  it('is stopped alone and reported as not judged, never as a server failure', () => {
    const session = new StreamCheckSession([throwing, counting], http, ctx);
    for (let i = 0; i < 3; i++) session.push(frame(i));
    const results = session.end({ reason: 'eof', frames: 3, unterminatedMessage: false });
    expect(results.get('test/throws')!.internalError).toBe('Invalid string length');
    expect(results.get('test/throws')!.items).toEqual([]);
    expect(counted).toBe(3);
    const outcomes = new Map([...results].map(([id, findings]) => [id, { findings }]));
    const [thrown, other] = collectResults([throwing, counting], { http: [], body: [], stream: [throwing, counting], response: [] }, outcomes, false);
    expect(thrown).toMatchObject({ id: 'test/throws', status: 'error', message: expect.stringMatching(/internal error \(Invalid string length\); this is a bug in open-responses-check/) });
    expect(other).toMatchObject({ id: 'test/counts', status: 'warning' });
    // The scenario and the run show the tool's bug: status `error`, exit 4, never a clean pass.
    expect(scenarioStatus([thrown, other])).toBe('error');
    const run = buildRunResult({ tool: { name: 't', version: '0' }, specVersion: 'x', target: { baseUrl: 'u', model: 'm' }, started: 0, strict: false, scenarios: [{ id: 's', title: 's', tags: [], status: 'error', durationMs: 0, checks: [thrown, other] }] });
    expect(run.summary).toMatchObject({ error: 1, checks: { error: 1, warning: 1 } });
    expect(exitCodeFor(run)).toBe(4);
  });
});

describe('StreamedText', () => {
  it('joins many small pieces and keeps the whole text', () => {
    const text = new StreamedText(new TextBudget(1_000_000));
    for (let i = 0; i < 5000; i++) text.append('ab');
    expect(text.value).toBe('ab'.repeat(5000));
  });

  it('drops text that outgrows the budget, and gives it back on release', () => {
    const budget = new TextBudget(10);
    const first = new StreamedText(budget);
    first.append('12345678');
    const second = new StreamedText(budget);
    second.append('123');
    expect(second.value).toBeUndefined();
    first.release();
    const third = new StreamedText(budget);
    third.append('1234567890');
    expect(third.value).toBe('1234567890');
  });
});
