import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { didYouMean, editDistance, nearestNames } from '../../src/core/suggest.js';
import { startReferenceServer } from '../../src/fixtures/server.js';
import type { RunResult } from '../../src/runner/result.js';
import { runCli } from '../helpers/cli.js';

function checkIdsWithFindings(report: RunResult): Set<string> {
  return new Set(report.scenarios.flatMap((s) => s.checks.filter((c) => c.findings.length > 0).map((c) => c.id)));
}

describe('--fault, repeated', () => {
  it('self-test applies both faults, and both are caught', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-faults-'));
    const run = await runCli(['self-test', '--fault', 'http-status-201', '--fault', 'sse-id-field', '--only', 'text-input-stream', '--reporter', 'json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const caught = checkIdsWithFindings(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult);
    expect(caught).toContain('http/status-ok');
    expect(caught).toContain('stream/sse-id-field');
  });

  it('a single --fault breaks only its own rule', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-faults-'));
    await runCli(['self-test', '--fault', 'sse-id-field', '--only', 'text-input-stream', '--reporter', 'json', '--out', out]);
    const caught = checkIdsWithFindings(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult);
    expect(caught).toContain('stream/sse-id-field');
    expect(caught).not.toContain('http/status-ok');
  });

  it('serve applies every fault named, in order', async () => {
    const stdout = new PassThrough();
    const firstLine = new Promise<string>((resolve) => stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const serving = main(['serve', '--fault', 'http-status-201', '--fault', 'json-content-type-text'], { stdout, stderr: new PassThrough(), color: false, untilStopped: () => stopped });
    const url = (await firstLine).replace('listening on ', '').trim();
    const answer = await fetch(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', input: 'hi' }) });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).not.toMatch(/^application\/json/);
    await answer.text();
    stop();
    expect(await serving).toBe(0);
  });

  it('the reference server refuses an unknown name in a list', async () => {
    await expect(startReferenceServer({ fault: ['http-status-201', 'no-such-fault'] })).rejects.toThrow(/Unknown fault "no-such-fault"/);
  });
});

describe('unknown names suggest the nearest ones', () => {
  it('a mistyped scenario id', async () => {
    const run = await runCli(['self-test', '--only', 'text-imput']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('open-responses-check: unknown scenario id or tag "text-imput"; did you mean text-input?');
  });

  it('a mistyped fault, in self-test and serve', async () => {
    for (const command of ['self-test', 'serve']) {
      const run = await runCli([command, '--fault', 'http-status-20']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('unknown fault "http-status-20"; did you mean http-status-201?');
    }
  });

  it('a name far from every known one points at the list instead', async () => {
    const run = await runCli(['self-test', '--skip', 'zzzzzzzzzz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown scenario id or tag "zzzzzzzzzz"; run "open-responses-check list" to see them');
    expect(run.stderr).not.toContain('did you mean');
    const fault = await runCli(['self-test', '--fault', 'qqqqqqqqqq']);
    expect(fault.stderr).toContain('run "open-responses-check serve --list-faults" to see them');
  });

  it('edit distance and nearest names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(nearestNames('strem', ['stream', 'core', 'streams', 'error-path'])).toEqual(['stream', 'streams']);
    expect(nearestNames('Core', ['core'])).toEqual(['core']);
    expect(nearestNames('abcdef', ['uvwxyz'])).toEqual([]);
    expect(didYouMean('a', ['b', 'c', 'd', 'e'])).toBe('; did you mean b, c or d?');
    expect(didYouMean('nothing-like-it', ['core'])).toBe('');
  });
});
