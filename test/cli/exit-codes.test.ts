import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { startTestServer } from '../helpers/servers.js';

const out = () => mkdtempSync(join(tmpdir(), 'orc-cli-'));
const STACK_LINE = /\n\s+at .+\(.+:\d+:\d+\)/;

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

/** A port that refuses connections: one a server just released. */
async function refusedPort(): Promise<number> {
  const s = await startTestServer((_req, res) => res.end());
  await s.close();
  return s.port;
}

describe('exit codes', () => {
  const badSpec = join(out(), 'bad.json');
  writeFileSync(badSpec, '{"openapi": 3');

  const usage: [string, () => string[], RegExp][] = [
    ['an unknown flag', () => ['--bogus'], /unknown option '--bogus'/],
    ['a missing --base-url', () => ['run', '--model', 'm'], /--base-url is required/],
    ['an invalid URL', () => ['--base-url', 'not a url', '--model', 'm'], /--base-url "not a url" is not a URL/],
    ['a URL with another scheme', () => ['--base-url', 'ftp://x/v1', '--model', 'm'], /http:\/\/ or https:\/\//],
    ['a non-numeric --timeout', () => ['--base-url', server.url, '--model', 'm', '--timeout', 'soon'], /--timeout must be a positive whole number/],
    ['an unknown spec version', () => ['--base-url', server.url, '--model', 'm', '--spec-version', '1999-01-01'], /unknown spec version "1999-01-01"/],
    ['an unreadable spec file', () => ['--base-url', server.url, '--model', 'm', '--spec', '/nonexistent/openapi.json'], /cannot read spec file .*ENOENT/],
    ['an invalid spec file', () => ['--base-url', server.url, '--model', 'm', '--spec', badSpec], /is not JSON/],
    ['an unknown scenario', () => ['--base-url', server.url, '--model', 'm', '--only', 'no-such-thing'], /unknown scenario id or tag "no-such-thing"/],
    ['an unknown reporter', () => ['--base-url', server.url, '--model', 'm', '--reporter', 'xml'], /Unknown reporter "xml"/],
    ['a malformed -H', () => ['--base-url', server.url, '--model', 'm', '-H', 'no colon here'], /a header must look like "Name: value"/],
    ['an unknown fault', () => ['self-test', '--fault', 'nope'], /unknown fault "nope"/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with one line for ${what}`, async () => {
      const run = await runCli(args());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stderr.trim().split('\n')[0]).toMatch(message);
    });
  }

  it('exits 3 when the target refuses connections, and marks every scenario not run', async () => {
    const dir = out();
    const run = await runCli(['--base-url', `http://127.0.0.1:${await refusedPort()}/v1`, '--model', 'm', '--out', dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(STACK_LINE);
    const report = readReport(dir);
    expect(report.scenarios.every((s) => s.status === 'not_run')).toBe(true);
    expect(report.digest).toEqual([]);
    expect(report.scenarios[0].note).toMatch(/the target did not answer \(connect ECONNREFUSED/);
  });

  it('exits 1 on a violation', async () => {
    const run = await runCli(['self-test', '--fault', 'response-missing-usage', '--reporter', 'console', '--only', 'text-input']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/response\/schema ·[\s\S]*fail RES-02/);
    expect(run.stdout).toMatch(/at \/usage/);
  });

  it('exits 0 on warnings only, and 1 with --strict', async () => {
    const args = ['self-test', '--fault', 'sse-id-field', '--reporter', 'console', '--only', 'text-input-stream'];
    const run = await runCli(args);
    expect(run.stdout).toMatch(/WARN[\s\S]*stream\/sse-id-field ·[\s\S]*warn SSE-F-04/);
    expect(run.code).toBe(0);
    expect((await runCli([...args, '--strict'])).code).toBe(1);
  });

  it('exits 0 against the conforming reference server', async () => {
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--reporter', 'console']);
    expect(run.stdout).not.toMatch(/FAIL|WARN/);
    expect(run.code).toBe(0);
  });

  it('prints help and version with exit 0', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
