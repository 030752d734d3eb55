import { stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserSession, injectedMarkup, openPage, requireBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { HOSTILE } from '../report/fixtures.js';
import { renderCompareHtml } from '../../src/compare/html.js';
import { buildMatrix } from '../../src/compare/matrix.js';
import { compared, describeKnown, doneSentinelFailed, report, scenario } from './fixtures.js';

/** Launching Chromium and three self-tests on a busy 2-core machine: large headroom. */
const BROWSER_TEST_TIMEOUT = 180_000;
const SCENARIOS = 'text-input,text-input-stream,error-invalid-max-output-tokens';
/** Where the screenshot goes, for a person to judge how the page reads. */
const SCREENSHOT = join(tmpdir(), 'compare.png');

describe('compare.html in a real browser (system Chromium)', () => {
  const session = browserSession('orc-compare-html-', BROWSER_TEST_TIMEOUT);

  it(
    'renders the matrix, shows a failed cell’s finding on hover, filters to the differences and opens a requirement’s scenarios',
    async (ctx) => {
      const ready = requireBrowser(session.browser(), ctx, 'compare.html');
      const reports: string[] = [];
      for (const [name, fault] of [['clean', []], ['no-done', ['--fault', 'no-done-sentinel']], ['sse-ids', ['--fault', 'sse-id-field']]] as const) {
        const out = join(session.dir(), name);
        const run = await runCli(['self-test', '--only', SCENARIOS, '--reporter', 'json', '--out', out, ...fault]);
        expect(run.code, run.stderr).toBeLessThanOrEqual(1);
        reports.push(out);
      }
      const out = join(session.dir(), 'compare');
      expect((await runCli(['compare', ...reports, '--out', out, '--reporter', 'html'])).code).toBe(0);

      const problems: string[] = [];
      const page = await openPage(ready, problems, { width: 1400, height: 1000 });
      await page.goto(pathToFileURL(join(out, 'compare.html')).href);

      const requirements = page.locator('#requirements');
      expect(await requirements.locator('thead th.column').count()).toBe(3);
      expect(await page.locator('#scenarios tbody tr.row').count()).toBe(3);
      const doneRow = requirements.locator('tr.row', { hasText: 'stream/done-sentinel' });
      expect(await doneRow.locator('td.cell').allInnerTexts()).toEqual(['passed', 'failed', 'passed']);

      const failed = doneRow.locator('td.cell.failed');
      const tip = failed.locator('.tip');
      expect(await tip.isVisible()).toBe(false);
      await failed.hover();
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toContain('The stream ended without the final data: [DONE] message.');
      await page.screenshot({ path: SCREENSHOT });
      expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);

      const statusRow = requirements.locator('tr.row', { hasText: 'http/status-ok' });
      expect(await statusRow.isVisible()).toBe(true);
      await page.locator('#only-differences').check();
      expect(await statusRow.isVisible()).toBe(false);
      expect(await doneRow.isVisible()).toBe(true);
      expect(await page.locator('#scenarios tr.row:visible').allInnerTexts()).toEqual([expect.stringContaining('text-input-stream')]);
      expect(await page.locator('#shown-rows').innerText()).toBe(String(await page.locator('tr.row:visible').count()));

      const scenarioRows = requirements.locator(`tr.sub[data-parent="${await doneRow.getAttribute('id')}"]`);
      expect(await scenarioRows.count()).toBe(1);
      expect(await scenarioRows.isVisible()).toBe(false);
      await doneRow.locator('button.expand').click();
      expect(await scenarioRows.isVisible()).toBe(true);
      expect(await scenarioRows.locator('td').allInnerTexts()).toEqual(['text-input-stream', 'passed', 'failed', 'passed']);
      await page.locator('#only-differences').uncheck();
      expect(await statusRow.isVisible()).toBe(true);
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'runs no markup from hostile report text, and shows it as text',
    async (ctx) => {
      const ready = requireBrowser(session.browser(), ctx, 'compare.html');
      const hostile = scenario(`${HOSTILE}<img src=x onerror="window.__injected=1">`, [doneSentinelFailed(`<script>window.__injected=1</script>${HOSTILE}`)], 'failed');
      const matrix = buildMatrix([compared(HOSTILE, report(`${HOSTILE}<b>`, [hostile], { target: { baseUrl: `${HOSTILE}<b>`, model: HOSTILE } }))], describeKnown);
      const path = join(session.dir(), 'hostile.html');
      await writeFile(path, renderCompareHtml(matrix, { onlyDifferences: false }), 'utf8');
      const problems: string[] = [];
      const page = await openPage(ready, problems);
      await page.goto(pathToFileURL(path).href);
      expect(await injectedMarkup(page)).toEqual({ flag: undefined, scripts: 1, foreign: 0, handlers: [] });
      expect(await page.locator('#scenarios tbody code').innerText()).toContain(`<&"'> ]]> x ]]> red`);
      expect(await page.locator('#scenarios th.column').innerText()).toContain('red | 😀 é<b>');
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
