import type { CheckInfo, ComparedReport, DescribeCheck } from '../../src/compare/matrix.js';
import { renderJsonReport, type JsonReport } from '../../src/report/json.js';
import type { RunResult, ScenarioResult } from '../../src/runner/result.js';
import { check } from '../report/fixtures.js';

export { check };

/** A run of these scenarios against `baseUrl`, as report.json holds it (passed checks by name only). */
export function report(baseUrl: string, scenarios: ScenarioResult[], overrides: Partial<RunResult> = {}): JsonReport {
  const run: RunResult = {
    tool: { name: 'open-responses-check', version: '0.1.0' },
    specVersion: '2026-04-24',
    target: { baseUrl, model: 'test-model' },
    startedAt: '2026-05-01T10:00:00.000Z',
    durationMs: 10,
    strict: false,
    scenarios,
    summary: { scenarios: scenarios.length, passed: 0, failed: 0, warning: 0, skipped: 0, notRun: 0, error: 0, checks: { passed: 0, failed: 0, warning: 0, skipped: 0, notRun: 0, error: 0 } },
    ...overrides,
  };
  return JSON.parse(renderJsonReport(run)) as JsonReport;
}

export function compared(file: string, json: JsonReport): ComparedReport {
  return { file, report: json };
}

export function scenario(id: string, checks: ScenarioResult['checks'], status: ScenarioResult['status'] = 'passed', extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, title: `Title of ${id}`, tags: [], status, durationMs: 1, checks, ...extra };
}

/** What the suite would say of the checks the fixtures pass: requirement, section and title by id. */
export const KNOWN: Record<string, CheckInfo> = {
  'http/status-ok': { requirement: 'HTTP-09', section: 'HTTP Responses', title: 'A valid request is answered with HTTP 200' },
  'stream/done-sentinel': { requirement: 'SSE-F-05', section: 'Streaming HTTP Responses', title: 'The stream ends with data: [DONE]' },
};

export const describeKnown: DescribeCheck = (_scenario, _name, id) => KNOWN[id];

/** A passed check as a report lists it: by name, described by KNOWN. */
export function passed(id: keyof typeof KNOWN, step?: string) {
  return check({ id, status: 'passed', ...KNOWN[id], ...(step === undefined ? {} : { step }) });
}

/** stream/done-sentinel failing with one finding. */
export function doneSentinelFailed(message = 'The stream ended without the final data: [DONE] message.') {
  return check({
    id: 'stream/done-sentinel',
    status: 'failed',
    ...KNOWN['stream/done-sentinel'],
    message,
    findings: [
      {
        checkId: 'stream/done-sentinel',
        requirement: 'SSE-F-05',
        verdict: 'fail',
        message,
        expected: 'data: [DONE] as the last message',
        actual: 'the stream closed after the last event',
        location: { eventIndex: 24, sequenceNumber: 24, eventType: 'response.completed' },
      },
    ],
  });
}

/** The cells of the Markdown table row that starts with `head`. */
export function markdownRow(markdown: string, head: string): string[] {
  const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| ${head}`));
  if (line === undefined) throw new Error(`no row ${head} in\n${markdown}`);
  return line.split(' | ').slice(1).map((cell) => cell.replace(/ \|$/, ''));
}
