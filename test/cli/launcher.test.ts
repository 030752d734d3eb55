/**
 * The shipped launcher, end to end: `node bin/open-responses-check.js` over the compiled `dist/`,
 * as a child process, the way a user runs it. The other CLI tests call `main()` in-process and
 * would not notice a broken launcher, a missing file in `dist/` or an exit code lost on the way out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoInternalError, internalErrorsInResults } from '../helpers/internal-errors.js';
import { readReport } from '../helpers/report.js';
import { validResponse } from '../helpers/responses.js';
import { renderJsonReport } from '../../src/report/json.js';
import { sampleRun } from '../report/fixtures.js';

const LAUNCHER = 'bin/open-responses-check.js';
const COMPILED_MAIN = 'dist/cli/main.js';
const STACK_LINE = /\n\s+at /;
const USAGE_HINT = '(run with --help for usage)';

interface LauncherRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(args: string[], nodeArgs: string[] = []): LauncherRun {
  const run = spawnSync(process.execPath, [...nodeArgs, LAUNCHER, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a launcher run loaded: the packages by name, and the compiled modules by their path under dist/. */
interface LoadedModules {
  run: LauncherRun;
  packages: string[];
  compiled: string[];
}

/**
 * Runs the launcher with a module hook that notes every module it loads (a CommonJS package by its
 * entry file), so what a command loads is tested without timing anything.
 */
function launchNotingModules(args: string[]): LoadedModules {
  const log = join(mkdtempSync(join(tmpdir(), 'orc-loaded-')), 'modules.txt');
  const hooks = `import { appendFileSync } from 'node:fs'; let log; export function initialize(file) { log = file; } export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(dataUrl(hooks))}, { data: ${JSON.stringify(log)} });`;
  const run = launch(args, ['--import', dataUrl(register)]);
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set(urls.flatMap((url) => url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []));
  const compiled = urls.filter((url) => !url.includes('/node_modules/')).flatMap((url) => url.match(/\/dist\/(.+)$/)?.[1] ?? []);
  return { run, packages: [...packages].sort(), compiled };
}

function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** The newest modification time of any file under `dir`. */
function newestChange(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => statSync(join(dir, name)).mtimeMs));
}

/** `N scenarios: N passed, …` — the console's closing summary. */
const SUMMARY = /^(\d+) scenarios: (\d+) passed, (\d+) failed, (\d+) warning, (\d+) skipped, (\d+) not run · (\d+) checks: (\d+) passed, (\d+) failed, (\d+) warning, (\d+) skipped/m;

