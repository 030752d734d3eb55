import { describe, expect, it } from 'vitest';
import { renderJsonReport } from '../../src/report/json.js';
import type { RunResult } from '../../src/runner/result.js';
import { reportSchemaErrors } from '../helpers/report.js';
import { check, failedScenario, hostileRun, sampleRun } from './fixtures.js';

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
});
