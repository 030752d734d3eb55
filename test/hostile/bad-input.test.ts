/**
 * Bad input on the command line: every case exits 2 with one line that says what is wrong and
 * what was expected, before any request is sent, and never echoes a secret it was given.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-code.js';
import type { JsonReport } from '../../src/report/json.js';
import { readReport } from '../helpers/report.js';
import { runCli } from '../helpers/cli.js';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server.js';
import { STACK_LINE, expectNoSecret } from './harness.js';

const SECRET = `sk-hostile-${randomBytes(12).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'orc-hostile-input-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const binarySpec = file('binary.json', Buffer.of(0x00, 0x01, 0xff, 0xfe, 0x7b, 0x22));
const emptySpec = file('empty.json', '');
const truncatedSpec = file('truncated.json', '{"openapi": "3.1.0", "paths": {"/responses": {');
const notAFolder = file('not-a-folder', 'x');

/** Counts requests, to show bad input never reaches the target. */
let target: HostileServer;
beforeAll(async () => {
  target = await startHostileServer('never-answer');
});
afterAll(() => target.close());

const base = () => ['--base-url', target.url, '--model', 'm', '--only', 'text-input', '--out', dir];

/** Exit 2, the first line of stderr matches `message`, at most a help hint after it, no stack. */
async function expectConfigurationError(args: string[], message: RegExp): Promise<string> {
  const before = target.stats.requests;
  const run = await runCli(args);
  expect(run.code).toBe(EXIT.usage);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(message);
  expect(lines.slice(1).every((line) => line === '(run with --help for usage)')).toBe(true);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(target.stats.requests).toBe(before);
  return run.stderr;
}

describe('bad flags', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['--timeout 0', () => [...base(), '--timeout', '0'], /--timeout must be a positive whole number, got "0"/],
    ['a negative --timeout', () => [...base(), '--timeout', '-5'], /--timeout must be a positive whole number/],
    ['--timeout in exponent notation', () => [...base(), '--timeout', '1e3'], /--timeout must be a positive whole number, got "1e3"/],
    ['a fractional --timeout', () => [...base(), '--timeout', '1.5'], /--timeout must be a positive whole number/],
    ['a --timeout beyond any integer', () => [...base(), '--timeout', '99999999999999999999'], /--timeout must be a positive whole number/],
    ['--timeout without a value', () => [...base(), '--timeout'], /option '--timeout <ms>' argument missing/],
    ['a non-numeric --max-body-bytes', () => [...base(), '--max-body-bytes', 'lots'], /--max-body-bytes must be a positive whole number, got "lots"/],
    ['--max-events 0', () => [...base(), '--max-events', '0'], /--max-events must be a positive whole number, got "0"/],
    ['a non-numeric --concurrency', () => [...base(), '--concurrency', 'x'], /--concurrency must be a positive whole number/],
    ['an empty --base-url', () => ['--base-url', '', '--model', 'm'], /--base-url is required/],
    ['a --base-url without a host', () => ['--base-url', 'http://', '--model', 'm'], /--base-url "http:\/\/" is not a URL; expected e\.g\. http:\/\/localhost:8000\/v1/],
    ['a --base-url with a broken IPv6 host', () => ['--base-url', 'http://[::1/v1', '--model', 'm'], /is not a URL/],
    ['a --base-url without a scheme', () => ['--base-url', 'localhost:8000/v1', '--model', 'm'], /--base-url must be an http:\/\/ or https:\/\/ URL/],
    ['a --base-url with a query', () => ['--base-url', `${target.url}?key=x`, '--model', 'm'], /--base-url must not carry a query or fragment/],
    ['an empty --model', () => ['--base-url', target.url, '--model', ''], /--model is required/],
    ['an unknown tag in --skip', () => [...base(), '--skip', 'no-such-tag'], /unknown scenario id or tag "no-such-tag"/],
    ['an empty --reporter', () => [...base(), '--reporter', ''], /--reporter: Empty reporter name/],
    ['a binary spec file', () => [...base(), '--spec', binarySpec], /spec file .*binary\.json is not JSON; expected an OpenAPI 3\.1 document/],
    ['an empty spec file', () => [...base(), '--spec', emptySpec], /spec file .*empty\.json is not JSON/],
    ['a truncated spec file', () => [...base(), '--spec', truncatedSpec], /spec file .*truncated\.json is not JSON/],
    ['a folder as spec file', () => [...base(), '--spec', dir], /cannot read spec file .*EISDIR/],
    ['an empty --spec-version', () => [...base(), '--spec-version', ''], /unknown spec version ""; bundled versions/],
    ['a stray argument', () => [...base(), 'extra'], /too many arguments/],
    ['an unknown command-line word', () => ['--bogus-flag'], /unknown option '--bogus-flag'/],
    ['a binary spec file for list', () => ['list', '--spec', binarySpec], /is not JSON/],
    ['a --port out of range', () => ['serve', '--port', '70000'], /--port must be a number from 0 to 65535/],
    ['an empty --only (an unset shell variable)', () => [...base(), '--only', ''], /--only needs at least one scenario id or tag/],
    ['an --only of commas', () => [...base(), '--only', ',,'], /--only needs at least one scenario id or tag/],
    ['an empty --skip', () => ['--base-url', target.url, '--model', 'm', '--skip', ''], /--skip needs at least one scenario id or tag/],
  ];
  for (const [what, args, message] of cases) {
    it(`exits 2 for ${what}`, async () => {
      await expectConfigurationError(args(), message);
    });
  }
});

