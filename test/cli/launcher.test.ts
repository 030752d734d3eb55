/**
 * The shipped launcher, end to end: `node bin/open-responses-check.js` over the compiled `dist/`,
 * as a child process, the way a user runs it. The other CLI tests call `main()` in-process and
 * would not notice a broken launcher, a missing file in `dist/` or an exit code lost on the way out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoInternalError, internalErrorsInResults } from '../helpers/internal-errors.js';
import { readReport } from '../helpers/report.js';

const LAUNCHER = 'bin/open-responses-check.js';
const COMPILED_MAIN = 'dist/cli/main.js';
const STACK_LINE = /\n\s+at /;
const USAGE_HINT = '(run with --help for usage)';

interface LauncherRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(args: string[]): LauncherRun {
  const run = spawnSync(process.execPath, [LAUNCHER, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The newest modification time of any file under `dir`. */
function newestChange(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => statSync(join(dir, name)).mtimeMs));
}

/** `N scenarios: N passed, …` — the console's closing summary. */
const SUMMARY = /^(\d+) scenarios: (\d+) passed, (\d+) failed, (\d+) warning, (\d+) skipped, (\d+) not run · (\d+) checks: (\d+) passed, (\d+) failed/m;

describe('the shipped launcher (bin/ over dist/)', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

  beforeAll(() => {
    // dist/ is built by `npm install` (prepare); rebuild it when missing or older than the source,
    // so the launcher runs the code under test.
    if (!existsSync(COMPILED_MAIN) || statSync(COMPILED_MAIN).mtimeMs < newestChange('src')) {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'pipe' });
    }
  }, 180_000);

  it('self-test exits 0, prints the summary and writes both reports', () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-launcher-'));
    const run = launch(['self-test', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = run.stdout.match(SUMMARY);
    expect(summary, run.stdout).not.toBeNull();
    const [, scenarios, passed, failed, warning, skipped, notRun, checks, checksPassed, checksFailed] = summary!.map(Number);
    expect(scenarios).toBeGreaterThanOrEqual(8);
    expect([passed, failed, warning, skipped, notRun]).toEqual([scenarios, 0, 0, 0, 0]);
    expect([checksPassed, checksFailed]).toEqual([checks, 0]);
    expect(run.stdout).toContain(`reports: ${join(out, 'report.json')}, ${join(out, 'junit.xml')}`);
    const report = readReport(out);
    expect(report.tool).toMatchObject({ name: 'open-responses-check', version });
    expect(report.scenarios).toHaveLength(scenarios);
    expectNoInternalError(internalErrorsInResults(report.scenarios.flatMap((s) => s.checks)));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*failures="0"/);
  });

  it('self-test --fault no-done-sentinel exits 1 and names the check that caught it', () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-launcher-'));
    const run = launch(['self-test', '--out', out, '--fault', 'no-done-sentinel']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(Number(run.stdout.match(SUMMARY)?.[3])).toBeGreaterThan(0);
    const report = readReport(out);
    const failedChecks = new Set(report.scenarios.flatMap((s) => s.checks.filter((c) => c.status === 'failed').map((c) => c.id)));
    expect([...failedChecks]).toEqual(['stream/done-sentinel']);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
  });

  it('--version prints the package version and exits 0', () => {
    const run = launch(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown flag exits 2 with one line on stderr (and the help hint), no stack trace', () => {
    const run = launch(['--bogus']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [line, ...rest] = run.stderr.trimEnd().split('\n');
    expect(line).toMatch(/unknown option '--bogus'/);
    expect(rest.every((hint) => hint === USAGE_HINT), run.stderr).toBe(true);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
