import { describe, expect, it } from 'vitest';
import { digestRun } from '../../src/report/digest.js';
import { REPORT_VERSION, renderJsonReport, type JsonReport } from '../../src/report/json.js';
import type { RunResult, ScenarioResult, StepRecord } from '../../src/runner/result.js';
import { HOSTILE, check, failedScenario, hostileRun, passedScenario, sampleRun } from './fixtures.js';

/** The same run with every object's keys in reverse order, but for request bodies and headers: data kept as sent. */
function withKeysReversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withKeysReversed) as T;
  if (value === null || typeof value !== 'object') return value;
  const reversed = Object.entries(value).reverse().map(([k, v]) => [k, k === 'body' || k === 'headers' ? v : withKeysReversed(v)]);
  return Object.fromEntries(reversed) as T;
}

function parse(run: RunResult): JsonReport {
  return JSON.parse(renderJsonReport(run)) as JsonReport;
}

/** The scenario of the report with that id. */
function scenarioOf(report: JsonReport, id: string) {
  const found = report.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

function streamStep(name: string): StepRecord {
  return {
    name,
    request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'hi', stream: true }, stream: true },
    response: { status: 200, headers: { 'content-type': 'text/event-stream' } },
    streaming: { timeToHeadersMs: 2, timeToCreatedMs: 3, timeToFirstDeltaMs: 4, deltaCount: 0, largestGapMs: 1, totalMs: 5, eventCount: 2 },
    timeline: [
      { index: 0, type: 'response.created', sequenceNumber: 0 },
      { index: 1, type: 'response.completed', sequenceNumber: 1 },
    ],
    timelineDropped: 3,
  };
}

