import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html.js';
import { browserSession, findChromium, injectedMarkup, noChromiumMessage, openPage, requireBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { hostileRunWithSteps } from './html-fixtures.js';

/** Launching Chromium and a full self-test on a busy 2-core machine: large headroom. */
const BROWSER_TEST_TIMEOUT = 180_000;

describe('report.html in a real browser (system Chromium)', () => {
  const session = browserSession('orc-html-', BROWSER_TEST_TIMEOUT);

  it(
    'shows a failing self-test: the digest, the highlighted offending event, status filters that hide passing scenarios',
    async (ctx) => {
      const ready = requireBrowser(session.browser(), ctx, 'report.html');
      const key = 'sk-html-test-0123456789abcdef';
      const out = join(session.dir(), 'self-test');
      const run = await runCli(['self-test', '--fault', 'no-done-sentinel', '--reporter', 'html', '--out', out, '--api-key', key]);
      expect(run.code, run.stderr).toBe(1);
      const reportPath = join(out, 'report.html');
      expect(await readFile(reportPath, 'utf8')).not.toContain(key);

      const problems: string[] = [];
      const page = await openPage(ready, problems);
      await page.goto(pathToFileURL(reportPath).href);

      const digest = page.locator('section.digest');
      await expect.poll(() => digest.isVisible()).toBe(true);
      expect(await digest.innerText()).toContain('stream/done-sentinel');

      const failedCards = page.locator('article.scenario[data-status="failed"]');
      const failedCount = await failedCards.count();
      expect(failedCount).toBeGreaterThan(0);
      const highlighted = failedCards.first().locator('tr.offending');
      expect(await highlighted.count()).toBe(1);
      expect(await highlighted.isVisible()).toBe(true);
      expect(await highlighted.innerText()).toMatch(/response\.completed[\s\S]*stream\/done-sentinel/);

      const passedCards = page.locator('article.scenario[data-status="passed"]');
      const passedRows = page.locator('tr[data-status="passed"]');
      expect(await page.locator('article.scenario[data-status="passed"]:visible').count()).toBeGreaterThan(0);
      expect(await page.locator('#shown-count').innerText()).toBe(String(await page.locator('article.scenario').count()));
      await page.screenshot({ path: join(session.dir(), 'report.png') });

      await page.locator('input[data-filter="passed"]').uncheck();
      expect(await passedCards.count()).toBeGreaterThan(0);
      expect(await page.locator('article.scenario[data-status="passed"]:visible').count()).toBe(0);
      expect(await page.locator('tr[data-status="passed"]:visible').count()).toBe(0);
      expect(await page.locator('article.scenario[data-status="failed"]:visible').count()).toBe(failedCount);
      expect(await page.locator('#shown-count').innerText()).toBe(String(failedCount));
      await page.screenshot({ path: join(session.dir(), 'report-failed-only.png'), fullPage: true });

      await page.locator('input[data-filter="passed"]').check();
      expect(await page.locator('tr[data-status="passed"]:visible').count()).toBe(await passedRows.count());

      expect((await stat(join(session.dir(), 'report.png'))).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'runs no markup from hostile server text: no injected element, handler or dialog, and the text is shown as text',
    async (ctx) => {
      const ready = requireBrowser(session.browser(), ctx, 'report.html');
      const reportPath = join(session.dir(), 'hostile.html');
      await writeFile(reportPath, renderHtmlReport(hostileRunWithSteps()), 'utf8');

      const problems: string[] = [];
      const page = await openPage(ready, problems);
      await page.goto(pathToFileURL(reportPath).href);

      expect(await injectedMarkup(page)).toEqual({ flag: undefined, scripts: 1, foreign: 0, handlers: [] });
      // The scenario id is shown as the text it was, markup characters and all.
      expect(await page.locator('article.scenario h3').innerText()).toContain(`<&"'> ]]> x ]]> red`);
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});

describe('findChromium', () => {
  it('takes CHROMIUM_PATH when it exists, and only it', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: join(tmpdir(), 'no-such-chromium') })).toBeUndefined();
    expect(findChromium({ CHROMIUM_PATH: '' })).toBeUndefined();
  });

  it('names where it looked, for the skip note and the CI failure', () => {
    expect(noChromiumMessage({ CHROMIUM_PATH: '/opt/x' })).toBe('no Chromium found (looked at CHROMIUM_PATH=/opt/x); install it with: apt-get install -y chromium');
    expect(noChromiumMessage({})).toContain('/usr/bin/chromium, /usr/bin/chromium-browser');
  });
});
