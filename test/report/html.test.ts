import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { REPORT_CSS, REPORT_SCRIPT } from '../../src/report/html-assets.js';
import { escapeHtml } from '../../src/report/html-escape.js';
import { renderHtmlReport } from '../../src/report/html.js';
import type { RunResult } from '../../src/runner/result.js';
import { check, sampleRun } from './fixtures.js';
import { hostileRunWithSteps, INJECTION, runWithSteps } from './html-fixtures.js';

/** The card of scenario `index`, from its opening tag to its end. */
function card(html: string, index: number): string {
  const start = html.indexOf(`<article class="scenario`, html.indexOf(` id="s${index}"`) - 60);
  return html.slice(start, html.indexOf('</article>', start));
}

/** Every tag the page holds, with its name and attribute names. */
function tags(html: string): { name: string; attributes: string[] }[] {
  return [...html.matchAll(/<(\/?[a-zA-Z][\w-]*)([^>]*)>/g)].map((match) => ({
    name: match[1].toLowerCase(),
    attributes: [...match[2].matchAll(/\s([^\s="']+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()),
  }));
}

describe('escapeHtml', () => {
  it('turns markup characters into references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('removes escape sequences, controls, bidi overrides and lone surrogates, keeping emoji, accents and line breaks', () => {
    expect(escapeHtml('\u001b[31mred\u001b[0m\u0000\u0007\u202eevil\uD800|\uDC00 😀 é\nnext\ttab')).toBe('redevil| 😀 é\nnext\ttab');
  });

  it('leaves plain text as it is', () => {
    expect(escapeHtml('stream/done-sentinel: expected 5, seen 3')).toBe('stream/done-sentinel: expected 5, seen 3');
  });
});

describe('renderHtmlReport', () => {
  it('is one self-contained page: nothing loaded from anywhere, only its own style and script allowed', () => {
    const html = renderHtmlReport(runWithSteps());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link|<iframe|<img|\ssrc=|@import|url\(|href="(?!#)/i);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`script-src 'sha256-${hash(REPORT_SCRIPT)}'`);
    expect(policy).toContain(`style-src 'sha256-${hash(REPORT_CSS)}'`);
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
  });

  it('puts the distinct problems first, before the sections and scenarios', () => {
    const html = renderHtmlReport(runWithSteps());
    expect(html).toContain('Distinct problems (4)');
    const order = ['id="digest"', 'id="sections"', 'id="scenarios"', 'id="s0"'].map((marker) => html.indexOf(marker));
    expect(order.every((position, i) => position > -1 && (i === 0 || position > order[i - 1]))).toBe(true);
    const digest = html.slice(html.indexOf('id="digest"'), html.indexOf('id="sections"'));
    // The sequence problem: counted 7 times, linked to the scenario it was met in.
    expect(digest).toMatch(/stream\/sequence-number-increasing[\s\S]*<td class="num">7<\/td><td><a href="#s1">stream\/basic-text<\/a>/);
  });

  it('says when there is no problem, and shows no digest rows', () => {
    const html = renderHtmlReport({ ...sampleRun(), scenarios: [sampleRun().scenarios[0]] });
    expect(html).toContain('Distinct problems (0)');
    expect(html).toContain('No problems found.');
  });

  it('counts check outcomes by spec section, failing sections first', () => {
    const html = renderHtmlReport(runWithSteps());
    const sections = html.slice(html.indexOf('id="sections"'), html.indexOf('id="scenarios"'));
    const rows = [...sections.matchAll(/<tr><td>([^<]+)<\/td>((?:<td[^>]*>\d+<\/td>)+)<\/tr>/g)].map((m) => [
      m[1],
      [...m[2].matchAll(/>(\d+)</g)].map((n) => Number(n[1])),
    ]);
    // Columns: failed, warning, passed, skipped, not run, error, expected (baseline).
    expect(rows).toEqual([
      ['Responses', [1, 1, 4, 2, 1, 0, 0]],
      ['Streaming HTTP Responses', [1, 0, 0, 0, 0, 0, 0]],
      ['HTTP Responses', [0, 1, 0, 0, 0, 0, 0]],
    ]);
  });

  it('offers one filter per status, all ticked, and marks every scenario card and row with its status', () => {
    const html = renderHtmlReport(runWithSteps());
    const filters = [...html.matchAll(/<input type="checkbox" data-filter="([a-z_]+)" checked>/g)].map((m) => m[1]);
    expect(filters).toEqual(['failed', 'warning', 'passed', 'skipped', 'not_run', 'error', 'expected']);
    const statuses = sampleRun().scenarios.map((s) => s.status);
    expect([...html.matchAll(/<article class="scenario \w+" id="s\d+" data-status="(\w+)"/g)].map((m) => m[1])).toEqual(statuses);
    expect([...html.matchAll(/<tr data-status="(\w+)">/g)].map((m) => m[1])).toEqual(statuses);
  });

  it('shows a failure with its request, answer and timeline, the offending events highlighted and linked', () => {
    const failed = card(renderHtmlReport(runWithSteps()), 1);
    expect(failed).toContain('<code>POST /responses</code> (stream)');
    expect(failed).toContain(escapeHtml(JSON.stringify({ model: 'test-model', input: 'Count to 5', stream: true }, null, 2)));
    expect(failed).toContain('<strong>HTTP 200</strong>');
    expect(failed).toContain('<td class="mono">content-type</td><td class="mono">text/event-stream</td>');
    expect(failed).toContain('… and 3 later events not recorded');
    // Findings point at events 4..10 (sequence) and 11 (the warning); 0..3 are not offending.
    for (const index of [4, 10]) {
      expect(failed).toContain(`<tr class="offending fail" id="s1-step0-e${index}"><td class="num">${index}</td><td>response.output_text.delta</td><td class="num">${index}</td><td>◀ stream/sequence-number-increasing</td></tr>`);
    }
    expect(failed).toContain('<tr class="offending warn" id="s1-step0-e11">');
    expect(failed).toContain('<tr><td class="num">3</td><td>response.output_text.delta</td><td class="num">3</td><td></td></tr>');
    expect(failed.match(/class="offending/g)).toHaveLength(8);
    expect(failed).toContain('<a href="#s1-step0-e4">at /sequence_number, event #4 (response.output_text.delta, sequence_number 3), byte offset 1238</a>');
  });

  it('shows each finding: verdict, message, requirement, expected, seen, excerpt', () => {
    const failed = card(renderHtmlReport(runWithSteps()), 1);
    expect(failed).toContain(
      '<div class="finding fail"><div><span class="badge failed">failed</span> output[0].content[0].text is not a string</div>' +
        '<dl><dt>requirement</dt><dd>BODY-OUT-03</dd><dt>expected</dt><dd>string</dd><dt>seen</dt><dd>number</dd>' +
        '<dt>where</dt><dd>at /output/0/content/0/text</dd><dt>excerpt</dt><dd><pre>{&quot;type&quot;:&quot;output_text&quot;,&quot;text&quot;:42}</pre></dd></dl></div>',
    );
    expect(failed).toContain('<div class="finding warn"><div><span class="badge warning">warning</span> the stream ended without [DONE]</div>');
  });

  it('highlights a multi-step scenario\'s findings in their own step only', () => {
    const conversation = card(renderHtmlReport(runWithSteps()), 2);
    expect(conversation).toContain('<tr class="offending warn" id="s2-step1-e2">');
    expect(conversation).not.toContain('id="s2-step0-e');
  });

  it('keeps a passed scenario short: its requests folded, nothing highlighted', () => {
    const passed = card(renderHtmlReport(runWithSteps()), 0);
    expect(passed).toContain('<details><summary>Requests and answers (1)</summary>');
    expect(passed).toContain('<summary>Other checks: 2 passed</summary>');
    expect(passed).not.toContain('offending');
    expect(passed).not.toContain('class="finding');
  });

  it('caps the findings shown under one check and says how many more there are', () => {
    const finding: Finding = { checkId: 'c', requirement: 'R', verdict: 'fail', message: 'bad' };
    const run: RunResult = {
      ...sampleRun(),
      scenarios: [{ ...sampleRun().scenarios[1], checks: [check({ id: 'c', status: 'failed', findings: Array(25).fill(finding), droppedFindings: 5 })] }],
    };
    const html = renderHtmlReport(run);
    expect(html.match(/class="finding fail"/g)).toHaveLength(20);
    expect(html).toContain('… and 10 more findings of this check (see report.json)');
  });

  it('shows the run-wide diagnosis, a scenario note and where the target stopped', () => {
    const html = renderHtmlReport({ ...runWithSteps(), diagnosis: 'every request was refused with HTTP 401' });
    expect(html).toContain('<p class="callout">every request was refused with HTTP 401</p>');
    expect(html).toContain('the last scenario it answered was <code>tools/function-call</code>');
    expect(card(html, 4)).toContain('<p class="callout note">the target stopped answering before this scenario</p>');
    expect(renderHtmlReport(sampleRun())).not.toContain('<p class="callout">');
  });

  it('lets no server-supplied string inject markup: no script, element or attribute of its own survives', () => {
    const html = renderHtmlReport(hostileRunWithSteps());
    // The page's own tags and attributes only; every `<` and `"` of the hostile text became a reference.
    const allowedTags = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'span', 'strong', 'div', 'section', 'article', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'a', 'details', 'summary', 'label', 'input', 'dl', 'dt', 'dd', 'script']);
    const allowedAttributes = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'data-status', 'data-filter', 'type', 'checked', 'role', 'aria-label']);
    for (const tag of tags(html)) {
      expect(allowedTags).toContain(tag.name.replace('/', ''));
      for (const attribute of tag.attributes) expect(allowedAttributes).toContain(attribute);
    }
    expect(html.match(/<script/gi)).toHaveLength(1);
    // `onerror=` may stay as harmless text; no tag carries it (checked above).
    expect(html).not.toMatch(/<img|<svg/i);
    expect(html).not.toContain(`<&"'>`);
    expect(html).not.toContain(INJECTION);
    // The hostile text is still shown, as text, and an emoji survives.
    expect(html).toContain('&lt;&amp;&quot;&#39;&gt; ]]&gt; x ]]&gt; red');
    expect(html).toContain('&lt;script&gt;window.__injected=1&lt;/script&gt;');
    expect(html).toContain('😀 é');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u001b\ufffe]|[\ud800-\udbff](?![\udc00-\udfff])/);
    // The hostile step is matched to the hostile check and its event highlighted, escaped too.
    expect(html).toContain('<tr class="offending fail" id="s0-step0-e2">');
  });
});
