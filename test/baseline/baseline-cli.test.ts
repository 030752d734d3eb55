import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runner/result.js';
import { runCli } from '../helpers/cli.js';

/** A fail-graded fault that breaks one rule in every stream, and a second one on another rule. */
const FIRST_FAULT = 'sequence-number-restarts';
const SECOND_FAULT = 'http-status-201';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'orc-baseline-'));
}

async function selfTest(args: string[]): Promise<{ code: number; stdout: string; stderr: string; report: RunResult }> {
  const out = tempDir();
  const run = await runCli(['self-test', '--only', 'text-input,text-input-stream', '--reporter', 'console,json', '--out', out, ...args]);
  const report = run.code === 2 ? ({} as RunResult) : (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult);
  return { ...run, report };
}

describe('--write-baseline and --baseline', () => {
  it('turns the listed failures into expected ones, fails on a new problem only, and reports fixed entries as stale', async () => {
    const dir = tempDir();
    const file = join(dir, 'baseline.yaml');
    const written = await selfTest(['--fault', FIRST_FAULT, '--write-baseline', file]);
    expect(written.code).toBe(1);
    const text = readFileSync(file, 'utf8');
    const document = parse(text) as { version: number; failures: { scenario: string; key: string }[] };
    expect(document.version).toBe(1);
    expect(document.failures).toContainEqual({ scenario: 'text-input-stream', key: expect.stringContaining('stream/sequence-number-increasing') });
    expect(document.failures.every((entry) => Object.keys(entry).sort().join() === 'key,scenario')).toBe(true);
    expect(text).toMatch(/^  # The sequence_number .+\n  - scenario: text-input-stream\n    key: stream\/sequence-number-increasing \| [^\n]+$/m);

    const expected = await selfTest(['--fault', FIRST_FAULT, '--baseline', file]);
    expect(expected.stderr).toBe('');
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('(expected, baseline)');
    expect(expected.stdout).toContain('XFAIL');
    const stream = expected.report.scenarios.find((s) => s.id === 'text-input-stream')!;
    expect(stream.status).toBe('expected');
    expect(stream.checks.find((c) => c.id === 'stream/sequence-number-increasing')?.status).toBe('expected');
    expect(expected.report.baseline).toMatchObject({ file, stale: [], strict: false });
    expect(expected.report.baseline!.expected).toBeGreaterThan(0);
    expect(expected.report.summary.checks.expected).toBeGreaterThan(0);

    const extra = await runCli(['self-test', '--only', 'text-input,text-input-stream', '--reporter', 'console', '--fault', FIRST_FAULT, '--fault', SECOND_FAULT, '--baseline', file]);
    expect(extra.code).toBe(1);
    const failing = extra.stdout.split('\n').filter((line) => line.includes('✖') && !line.includes('(expected, baseline)'));
    expect(failing.some((line) => line.includes('http/status-ok'))).toBe(true);
    expect(failing.some((line) => line.includes('stream/sequence-number-increasing'))).toBe(false);

    const clean = await selfTest(['--baseline', file]);
    expect(clean.code).toBe(0);
    expect(clean.report.baseline!.stale).toEqual(document.failures);
    expect(clean.stdout).toMatch(/baseline entr(y|ies) no longer fails? \(fixed: remove (it|them) from the baseline\):/);
    expect(clean.stdout).not.toContain('--strict-baseline fails the run');
    expect(clean.stdout).toContain('text-input-stream: stream/sequence-number-increasing');

    const strict = await selfTest(['--baseline', file, '--strict-baseline']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('; --strict-baseline fails the run:');
  });

  it('writes JSON with a message per entry, which reading ignores', async () => {
    const dir = tempDir();
    const file = join(dir, 'baseline.json');
    await selfTest(['--fault', FIRST_FAULT, '--write-baseline', file]);
    const document = JSON.parse(readFileSync(file, 'utf8')) as { version: number; failures: { scenario: string; key: string; message: string }[] };
    expect(document.version).toBe(1);
    expect(document.failures[0]).toEqual({ scenario: expect.any(String), key: expect.any(String), message: expect.any(String) });
    const rerun = await selfTest(['--fault', FIRST_FAULT, '--baseline', file]);
    expect(rerun.code).toBe(0);
  });

  it('writes an empty baseline from a clean run, which a clean run then passes with', async () => {
    const file = join(tempDir(), 'baseline.yml');
    expect((await selfTest(['--write-baseline', file])).code).toBe(0);
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, failures: [] });
    const rerun = await selfTest(['--baseline', file, '--strict-baseline']);
    expect(rerun.code).toBe(0);
  });

  const malformed: [string, string, string, RegExp][] = [
    ['a missing file', 'missing.yaml', '', /cannot read it \(ENOENT\)/],
    ['a file that is not JSON', 'bad.json', '{"version": 1,', /not valid JSON/],
    ['a file that is not YAML', 'bad.yaml', 'version: [1', /not valid YAML/],
    ['a list instead of an object', 'list.yaml', '- a\n- b\n', /expected an object/],
    ['a wrong version', 'v2.json', '{"version": 2, "failures": []}', /"version" must be 1/],
    ['an entry without a key', 'nokey.json', '{"version": 1, "failures": [{"scenario": "text-input"}]}', /failures\[0\]\.key must be a non-empty string/],
    ['an unknown field', 'extra.json', '{"version": 1, "failures": [], "ignore": true}', /unknown key "ignore"/],
    ['another extension', 'baseline.txt', 'version: 1\nfailures: []\n', /must end in \.json, \.yaml or \.yml/],
  ];
  for (const [what, name, content, message] of malformed) {
    it(`refuses ${what} with exit 2 and one line naming the file`, async () => {
      const dir = tempDir();
      const file = join(dir, name);
      if (content !== '') writeFileSync(file, content);
      const run = await runCli(['self-test', '--reporter', 'console', '--baseline', file]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`--baseline ${file}:`);
      expect(run.stderr).toMatch(message);
    });
  }

  it('refuses a --write-baseline with another extension before sending anything', async () => {
    const run = await runCli(['self-test', '--reporter', 'console', '--write-baseline', join(tempDir(), 'baseline.txt')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--write-baseline .*baseline\.txt: the file name must end in \.json, \.yaml or \.yml/);
  });
});
