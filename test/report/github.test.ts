import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { escapeData, escapeProperty, publishToGithub, renderAnnotations } from '../../src/report/github.js';
import { renderMarkdownSummary } from '../../src/report/markdown.js';
import type { RunResult, ScenarioResult } from '../../src/runner/result.js';
import { HOSTILE, check, failedScenario, hostileRun, passedScenario, sampleRun } from './fixtures.js';

/** A run with `fails` distinct failures and `warns` distinct warnings, one scenario each. */
function runWith(fails: number, warns: number): RunResult {
  const scenario = (id: string, verdict: Finding['verdict'], i: number): ScenarioResult => ({
    ...failedScenario,
    id,
    checks: [
      check({
        id: 'response/schema',
        status: verdict === 'fail' ? 'failed' : 'warning',
        findings: [{ checkId: 'response/schema', requirement: 'RES-02', verdict, message: `problem ${i}`, expected: `kind ${'x'.repeat(i + 1)}` }],
      }),
    ],
  });
  return {
    ...sampleRun(),
    scenarios: [
      ...Array.from({ length: fails }, (_, i) => scenario(`f${i}`, 'fail', i)),
      ...Array.from({ length: warns }, (_, i) => scenario(`w${i}`, 'warn', 100 + i)),
    ],
  };
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in a message, in that order', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeData('a: b, c')).toBe('a: b, c');
  });

  it('escapes : and , in a property value too', () => {
    expect(escapeProperty('stream/x SSE-1: a, b%\n')).toBe('stream/x SSE-1%3A a%2C b%25%0A');
  });
});

describe('renderAnnotations', () => {
  it('annotates each distinct problem, failures as errors and warnings as warnings, the digest order kept', () => {
    expect(renderAnnotations(sampleRun())).toEqual([
      '::error title=stream/sequence-number-increasing SSE-SEQ-02::response.output_text.delta /sequence_number: expected 5 — sequence_number went backwards at event 4 (1 scenario, e.g. stream/basic-text)',
      '::error title=body/output-text-path BODY-OUT-03::/output/*/content/*/text: expected string — output[0].content[0].text is not a string (1 scenario, e.g. stream/basic-text)',
      '::warning title=http/request-id-header HTTP-HDR-04::expected a non-empty x-request-id header — no x-request-id header (1 scenario, e.g. conversation/previous-response › turn-2)',
      '::warning title=stream/done-terminator SSE-END-01::the stream ended without [DONE] (1 scenario, e.g. stream/basic-text)',
    ]);
  });

  it('annotates a tool error as an error that says it is a bug in the tool', () => {
    const run = { ...sampleRun(), scenarios: [{ ...failedScenario, status: 'error' as const, checks: [check({ id: 'stream/x', status: 'error', message: 'not judged: boom' })] }] };
    expect(renderAnnotations(run)).toEqual(['::error title=tool error (a bug in open-responses-check) in stream/x REQ-01::not judged: boom (1 scenario, e.g. stream/basic-text)']);
  });

  it('prints nothing for a run without problems', () => {
    expect(renderAnnotations({ ...sampleRun(), scenarios: [passedScenario] })).toEqual([]);
  });

  it('caps each kind at 10 and counts the rest in one notice', () => {
    const lines = renderAnnotations(runWith(13, 12));
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(10);
    expect(lines.at(-1)).toBe('::notice title=open-responses-check::5 more distinct problems; report.json lists them all');
    expect(renderAnnotations(runWith(10, 10))).toHaveLength(20);
  });

  it('lets no server text end the command or start another, and keeps title values whole', () => {
    const lines = renderAnnotations(hostileRun());
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) title=[^:,]*::/);
      expect(line).not.toMatch(/[\r\n\u0000-\u001f]/);
      expect(line).not.toContain('pwned');
    }
    const withBreaks = runWith(1, 0);
    withBreaks.scenarios[0].checks[0].findings[0].message = 'one\n::add-mask::x\r\n100%';
    const [line] = renderAnnotations(withBreaks);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('one ::add-mask::x 100%25');
    expect(HOSTILE).toContain('\u001b');
  });
});

describe('publishToGithub', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orc-github-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY, keeping what other steps wrote', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const out = collect();
    await publishToGithub(sampleRun(), { env: { GITHUB_STEP_SUMMARY: summary }, stream: out.stream, stderr: out.stream, markdown: true });
    expect(await readFile(summary, 'utf8')).toBe(`# earlier step\n${renderMarkdownSummary(sampleRun())}`);
    expect(out.text()).toBe('');
  });

  it('writes no step summary without the markdown reporter or without the variable', async () => {
    const summary = join(dir, 'step-summary.md');
    await publishToGithub(sampleRun(), { env: { GITHUB_STEP_SUMMARY: summary }, stream: collect().stream, stderr: collect().stream, markdown: false });
    await publishToGithub(sampleRun(), { env: { GITHUB_STEP_SUMMARY: '' }, stream: collect().stream, stderr: collect().stream, markdown: true });
    await expect(readFile(summary, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('says in one line on stderr when the step summary cannot be appended, and goes on', async () => {
    const out = collect();
    const err = collect();
    await publishToGithub(sampleRun(), { env: { GITHUB_STEP_SUMMARY: join(dir, 'missing', 'summary.md'), GITHUB_ACTIONS: 'true' }, stream: out.stream, stderr: err.stream, markdown: true });
    expect(err.text()).toBe("open-responses-check: cannot append the summary to $GITHUB_STEP_SUMMARY (ENOENT); the run's other reports are written\n");
    expect(out.text()).toMatch(/^::error /);
  });

  it('prints annotations only when GITHUB_ACTIONS is "true"', async () => {
    const on = collect();
    await publishToGithub(sampleRun(), { env: { GITHUB_ACTIONS: 'true' }, stream: on.stream, stderr: on.stream, markdown: false });
    expect(on.text()).toBe(renderAnnotations(sampleRun()).join('\n') + '\n');
    for (const env of [{}, { GITHUB_ACTIONS: 'false' }, { CI: 'true' }]) {
      const off = collect();
      await publishToGithub(sampleRun(), { env, stream: off.stream, stderr: off.stream, markdown: false });
      expect(off.text()).toBe('');
    }
  });
});
