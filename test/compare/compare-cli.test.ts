import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { markdownRow } from './fixtures.js';

/** Three self-tests on a busy 2-core machine: generous headroom. */
const SETUP_TIMEOUT = 180_000;
const STACK_LINE = /\n\s+at /;
const SCENARIOS = 'text-input,text-input-stream,error-invalid-max-output-tokens';

let dir: string;
/** Report folders: the reference server with no fault, without [DONE], with SSE ids, and a clean run on the older spec release. */
const reports = { clean: '', noDone: '', sseIds: '', older: '' };

async function selfTest(name: string, args: string[]): Promise<string> {
  const out = join(dir, name);
  const run = await runCli(['self-test', '--only', SCENARIOS, '--reporter', 'json', '--out', out, ...args]);
  expect(run.code, run.stderr).toBeLessThanOrEqual(1);
  readReport(out);
  return out;
}

describe('compare', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orc-compare-'));
    reports.clean = await selfTest('clean', []);
    reports.noDone = await selfTest('no-done', ['--fault', 'no-done-sentinel']);
    reports.sseIds = await selfTest('sse-ids', ['--fault', 'sse-id-field']);
    reports.older = await selfTest('older', ['--spec-version', '2026-01-15']);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes compare.html and compare.md: a faulted check fails in its own column only, a warning in its own', async () => {
    const out = join(dir, 'matrix');
    const run = await runCli(['compare', reports.clean, join(reports.noDone, 'report.json'), reports.sseIds, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^3 reports compared: 1 scenario and 2 requirement rows differ · wrote .*compare\.html, .*compare\.md\n$/);
    const markdown = readFileSync(join(out, 'compare.md'), 'utf8');
    expect(markdownRow(markdown, 'SSE-F-05 stream/done-sentinel')).toEqual(['✔ passed', '✖ failed', '✔ passed']);
    expect(markdownRow(markdown, 'SSE-F-04 stream/sse-id-field')).toEqual(['✔ passed', '✔ passed', '⚠ warning']);
    expect(markdownRow(markdown, 'HTTP-09 http/status-ok')).toEqual(['✔ passed 2/2', '✔ passed 2/2', '✔ passed 2/2']);
    expect(markdownRow(markdown, 'text-input-stream')).toEqual(['✔ passed', '✖ failed', '⚠ warning']);
    expect(markdownRow(markdown, 'text-input |')).toEqual(['✔ passed', '✔ passed', '✔ passed']);
    // A check of the scenario's own, listed by name only when it passes, still gets its requirement.
    expect(markdownRow(markdown, 'REQ-V-04 error/request-rejected')).toEqual(['✔ passed', '✔ passed', '✔ passed']);
    expect(markdown).not.toContain('absent');
    expect(markdown).not.toContain('different versions');
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('The stream ended without the final data: [DONE] message.');
  });

  it('flags reports of different spec releases, tool versions and spec documents: a warning line on stderr and at the top of both pages', async () => {
    const edited = join(dir, 'edited.json');
    const report = JSON.parse(readFileSync(join(reports.clean, 'report.json'), 'utf8')) as { tool: { version: string }; specSha256: string };
    report.tool.version = '9.9.9';
    // The same release name over another document, as an edited copy or a --spec file would give.
    report.specSha256 = 'f'.repeat(64);
    writeFileSync(edited, JSON.stringify(report));
    const out = join(dir, 'versions');
    const run = await runCli(['compare', reports.clean, reports.older, edited, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^open-responses-check: warning: the reports differ in tool version \(open-responses-check 0\.1\.0 in .*, open-responses-check 9\.9\.9 in .*\); spec release \(2026-04-24 in .*, 2026-01-15 in .*, 2026-04-24 in .*\); spec document \(sha256\) \([0-9a-f]{12}… in .*, [0-9a-f]{12}… in .*, ffffffffffff… in .*\); they are compared all the same/,
      ),
      '',
    ]);
    const markdown = readFileSync(join(out, 'compare.md'), 'utf8');
    expect(markdown.split('\n')[2]).toContain('These reports were made with different versions');
    expect(markdown).toMatch(/> - spec release: \*\*2026-04-24\*\* .*, \*\*2026-01-15\*\* /);
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain('id="version-warning"');
    // Each report names the document it tested by its hash; the two releases' documents differ.
    const hashes = [reports.clean, reports.older].map((folder) => readReport(folder).specSha256);
    expect(hashes).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(markdown).toContain(`> - spec document (sha256): **${hashes[0]?.slice(0, 12)}…**`);
  });

  it('flags nothing for reports of one tool version and one spec document', async () => {
    const run = await runCli(['compare', reports.clean, reports.noDone, '--out', join(dir, 'same-versions')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('writes the one chosen page to stdout with --out -, and --only-differences keeps the rows that differ', async () => {
    const run = await runCli(['compare', reports.clean, reports.noDone, '--out', '-', '--reporter', 'markdown', '--only-differences']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(markdownRow(run.stdout, 'SSE-F-05 stream/done-sentinel')).toEqual(['✔ passed', '✖ failed']);
    expect(run.stdout).not.toContain('HTTP-09');
    expect(run.stdout).not.toContain('| text-input |');
  });

  it.each([
    ['a missing file', () => [join(dir, 'nope.json')], /^open-responses-check: cannot read .*nope\.json: no such file or folder\n$/],
    ['a folder without report.json', () => [dir], /^open-responses-check: cannot read .*report\.json: no such file or folder\n$/],
    ['a file that is not JSON', () => [write('not-json.json', 'hello')], /^open-responses-check: .*not-json\.json is not JSON \(.*\); expected a report\.json written by --reporter json\n$/],
    ['JSON that is not a report', () => [write('other.json', '{"scenarios": []}')], /^open-responses-check: .*other\.json is not a report\.json of open-responses-check \(it has no reportVersion\)\n$/],
    ['a report of an unknown version', () => [write('v3.json', '{"reportVersion": 3}')], /^open-responses-check: .*v3\.json has reportVersion 3; this version of open-responses-check reads reportVersion 2\n$/],
    ['a report that breaks the schema', () => [write('broken.json', '{"reportVersion": 2, "tool": {}}')], /^open-responses-check: .*broken\.json is not a valid report\.json: \/ must have required property 'specVersion'\n$/],
    ['a reporter compare does not write', () => [reports.clean, '--reporter', 'json'], /^open-responses-check: --reporter: compare writes html and markdown, not json\n$/],
    ['two pages to stdout', () => [reports.clean, '--out', '-'], /^open-responses-check: --out - writes exactly one page to standard output, but --reporter chose html,markdown; name one, e.g. --reporter markdown\n$/],
  ])('refuses %s in one line, exit 2, writing nothing', async (_name, args, message) => {
    const out = join(dir, `refused-${Math.random().toString(36).slice(2)}`);
    const run = await runCli(['compare', ...args(), ...(args().includes('--out') ? [] : ['--out', out])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(out, 'compare.html'))).toBe(false);
  });

  it('needs at least one report', async () => {
    const run = await runCli(['compare']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'reports'");
  });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