describe('bad credentials and headers', () => {
  it('does not echo a -H value that lacks its colon (it may be a secret)', async () => {
    const stderr = await expectConfigurationError([...base(), '-H', `Authorization Bearer ${SECRET}`], /a header must look like "Name: value"/);
    expectNoSecret({ stderr }, [SECRET]);
  });

  it('exits 2 for an --auth-header that is not a header name', async () => {
    await expectConfigurationError([...base(), '--api-key', SECRET, '--auth-header', 'bad header'], /--auth-header/);
  });

  it('exits 2 for an --api-key with a line break (it cannot be sent in a header)', async () => {
    await expectConfigurationError([...base(), '--api-key', `${SECRET}\r\nX-Injected: 1`], /--api-key/);
  });

  it('exits 2 for a -H value with a line break', async () => {
    await expectConfigurationError([...base(), '-H', `X-Api-Key: ${SECRET}\r\nX-Injected: 1`], /-H|header/);
  });

  it('exits 2, before any request, for an --out that is a file, saying a folder was expected', async () => {
    const run = await runCli(['--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--only', 'text-input', '--out', notAFolder]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--out/);
  });
});

describe('validate on hostile captures', () => {
  const validate = async (args: string[]) => {
    const out = mkdtempSync(join(tmpdir(), 'orc-hostile-validate-'));
    const started = performance.now();
    const run = await runCli(['validate', '--out', out, ...args]);
    expect(run.stderr).not.toMatch(STACK_LINE);
    const report = run.code === EXIT.usage ? undefined : readReport(out);
    return { ...run, wallMs: performance.now() - started, report };
  };
  const failedChecks = (report: JsonReport | undefined) => (report?.scenarios ?? []).flatMap((s) => s.checks.filter((c) => c.status === 'failed').map((c) => c.id));

  it('refuses a device that never ends (/dev/zero) in one line instead of reading it', async () => {
    const run = await validate(['/dev/zero']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/cannot read \/dev\/zero: not a regular file/)]);
  });

  it('refuses a folder in one line', async () => {
    const run = await validate([dir]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports a truncated JSON capture as not JSON', async () => {
    const run = await validate([file('truncated-response.json', '{"id":"resp_1","object":"resp')]);
    expect(run.code).toBe(EXIT.failed);
    expect(failedChecks(run.report)).toContain('transport/body-not-json');
  });

  it('applies --max-body-bytes to a capture', async () => {
    const big = file('big.json', `{"id":"resp_big","text":"${'a'.repeat(2 * 1024 * 1024)}"}`);
    const run = await validate(['--max-body-bytes', '1048576', big]);
    expect(run.code).toBe(EXIT.failed);
    expect(failedChecks(run.report)).toContain('transport/body-too-large');
  });

  it('applies --max-events to a capture', async () => {
    const frames = Array.from({ length: 2000 }, (_, i) => `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${i}}\n\n`);
    const run = await validate(['--max-events', '1000', file('many.sse', frames.join(''))]);
    expect(run.code).toBe(EXIT.failed);
    expect(failedChecks(run.report)).toContain('transport/too-many-events');
  });

  it('has no --timeout (it applies to live requests only)', async () => {
    const run = await validate(['--timeout', '5', emptySpec]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/unknown option '--timeout'/);
  });
});