describe('renderJsonReport', () => {
  it(`says its shape's version, ${REPORT_VERSION}, first`, () => {
    const text = renderJsonReport(sampleRun());
    expect(text.startsWith(`{\n  "reportVersion": ${REPORT_VERSION},\n  "tool": {\n    "name": "open-responses-check",`)).toBe(true);
    expect(REPORT_VERSION).toBe(2);
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    const text = renderJsonReport(sampleRun());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "specVersion": "2026-04-24",\n');
  });

  it('carries the digest of distinct problems, as digestRun orders them', () => {
    const run = sampleRun();
    const report = parse(run);
    expect(report.digest).toEqual(JSON.parse(JSON.stringify(digestRun(run))));
    expect(report.digest.map((p) => [p.verdict, p.checkId, p.count])).toEqual([
      ['fail', 'stream/sequence-number-increasing', 7],
      ['fail', 'body/output-text-path', 1],
      ['warn', 'http/request-id-header', 1],
      ['warn', 'stream/done-terminator', 1],
    ]);
    expect(parse({ ...run, scenarios: [passedScenario] }).digest).toEqual([]);
  });

  it('keeps everything but passed, skipped and not-run checks and quiet timelines exactly as the run has it', () => {
    const run = sampleRun();
    const report = parse(run);
    const { digest, reportVersion, scenarios, ...rest } = report;
    const { scenarios: runScenarios, ...runRest } = run;
    expect(rest).toEqual(runRest);
    expect(scenarios.map(({ passedChecks, unjudgedChecks, ...scenario }) => scenario)).toEqual(
      runScenarios.map((scenario) => ({ ...scenario, checks: scenario.checks.filter((c) => ['failed', 'warning', 'error'].includes(c.status)) })),
    );
    expect(digest.length + reportVersion).toBeGreaterThan(0);
  });

  it('lists passed checks by name, with the step of a multi-request scenario, and keeps failed and warning checks whole', () => {
    const report = parse(sampleRun());
    expect(scenarioOf(report, 'http/basic-json')).toMatchObject({ passedChecks: ['http/status-200', 'body/schema'], unjudgedChecks: [], checks: [] });
    expect(scenarioOf(report, 'conversation/previous-response').passedChecks).toEqual(['turn-1: http/status-200']);
    expect(scenarioOf(report, 'stream/basic-text').checks).toEqual(failedScenario.checks.slice(0, 3));
    expect(scenarioOf(report, 'tools/function-call').passedChecks).toEqual([]);
  });

  it('lists skipped and not-run checks by name under their status and reason', () => {
    const report = parse(sampleRun());
    expect(scenarioOf(report, 'tools/function-call')).toMatchObject({
      unjudgedChecks: [{ status: 'skipped', reason: 'the target does not offer tools', checks: ['tools/call-shape', 'tools/call-id'] }],
      checks: [],
    });
    expect(scenarioOf(report, 'stream/long-output').unjudgedChecks).toEqual([{ status: 'not_run', reason: 'the target stopped answering', checks: ['stream/content-type'] }]);
    const mixed: ScenarioResult = {
      ...passedScenario,
      checks: [
        check({ id: 'a', step: 'turn-1', status: 'skipped', message: 'one' }),
        check({ id: 'b', status: 'not_run', message: 'one' }),
        check({ id: 'c', status: 'skipped', message: 'two' }),
        check({ id: 'd', step: 'turn-2', status: 'skipped', message: 'one' }),
      ],
    };
    expect(parse({ ...sampleRun(), scenarios: [mixed] }).scenarios[0].unjudgedChecks).toEqual([
      { status: 'skipped', reason: 'one', checks: ['turn-1: a', 'turn-2: d'] },
      { status: 'not_run', reason: 'one', checks: ['b'] },
      { status: 'skipped', reason: 'two', checks: ['c'] },
    ]);
  });

  it('keeps a passed check whole when it has something to say', () => {
    const talkative = check({ id: 'http/x', status: 'passed', message: 'passed after a retry' });
    const report = parse({ ...sampleRun(), scenarios: [{ ...passedScenario, checks: [talkative] }] });
    expect(report.scenarios[0]).toMatchObject({ passedChecks: [], checks: [talkative] });
  });

  it('keeps timelines only under scenarios with a failure or a warning', () => {
    const steps = [streamStep('turn-1'), streamStep('turn-2')];
    const run = { ...sampleRun(), scenarios: [{ ...passedScenario, steps }, { ...failedScenario, steps }] };
    const [quiet, failing] = parse(run).scenarios;
    expect(quiet.steps).toEqual(steps.map(({ timeline, timelineDropped, ...step }) => step));
    expect(failing.steps).toEqual(steps);
    const warned: ScenarioResult = { ...passedScenario, status: 'warning', steps, checks: [check({ id: 'w', status: 'warning', findings: [] })] };
    expect(parse({ ...run, scenarios: [warned] }).scenarios[0].steps).toEqual(steps);
  });

  it('writes keys in a fixed order whatever order the input has', () => {
    const run = { ...sampleRun(), scenarios: [...sampleRun().scenarios, { ...failedScenario, steps: [streamStep('only')] }] };
    expect(renderJsonReport(withKeysReversed(run))).toBe(renderJsonReport(run));
    const parsed = parse(withKeysReversed(run));
    expect(Object.keys(parsed)).toEqual([
      'reportVersion',
      'tool',
      'specVersion',
      'target',
      'startedAt',
      'durationMs',
      'strict',
      'summary',
      'lastAnsweredScenario',
      'digest',
      'scenarios',
    ]);
    expect(Object.keys(parsed.target)).toEqual(['baseUrl', 'model']);
    expect(Object.keys(parsed.scenarios[4])).toEqual(['id', 'title', 'tags', 'status', 'durationMs', 'note', 'passedChecks', 'unjudgedChecks', 'checks']);
    expect(Object.keys(parsed.scenarios[4].unjudgedChecks[0])).toEqual(['status', 'reason', 'checks']);
    const stepped = parsed.scenarios[2].checks[0];
    expect(Object.keys(stepped)).toEqual(['id', 'requirement', 'severity', 'section', 'title', 'step', 'status', 'message', 'findings']);
    const finding = parsed.scenarios[1].checks[0].findings[0];
    expect(Object.keys(finding)).toEqual(['checkId', 'requirement', 'verdict', 'message', 'expected', 'actual', 'location']);
    expect(Object.keys(parsed.scenarios[1].checks[1].findings[0])).toEqual(['checkId', 'requirement', 'verdict', 'message', 'expected', 'actual', 'location', 'excerpt']);
    expect(Object.keys(finding.location ?? {})).toEqual(['path', 'eventIndex', 'sequenceNumber', 'eventType', 'byteOffset']);
    expect(Object.keys(parsed.summary)).toEqual(['scenarios', 'passed', 'failed', 'warning', 'skipped', 'notRun', 'error', 'checks']);
    expect(Object.keys(parsed.summary.checks)).toEqual(['passed', 'failed', 'warning', 'skipped', 'notRun', 'error']);
    expect(Object.keys(parsed.digest[0])).toEqual(['key', 'verdict', 'checkId', 'requirement', 'where', 'expected', 'count', 'scenarios', 'example']);
    expect(Object.keys(parsed.digest[0].example)).toEqual(['scenario', 'message', 'finding']);
    expect(Object.keys(parsed.digest[0].example.finding ?? {})).toEqual(['checkId', 'requirement', 'verdict', 'message', 'expected', 'actual', 'location']);
    const step = parsed.scenarios[5].steps?.[0];
    expect(Object.keys(step ?? {})).toEqual(['name', 'request', 'response', 'streaming', 'timeline', 'timelineDropped']);
    expect(Object.keys(step?.streaming ?? {})).toEqual(['timeToHeadersMs', 'timeToCreatedMs', 'timeToFirstDeltaMs', 'deltaCount', 'largestGapMs', 'totalMs', 'eventCount']);
    expect(Object.keys(step?.request ?? {})).toEqual(['method', 'path', 'stream', 'body']);
    expect(Object.keys(step?.response ?? {})).toEqual(['status', 'headers']);
    expect(Object.keys(step?.timeline?.[0] ?? {})).toEqual(['index', 'type', 'sequenceNumber']);
  });

  it('leaves out unset optional fields and anything outside the report shape', () => {
    const run = sampleRun();
    const scenario = { ...run.scenarios[0], note: undefined, debug: 'internal' };
    const withExtras = { ...run, lastAnsweredScenario: undefined, scenarios: [scenario], secret: 'token' };
    const parsed = JSON.parse(renderJsonReport(withExtras)) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty('secret');
    expect(parsed).not.toHaveProperty('lastAnsweredScenario');
    expect(parsed.scenarios).toEqual([{ ...run.scenarios[0], passedChecks: ['http/status-200', 'body/schema'], unjudgedChecks: [], checks: [] }]);
  });

  it('keeps hostile strings exactly, as well-formed JSON text', () => {
    const run = hostileRun();
    const text = renderJsonReport(run);
    const report = JSON.parse(text) as JsonReport;
    expect(report.target).toEqual(run.target);
    // Its passed check has a message, so it is kept whole too.
    expect(report.scenarios[0].checks).toEqual(run.scenarios[0].checks.filter((c) => c.status !== 'skipped' && c.status !== 'not_run'));
    expect(report.scenarios[0].unjudgedChecks.map((g) => g.reason)).toEqual([HOSTILE, HOSTILE]);
    expect(report.digest[0].example.finding).toEqual(run.scenarios[0].checks[0].findings[0]);
    // Lone surrogates and controls are written as \u escapes, so the file is valid UTF-8.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('😀');
    expect(HOSTILE).toContain('\uD800');
  });
});
