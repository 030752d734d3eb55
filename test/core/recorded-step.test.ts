import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureValidator, loadRecordedStep, runConformance, startReferenceServer, type ScenarioResult } from '../../src/core/index.js';
import { readReport, reportedChecks } from '../helpers/report.js';
import { problemKey } from '../../src/report/problem-key.js';
import { runCli } from '../helpers/cli.js';

const KEY = 'recorded-key-0123456789abcdef';

/** Runs `scenarios` against the reference server (with `fault`) recording into a fresh folder. */
async function recordRun(scenarios: string[], fault?: string): Promise<{ dir: string; scenarios: ScenarioResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'orc-recorded-'));
  const server = await startReferenceServer({ apiKey: KEY, fault });
  try {
    const run = await runConformance({ baseUrl: server.url, model: 'reference-model', apiKey: KEY, only: scenarios, record: dir });
    return { dir, scenarios: run.scenarios };
  } finally {
    await server.close();
  }
}

/** Each check's status, by id: the verdict of a step, comparable between a live run and `validate`. */
function statuses(result: ScenarioResult): Record<string, string> {
  return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
}

function problems(result: ScenarioResult): string[] {
  return result.checks.flatMap((c) => c.findings.map(problemKey)).sort();
}

const validate = (out: string, ...args: string[]) => runCli(['validate', '--reporter', 'console,json', '--out', out, ...args]);

describe('validate of a recorded step', () => {
  it('judges a request-dependent rule exactly as the live run did, where the body alone cannot', async () => {
    const { dir, scenarios } = await recordRun(['function-call', 'stream-obfuscation-off'], 'tool-choice-required-ignored');
    const live = scenarios.find((s) => s.id === 'function-call')!;
    expect(statuses(live)['response/tool-choice']).toBe('failed');

    const validator = createCaptureValidator();
    const recorded = await validator.validate(await loadRecordedStep(join(dir, 'function-call', 'request')));
    expect(statuses(recorded)).toEqual(statuses(live));
    expect(problems(recorded)).toEqual(problems(live));
    expect(recorded.checks.find((c) => c.id === 'response/tool-choice')!.message).toMatch(/tool_choice "required" \(as the request sent it\)/);

    // The body alone is judged by the response's echo, which the server bent to "none": no finding.
    const bodyOnly = await validator.validate({ name: 'body', body: readFileSync(join(dir, 'function-call', 'request', 'body')) });
    expect(statuses(bodyOnly)['response/tool-choice']).toBe('passed');

    const cli = await validate(dir, join(dir, 'function-call', 'request'));
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/response\/tool-choice ·[\s\S]*fail REQ-TC-02/);
    expect(cli.stdout).toContain('Recorded step: POST /responses, HTTP 200');
  });

  it('judges a recorded stream with the request, as live (obfuscation opt-out)', async () => {
    const { dir, scenarios } = await recordRun(['stream-obfuscation-off'], 'obfuscation-despite-opt-out');
    const live = scenarios[0];
    expect(statuses(live)['stream/obfuscation-opt-out']).toBe('warning');
    const validator = createCaptureValidator();
    const recorded = await validator.validate(await loadRecordedStep(join(dir, 'stream-obfuscation-off', 'request')));
    expect(statuses(recorded)).toEqual(statuses(live));
    expect(problems(recorded)).toEqual(problems(live));
    const bodyOnly = await validator.validate({ name: 'body', body: readFileSync(join(dir, 'stream-obfuscation-off', 'request', 'body')) });
    expect(statuses(bodyOnly)['stream/obfuscation-opt-out']).toBe('skipped');
  });

  it('passes a recorded clean step (exit 0), with the HTTP checks run on the recorded head', async () => {
    const { dir, scenarios } = await recordRun(['function-call', 'text-input-stream', 'function-call-round-trip']);
    expect(scenarios.every((s) => s.status === 'passed')).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'orc-recorded-out-'));
    const steps = [join(dir, 'function-call', 'request'), join(dir, 'text-input-stream', 'request'), join(dir, 'function-call-round-trip', 'turn-2')];
    const cli = await validate(out, ...steps);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const report = readReport(out);
    for (const scenario of report.scenarios) {
      expect(scenario.status).toBe('passed');
      expect(reportedChecks(scenario).get('http/status-ok')?.status).toBe('passed');
    }
    expect(reportedChecks(report.scenarios[1]).get('stream/event-stream-content-type')?.status).toBe('passed');
    expect(reportedChecks(report.scenarios[2]).get('response/previous-response-id-echo')?.status).toBe('passed');
  });

  it('fails the HTTP checks when the recorded head says so', async () => {
    const { dir } = await recordRun(['text-input']);
    const step = join(dir, 'text-input', 'request');
    const response = JSON.parse(readFileSync(join(step, 'response.json'), 'utf8'));
    writeFileSync(join(step, 'response.json'), JSON.stringify({ ...response, headers: { ...response.headers, 'content-type': 'text/plain' } }));
    const result = await createCaptureValidator().validate(await loadRecordedStep(step));
    expect(statuses(result)['http/json-content-type']).toBe('failed');
  });

  it('refuses a folder that is not a recorded step, or a malformed transcript file, in one line (exit 2)', async () => {
    const { dir } = await recordRun(['text-input']);
    const out = mkdtempSync(join(tmpdir(), 'orc-recorded-out-'));
    const notAStep = await validate(out, join(dir, 'text-input'));
    expect(notAStep.code).toBe(2);
    expect(notAStep.stderr).toMatch(/^open-responses-check: cannot read .*text-input: a folder that is not a step of a --record transcript \(it needs request.json, response.json and body\)\n$/);

    const step = join(dir, 'text-input', 'request');
    const notes = await validate(out, join(step, 'response.json'));
    expect(notes.code).toBe(2);
    expect(notes.stderr).toMatch(/^open-responses-check: .*response\.json is a --record transcript's response\.json, not an answer; validate the step folder .*request\n$/);

    writeFileSync(join(step, 'request.json'), '{"method":"POST"}');
    const malformed = await validate(out, step);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^open-responses-check: cannot read .*request\.json: not a transcript file of --record \(it needs method, path, body and stream\)\n$/);

    writeFileSync(join(step, 'request.json'), 'not json');
    expect((await validate(out, step)).stderr).toMatch(/request\.json: not JSON\n$/);
  });
});
