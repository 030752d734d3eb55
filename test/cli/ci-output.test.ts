import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { reportSchemaErrors } from '../helpers/report.js';
import { parseXml } from '../report/parse-xml.js';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const FAILING = ['self-test', '--only', 'text-input', '--fault', 'response-missing-usage'];

describe('on GitHub Actions', () => {
  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY and prints the problems as annotations', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-ci-'));
    const stepSummary = join(out, 'step-summary.md');
    writeFileSync(stepSummary, '# before\n');
    const run = await runCli([...FAILING, '--reporter', 'console,json,markdown', '--out', out], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary } });
    expect(run.code).toBe(1);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## open-responses-check: ✖ failed\n/);
    expect(summary).toContain('| **response/schema** ');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# before\n${summary}`);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations[0]).toMatch(/^::error title=response\/schema RES-02::/);
    expect(run.stdout).toContain(`reports: ${join(out, 'report.json')}, ${join(out, 'summary.md')}`);
  });

  it('prints no annotation outside GitHub Actions, and still writes summary.md', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-ci-'));
    const run = await runCli([...FAILING, '--reporter', 'console,markdown', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/^::/m);
    expect(existsSync(join(out, 'summary.md'))).toBe(true);
  });
});

describe('--out -', () => {
  it('writes the one file report to stdout and the console to stderr', async () => {
    const run = await runCli([...FAILING, '--reporter', 'console,json', '--out', '-']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { digest: { checkId: string }[] };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.digest[0].checkId).toBe('response/schema');
    expect(run.stderr).toContain('Problems (');
    expect(run.stderr).toMatch(/1 scenario: 0 passed, 1 failed/);
    expect(run.stderr).not.toContain('reports:');
  });

  it('writes JUnit or Markdown alone to stdout, and nothing to stderr without the console', async () => {
    const junit = await runCli(['self-test', '--only', 'text-input', '--reporter', 'junit', '--out', '-']);
    expect(junit.code).toBe(0);
    expect(parseXml(junit.stdout).name).toBe('testsuites');
    expect(junit.stderr).toBe('');
    const markdown = await runCli(['self-test', '--only', 'text-input', '--reporter', 'markdown', '--out', '-']);
    expect(markdown.stdout).toMatch(/^## open-responses-check: ✔ passed\n/);
  });

  it('puts annotations on stderr too, so stdout stays one clean report', async () => {
    const run = await runCli([...FAILING, '--reporter', 'json', '--out', '-'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toMatch(/^::error title=response\/schema/m);
  });

  it('works for validate as well', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orc-ci-'));
    const capture = join(dir, 'bad.json');
    writeFileSync(capture, JSON.stringify({ id: 'resp_1', object: 'response' }));
    const run = await runCli(['validate', '--reporter', 'json', '--out', '-', capture]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { digest: unknown[] };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.digest.length).toBeGreaterThan(0);
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });

  it.each([
    ['no file reporter', 'console', '0 file reporters (none)'],
    ['two file reporters', 'console,json,junit', '2 file reporters (json, junit)'],
  ])('exits 2 before any request with %s, in one line', async (_name, reporters, said) => {
    const run = await runCli(['run', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--reporter', reporters, '--out', '-']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`--out - writes exactly one report to standard output, but --reporter chose ${said}`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
