import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, type TestContext } from 'vitest';

/** Where Debian and Ubuntu put Chromium; CHROMIUM_PATH overrides them. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The system Chromium the browser tests drive, or undefined when there is none. When
 * CHROMIUM_PATH is set only that path counts, so a run can point at another build (or at
 * nothing, to see the skip).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH !== undefined ? [env.CHROMIUM_PATH] : CHROMIUM_PATHS;
  return candidates.find((path) => path !== '' && existsSync(path));
}

/** Why a browser test cannot run here, in words for the skip note or the CI failure. */
export function noChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const looked = env.CHROMIUM_PATH !== undefined ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : CHROMIUM_PATHS.join(', ');
  return `no Chromium found (looked at ${looked}); install it with: apt-get install -y chromium`;
}

/**
 * The system Chromium, launched, or undefined when there is none. --no-sandbox: CI and the dev
 * machines run as root, where Chromium's sandbox refuses to start; the only pages opened are the
 * reports the tests wrote.
 */
export async function launchChromium(): Promise<Browser | undefined> {
  const executablePath = findChromium();
  return executablePath === undefined ? undefined : chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/**
 * For a describe block: Chromium launched and a scratch folder made before its tests, both closed
 * and removed after them. `browser()` is undefined when this machine has no Chromium.
 */
export function browserSession(folderPrefix: string, launchTimeoutMs: number): { browser(): Browser | undefined; dir(): string } {
  let browser: Browser | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), folderPrefix));
    browser = await launchChromium();
  }, launchTimeoutMs);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { browser: () => browser, dir: () => dir };
}

/**
 * The browser, or a skip saying why when this machine has no Chromium; on CI (.ci/run installs
 * it) a missing browser fails the test instead, so the browser tests never silently stop running.
 */
export function requireBrowser(browser: Browser | undefined, ctx: TestContext, page: string): Browser {
  if (browser !== undefined) return browser;
  const message = noChromiumMessage();
  if (process.env.CI) throw new Error(`${message}; CI must run the browser tests`);
  console.warn(`${page} browser test skipped: ${message}`);
  return ctx.skip(message);
}

/** A page that records every script error and console error, CSP refusals included, and every dialog. */
export async function openPage(browser: Browser, problems: string[], viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

/**
 * What markup smuggled into a page would leave: the `__injected` flag a planted script sets, the
 * scripts (a page has its one), elements that load or embed, and event-handler, autofocus or src
 * attributes.
 */
export function injectedMarkup(page: Page): Promise<{ flag: unknown; scripts: number; foreign: number; handlers: string[] }> {
  return page.evaluate(() => ({
    flag: (window as unknown as Record<string, unknown>).__injected,
    scripts: document.scripts.length,
    foreign: document.querySelectorAll('img, svg, iframe, object, embed, link').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on') || name === 'autofocus' || name === 'src')),
  }));
}
