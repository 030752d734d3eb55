import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';

/** Optional features skipped honestly: refused the spec's way, left out by a flag, or missing from the release. */
async function selfTest(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'orc-capabilities-'));
  const run = await runCli(['self-test', '--reporter', 'json', '--out', out, ...args]);
  return { ...run, report: run.code === 2 ? undefined : readReport(out) };
}

function statuses(report: ReturnType<typeof readReport> | undefined): Record<string, string> {
  return Object.fromEntries((report?.scenarios ?? []).map((s) => [s.id, `${s.status}${s.note ? `: ${s.note}` : ''}`]));
}

describe('capabilities', () => {
  it('a server without a feature gets its scenarios skipped, with the refusal as the reason, and the run passes', async () => {
    const run = await selfTest(['--without', 'compact,reasoning', '--only', 'compact,reasoning-summary,text-input']);
    expect(run.code).toBe(0);
    expect(statuses(run.report)).toMatchObject({
      'text-input': 'passed',
      compact: expect.stringMatching(/^skipped: skipped: the target does not offer compact \(POST \/responses\/compact answered HTTP 404\)/),
      'reasoning-summary': expect.stringMatching(/^skipped: .*does not offer reasoning \(it answered HTTP 400 invalid_request \(param reasoning\)\)/),
    });
  });

  it('--capabilities makes a refusal of a declared feature fail, and skips undeclared ones without sending', async () => {
    const run = await selfTest(['--without', 'compact', '--capabilities', 'compact', '--only', 'compact,reasoning-summary']);
    expect(run.code).toBe(1);
    expect(statuses(run.report)).toMatchObject({ compact: 'failed', 'reasoning-summary': 'skipped: skipped: --capabilities does not list reasoning' });
    expect(run.report?.scenarios.find((s) => s.id === 'reasoning-summary')?.steps).toBeUndefined();
  });

  it('--skip <capability> reports the scenarios as skipped without sending them', async () => {
    const run = await selfTest(['--skip', 'reasoning', '--only', 'reasoning-summary,text-input']);
    expect(run.code).toBe(0);
    expect(statuses(run.report)).toMatchObject({ 'text-input': 'passed', 'reasoning-summary': 'skipped: skipped by --skip reasoning, without sending' });
  });

  it('an unknown capability is a usage error with the nearest name', async () => {
    const run = await selfTest(['--capabilities', 'reasonin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown capability "reasonin"; did you mean reasoning?');
  });
});
