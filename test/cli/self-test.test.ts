import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';

describe('self-test', () => {
  it('runs every scenario green against the reference server and writes both reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orc-self-'));
    const run = await runCli(['self-test', '--out', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readReport(dir);
    expect(report.digest).toEqual([]);
    expect(report.tool.name).toBe('open-responses-check');
    expect(report.specVersion).toBe('2026-04-24');
    expect(report.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(8);
    for (const scenario of report.scenarios) {
      expect(scenario.status, scenario.id).toBe('passed');
      // Every check passed with nothing to say, so each is listed by name only.
      expect(scenario.checks, scenario.id).toEqual([]);
      expect(scenario.passedChecks.length, scenario.id).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*failures="0"/);
  });

  it('prints no reproduce line: its in-process server is gone after the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orc-self-'));
    const run = await runCli(['self-test', '--fault', 'no-done-sentinel', '--only', 'text-input-stream', '--out', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('reproduce:');
    expect(readReport(dir).scenarios[0].steps?.[0].curl).toBeUndefined();
  });

  it('runs against the older release too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orc-self-'));
    const run = await runCli(['self-test', '--spec-version', '2026-01-15', '--out', dir, '--reporter', 'json']);
    expect(run.code).toBe(0);
    expect(readReport(dir).specVersion).toBe('2026-01-15');
  });

  it('lists scenarios and checks with requirement ids', async () => {
    const run = await runCli(['list', '--json']);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout);
    const ids = listed.scenarios.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['text-input', 'text-input-stream', 'system-message', 'function-call', 'snippet-create-response', 'snippet-create-response-with-image']));
    expect(listed.scenarios[0].steps[0].checks[0]).toMatchObject({ id: 'http/status-ok', requirement: 'HTTP-09' });
    const text = await runCli(['list']);
    expect(text.stdout).toMatch(/text-input-stream\s+\[input, stream, core\]/);
  });
});
