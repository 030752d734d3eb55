import { describe, expect, it } from 'vitest';
import { renderCompareHtml } from '../../src/compare/html.js';
import { renderCompareMarkdown } from '../../src/compare/markdown.js';
import { buildMatrix } from '../../src/compare/matrix.js';
import { HOSTILE } from '../report/fixtures.js';
import { compared, describeKnown, doneSentinelFailed, markdownRow, passed, report, scenario } from './fixtures.js';

const streamOk = scenario('text-stream', [passed('http/status-ok'), passed('stream/done-sentinel')]);
const streamNoDone = scenario('text-stream', [passed('http/status-ok'), doneSentinelFailed()], 'failed');

function twoTargets(overridesOfB = {}) {
  return buildMatrix([compared('a/report.json', report('http://a/v1', [streamNoDone])), compared('b/report.json', report('http://b/v1', [streamOk], overridesOfB))], describeKnown);
}

describe('renderCompareHtml', () => {
  it('is one self-contained page: its own CSP, nothing loaded, one script', () => {
    const html = renderCompareHtml(twoTargets(), { onlyDifferences: false });
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|href="http/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('puts a failed cell with its finding in a popover, and a column header per target', () => {
    const html = renderCompareHtml(twoTargets(), { onlyDifferences: false });
    expect(html).toContain('<th class="column">http://a/v1<p class="meta">test-model · open-responses-check 0.1.0 · spec 2026-04-24</p></th>');
    expect(html).toMatch(/<td class="cell failed" tabindex="0">failed<div class="tip" role="tooltip">failed 1\ntext-stream: SSE-F-05 The stream ended without the final data: \[DONE\] message\./);
    expect(html).toContain('<td class="cell passed last" title="passed 1">passed</td>');
    expect(html).toContain('<tr class="row differs" data-differs="true" id="r1">');
    expect(html).not.toContain('id="version-warning"');
    expect(html).toContain('<input type="checkbox" id="only-differences"> only rows where the targets differ (2 of 3)');
  });

  it('starts with the differences switch on when asked', () => {
    expect(renderCompareHtml(twoTargets(), { onlyDifferences: true })).toContain('<input type="checkbox" id="only-differences" checked>');
  });

  it('leads with a warning naming each report’s versions when they differ', () => {
    const html = renderCompareHtml(twoTargets({ tool: { name: 'open-responses-check', version: '0.2.0' } }), { onlyDifferences: false });
    expect(html).toContain('<div class="callout versions" id="version-warning" role="alert">');
    expect(html).toContain('<li>tool version: <strong>open-responses-check 0.1.0</strong> (http://a/v1), <strong>open-responses-check 0.2.0</strong> (http://b/v1)</li>');
  });

  it('escapes every string a report carries', () => {
    const hostile = scenario(HOSTILE, [doneSentinelFailed(HOSTILE)], 'failed');
    const html = renderCompareHtml(buildMatrix([compared(HOSTILE, report(HOSTILE, [hostile], { target: { baseUrl: HOSTILE, model: HOSTILE } }))], describeKnown), { onlyDifferences: false });
    expect(html).not.toContain('<&');
    expect(html).not.toContain('\u001b');
    expect(html).toContain('&lt;&amp;&quot;&#39;&gt;');
  });
});

describe('renderCompareMarkdown', () => {
  it('has the scenarios and the requirements by section, a cell per target', () => {
    const markdown = renderCompareMarkdown(twoTargets(), { onlyDifferences: false });
    expect(markdownRow(markdown, 'text-stream')).toEqual(['✖ failed', '✔ passed']);
    expect(markdownRow(markdown, 'SSE-F-05 stream/done-sentinel')).toEqual(['✖ failed', '✔ passed']);
    expect(markdownRow(markdown, 'HTTP-09 http/status-ok')).toEqual(['✔ passed', '✔ passed']);
    expect(markdownRow(markdown, '*scenarios*')).toEqual(['0 passed · 0 failed', '0 passed · 0 failed']);
    expect(markdown).toContain('| **Streaming HTTP Responses** | | |');
    expect(markdown).toContain('### Where the targets differ');
    expect(markdown).toMatch(/- \*\*SSE-F-05 stream\/done-sentinel\*\* · http:\/\/a\/v1: text-stream: SSE-F-05 The stream ended without the final data: \\\[DONE\\\] message\./);
    expect(markdown).not.toContain('different versions');
  });

  it('with onlyDifferences leaves out the rows where the targets agree', () => {
    const markdown = renderCompareMarkdown(twoTargets(), { onlyDifferences: true });
    expect(markdownRow(markdown, 'SSE-F-05 stream/done-sentinel')).toEqual(['✖ failed', '✔ passed']);
    expect(markdown).not.toContain('HTTP-09');
    expect(markdown).not.toContain('**HTTP Responses**');
  });

  it('starts with the version warning when the reports differ', () => {
    const markdown = renderCompareMarkdown(twoTargets({ specVersion: '2026-01-15' }), { onlyDifferences: false });
    expect(markdown.split('\n').slice(0, 4)).toEqual([
      '## open-responses-check compare: 2 targets',
      '',
      '> **⚠ These reports were made with different versions**: a difference between columns may come from the tool or the spec release, not from the servers.',
      '> - spec release: **2026-04-24** (http://a/v1), **2026-01-15** (http://b/v1)',
    ]);
  });

  it('makes report text inert', () => {
    const hostile = scenario(`${HOSTILE} | *x*`, [passed('http/status-ok')]);
    const markdown = renderCompareMarkdown(buildMatrix([compared('a.json', report('http://a/v1', [hostile]))], describeKnown), { onlyDifferences: false });
    expect(markdown).toContain('&lt;&amp;"\'&gt;');
    expect(markdown).toContain('\\| \\*x\\*');
    expect(markdown).not.toContain('\u001b');
  });
});
