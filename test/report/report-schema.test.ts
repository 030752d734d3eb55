import { describe, expect, it } from 'vitest';
import { renderJsonReport } from '../../src/report/json.js';
import type { RunResult } from '../../src/runner/result.js';
import { reportSchemaErrors } from '../helpers/report.js';
import { check, failedScenario, hostileRun, sampleRun } from './fixtures.js';

/** Measures of a stream whose answer was buffered: every delta at the end. */
const STREAMING = { timeToHeadersMs: 3, timeToCreatedMs: 1478, timeToFirstDeltaMs: 1480, deltaCount: 12, largestGapMs: 1475, totalMs: 1500, eventCount: 20 };

function rendered(run: RunResult): Record<string, unknown> {
  return JSON.parse(renderJsonReport(run)) as Record<string, unknown>;
}

describe('schemas/report.schema.json', () => {
  it('accepts the report of every kind of run the fixtures hold', () => {
    expect(reportSchemaErrors(rendered(sampleRun()))).toEqual([]);
    expect(reportSchemaErrors(rendered(hostileRun()))).toEqual([]);
    const stepped = {
      ...failedScenario,
      steps: [
        {
          name: 'turn-1',
          request: { method: 'POST', path: '/responses', body: { stream: true }, stream: true },
          response: { status: 200, headers: { 'content-type': 'text/event-stream' } },
          streaming: STREAMING,
          timeline: [{ index: 0, type: 'response.created', sequenceNumber: 0 }, { index: 1 }],
          timelineDropped: 2,
        },
      ],
    };
    const errored = { ...failedScenario, id: 'e', status: 'error' as const, checks: [check({ id: 'x', status: 'error', message: 'boom', step: 'turn-1' })] };
    const diagnosed = { ...sampleRun(), diagnosis: 'every request was refused', strict: true, scenarios: [stepped, errored] };
    expect(reportSchemaErrors(rendered(diagnosed))).toEqual([]);
  });

  it('rejects a report of another version, or without its digest', () => {
    const report = rendered(sampleRun());
    expect(reportSchemaErrors({ ...report, reportVersion: 1 })).not.toEqual([]);
    const { digest: _digest, ...withoutDigest } = report;
    expect(reportSchemaErrors(withoutDigest)).not.toEqual([]);
  });

  it('rejects a field it does not describe, so the schema cannot fall behind the report', () => {
    const report = rendered(sampleRun());
    expect(reportSchemaErrors({ ...report, extra: true })).not.toEqual([]);
    const scenarios = report.scenarios as Record<string, unknown>[];
    expect(reportSchemaErrors({ ...report, scenarios: [{ ...scenarios[0], passedChecks: undefined }] })).not.toEqual([]);
    expect(reportSchemaErrors({ ...report, scenarios: [{ ...scenarios[0], checks: [{ id: 'x' }] }] })).not.toEqual([]);
  });

  it('describes the streaming measures of a step, and only those', () => {
    const step = { name: 'only', request: { method: 'POST', path: '/responses', body: {}, stream: true }, streaming: STREAMING };
    const report = rendered({ ...sampleRun(), scenarios: [{ ...failedScenario, steps: [step] }] });
    expect(reportSchemaErrors(report)).toEqual([]);
    const scenarios = report.scenarios as { steps: Record<string, unknown>[] }[];
    expect(scenarios[0].steps[0].streaming).toEqual(STREAMING);
    const withStreaming = (streaming: Record<string, unknown>) => ({ ...report, scenarios: [{ ...scenarios[0], steps: [{ ...step, streaming }] }] });
    // A WebSocket turn has no headers, a stream without deltas no time to its first one.
    expect(reportSchemaErrors(withStreaming({ deltaCount: 0, largestGapMs: 0, totalMs: 4, eventCount: 3 }))).toEqual([]);
    expect(reportSchemaErrors(withStreaming({ ...STREAMING, jitterMs: 1 }))).not.toEqual([]);
    expect(reportSchemaErrors(withStreaming({ ...STREAMING, totalMs: -1 }))).not.toEqual([]);
    const { deltaCount: _deltaCount, ...withoutCount } = STREAMING;
    expect(reportSchemaErrors(withStreaming(withoutCount))).not.toEqual([]);
  });
});
