import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { cell, renderMarkdownSummary } from '../../src/report/markdown.js';
import type { RunResult, ScenarioResult } from '../../src/runner/result.js';
import { HOSTILE, check, failedScenario, hostileRun, passedScenario, sampleRun } from './fixtures.js';

function tableRows(markdown: string, heading: string): string[] {
  const section = markdown.split(`### ${heading}`)[1]?.split('\n### ')[0] ?? '';
  return section.split('\n').filter((line) => line.startsWith('| ')).slice(2);
}

describe('renderMarkdownSummary', () => {
  it('says the verdict and the run in two lines', () => {
    const markdown = renderMarkdownSummary(sampleRun());
    const [title, blank, run] = markdown.split('\n');
    expect(title).toBe('## open-responses-check: ✖ failed');
    expect(blank).toBe('');
    expect(run).toBe(
      'Target http://127.0.0.1:8080/v1 · model test-model · spec 2026-04-24 · 5 scenarios: 1 passed, 1 failed, 1 warning, 1 skipped, 1 not run · 1.23 s',
    );
    const clean = { ...sampleRun(), scenarios: [passedScenario], summary: { ...sampleRun().summary, failed: 0, warning: 0, notRun: 0 } };
    expect(renderMarkdownSummary(clean).split('\n')[0]).toBe('## open-responses-check: ✔ passed');
    expect(renderMarkdownSummary({ ...clean, summary: { ...clean.summary, warning: 1 } }).split('\n')[0]).toBe('## open-responses-check: ⚠ passed with warnings');
  });

  it('puts the digest first: problem, verdict, requirement, scenarios hit', () => {
    const markdown = renderMarkdownSummary(sampleRun());
    expect(markdown.indexOf('### Problems (4 distinct)')).toBeLessThan(markdown.indexOf('### Scenarios'));
    expect(markdown).toContain('| Problem | Verdict | Requirement | Scenarios hit |\n| --- | --- | --- | ---: |\n');
    expect(tableRows(markdown, 'Problems (4 distinct)')).toEqual([
      '| **stream/sequence-number-increasing** response.output\\_text.delta /sequence\\_number: expected 5<br>sequence\\_number went backwards at event 4 (stream/basic-text) | ✖ fail | SSE-SEQ-02 | 1 (7 findings) |',
      '| **body/output-text-path** /output/\\*/content/\\*/text: expected string<br>output\\[0\\].content\\[0\\].text is not a string (stream/basic-text) | ✖ fail | BODY-OUT-03 | 1 |',
      '| **http/request-id-header** expected a non-empty x-request-id header<br>no x-request-id header (conversation/previous-response › turn-2) | ⚠ warn | HTTP-HDR-04 | 1 |',
      '| **stream/done-terminator**<br>the stream ended without \\[DONE\\] (stream/basic-text) | ⚠ warn | SSE-END-01 | 1 |',
    ]);
  });

  it('lists the scenarios by status, the worst first, with their notes', () => {
    expect(tableRows(renderMarkdownSummary(sampleRun()), 'Scenarios')).toEqual([
      '| ✖ failed | stream/basic-text | Streaming text response |',
      '| ⚠ warning | conversation/previous-response | Follow-up turn with previous\\_response\\_id |',
      '| – not run | stream/long-output | Long streamed output<br>the target stopped answering before this scenario |',
      '| ○ skipped | tools/function-call | Function tool call |',
      '| ✔ passed | http/basic-json | Non-streaming text response |',
    ]);
  });

  it('leaves the problems table out of a run without problems, and says a diagnosis first', () => {
    const run: RunResult = { ...sampleRun(), scenarios: [passedScenario], diagnosis: 'every request was answered HTTP 401' };
    const markdown = renderMarkdownSummary(run);
    expect(markdown).not.toContain('### Problems');
    expect(markdown).toContain('\n> **every request was answered HTTP 401**\n');
  });

  it('caps the problem rows and says where the rest are', () => {
    const finding = (i: number): Finding => ({ checkId: 'response/schema', requirement: 'RES-02', verdict: 'fail', message: 'm', expected: `type ${'x'.repeat(i)}` });
    const scenarios: ScenarioResult[] = Array.from({ length: 35 }, (_, i) => ({
      ...failedScenario,
      id: `s${i}`,
      checks: [check({ id: 'response/schema', status: 'failed', findings: [finding(i)] })],
    }));
    const markdown = renderMarkdownSummary({ ...sampleRun(), scenarios });
    expect(tableRows(markdown, 'Problems (35 distinct)')).toHaveLength(30);
    expect(markdown).toContain('\n… and 5 more (report.json lists them all)\n');
  });

  it('makes every server-supplied string inert: one line per row, no HTML, no Markdown syntax of its own', () => {
    const markdown = renderMarkdownSummary(hostileRun());
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(markdown).not.toContain('<&');
    expect(markdown).not.toContain('pwned');
    expect(markdown).toContain('&lt;&amp;"\'&gt;');
    for (const row of tableRows(markdown, 'Problems (1 distinct)')) expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    expect(markdown).toContain('😀');
    expect(HOSTILE).toContain('\u001b]0;pwned');
  });

  it('escapes what Markdown would read as syntax, and shortens long text', () => {
    expect(cell('a|b *c* _d_ `e` [f](g) ~h~ $x$ \\ <b>&')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$x\\$ \\\\ &lt;b&gt;&amp;');
    expect(cell('one\ntwo\r\nthree')).toBe('one two three');
    expect(cell('y'.repeat(500))).toBe(`${'y'.repeat(200)}…`);
    expect(cell(`${'y'.repeat(199)}😀z`)).toBe(`${'y'.repeat(199)}…`);
    expect(cell('plain words, 12.5 s')).toBe('plain words, 12.5 s');
  });
});