describe('the shipped launcher (bin/ over dist/)', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

  beforeAll(() => {
    // dist/ is built by `npm install` (prepare); rebuild it when missing or older than the source,
    // so the launcher runs the code under test.
    if (!existsSync(COMPILED_MAIN) || statSync(COMPILED_MAIN).mtimeMs < newestChange('src')) {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'pipe' });
      execFileSync(process.execPath, ['scripts/generate-validators.mjs'], { stdio: 'pipe' });
    }
  }, 180_000);

  it('self-test exits 0, prints the summary and writes both reports', () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-launcher-'));
    const run = launch(['self-test', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = run.stdout.match(SUMMARY);
    expect(summary, run.stdout).not.toBeNull();
    const [, scenarios, passed, failed, warning, skipped, notRun, checks, checksPassed, checksFailed, checksWarning, checksSkipped] = summary!.map(Number);
    expect(scenarios).toBeGreaterThanOrEqual(8);
    expect([passed, failed, warning, skipped, notRun]).toEqual([scenarios, 0, 0, 0, 0]);
    // Every check passes, but the buffered-stream rule, which the reference server's fast streams are too short for.
    expect([checksPassed + checksSkipped, checksFailed, checksWarning]).toEqual([checks, 0, 0]);
    expect(run.stdout).toContain(`reports: ${join(out, 'report.json')}, ${join(out, 'junit.xml')}`);
    const report = readReport(out);
    expect(report.tool).toMatchObject({ name: 'open-responses-check', version });
    expect(report.scenarios).toHaveLength(scenarios);
    expectNoInternalError(internalErrorsInResults(report.scenarios.flatMap((s) => s.checks)));
    const unjudged = report.scenarios.flatMap((s) => s.unjudgedChecks);
    expect(new Set(unjudged.flatMap((group) => group.checks.map((name) => name.replace(/^.*: /, ''))))).toEqual(new Set(['stream/buffered-stream']));
    expect(unjudged.flatMap((group) => group.checks)).toHaveLength(checksSkipped);
    expect(unjudged.every((group) => group.status === 'skipped' && group.reason.startsWith('not judged: too short to tell a stream from a burst'))).toBe(true);
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

  describe('what a command loads (seen by a module hook, not timed)', () => {
    /** The packages only a live run needs: the HTTP and WebSocket clients and the SSE parser. */
    const LIVE_RUN_PACKAGES = ['undici', 'ws', 'eventsource-parser'];
    const REFERENCE_SERVER = 'fixtures/server.js';
    const LIVE_RUN = 'core/run.js';
    const SCENARIO_CATALOGUE = 'scenarios/catalogue/index.js';

    it('--help loads commander and no other package, nor any check, scenario or the reference server', () => {
      const { run, packages, compiled } = launchNotingModules(['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Options of run (the default command):');
      expect(packages).toEqual(['commander']);
      expect(compiled).toContain('cli/main.js');
      expect(compiled.filter((path) => /^(checks|scenarios|http|requirements|baseline)\//.test(path) || [REFERENCE_SERVER, LIVE_RUN].includes(path))).toEqual([]);
    });

    it('a command\'s --help loads no more than the top-level help', () => {
      for (const command of ['run', 'self-test', 'serve', 'proxy', 'validate', 'list', 'explain', 'compare']) {
        const { run, packages } = launchNotingModules([command, '--help']);
        expect(run.code, command).toBe(0);
        expect(packages, command).toEqual(['commander']);
      }
    });

    it('list loads the catalogue, but neither the clients of a live run, the console reporter nor the reference server', () => {
      const { run, packages, compiled } = launchNotingModules(['list']);
      expect(run.code).toBe(0);
      expect(compiled).toContain(SCENARIO_CATALOGUE);
      expect(packages.filter((name) => [...LIVE_RUN_PACKAGES, 'chalk'].includes(name))).toEqual([]);
      expect(compiled.filter((path) => [REFERENCE_SERVER, LIVE_RUN].includes(path))).toEqual([]);
    });

    it('compare reads reports with the schema validator, but loads neither the clients of a live run, the live run nor the reference server', () => {
      const folder = mkdtempSync(join(tmpdir(), 'orc-loaded-'));
      const report = join(folder, 'report.json');
      writeFileSync(report, renderJsonReport(sampleRun()));
      const { run, packages, compiled } = launchNotingModules(['compare', report, '--out', folder]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(packages).toContain('ajv');
      expect(compiled).toContain('compare/matrix.js');
      expect(packages.filter((name) => LIVE_RUN_PACKAGES.includes(name))).toEqual([]);
      expect(compiled.filter((path) => [REFERENCE_SERVER, LIVE_RUN].includes(path))).toEqual([]);
    });

    it('validate of a JSON capture loads the checks and the validators the build generated, but not the schema compiler, the scenario catalogue, the live run or the reference server', () => {
      const capture = join(mkdtempSync(join(tmpdir(), 'orc-loaded-')), 'response.json');
      writeFileSync(capture, JSON.stringify(validResponse()));
      const { run, packages, compiled } = launchNotingModules(['validate', '--reporter', 'console', capture]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // The generated validators need only Ajv's runtime helpers (required, not imported).
      expect(packages).not.toContain('ajv');
      expect(compiled).toContain('spec/generated.js');
      expect(compiled).toContain('checks/registry.js');
      expect(compiled.filter((path) => [SCENARIO_CATALOGUE, LIVE_RUN, REFERENCE_SERVER, 'fixtures/model.js', 'baseline/index.js'].includes(path))).toEqual([]);
    });
  });
});
