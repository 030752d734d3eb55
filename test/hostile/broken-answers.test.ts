/**
 * Servers that answer, but badly: error pages, bodies that are not JSON or not UTF-8, connections
 * cut mid-answer, bodies compressed although the tool asked for identity. Each is a finding with
 * a clear id, exit 1, quickly, and never a crash.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileMode, type HostileServer } from '../helpers/hostile-server.js';
import { expectCheck, resultsFor, runAgainst, summarize, type HostileRun } from './harness.js';

/**
 * An answer that arrives at once ends the run far below its deadline: LONG_TIMEOUT is 10 s, the
 * budget 5 s, the runs measured under 0.4 s, so a busy machine does not fail the bound.
 */
const LONG_TIMEOUT = ['--timeout', '10000'];
const QUICK_MS = 5000;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(mode: HostileMode, scenario: string, extra: string[] = []): Promise<HostileRun> {
  server = await startHostileServer(mode);
  const run = await runAgainst(server.url, scenario, [...LONG_TIMEOUT, ...extra]);
  console.log(`${mode} ${scenario}: ${summarize(run)}`);
  expect(run.wallMs).toBeLessThan(QUICK_MS);
  return run;
}

const broken: [HostileMode, string, string, RegExp][] = [
  ['html-500', 'text-input', 'http/status-ok', /HTTP 500 instead of 200/],
  ['html-500', 'text-input-stream', 'http/status-ok', /HTTP 500 instead of 200/],
  ['html-500', 'text-input', 'transport/body-not-json', /HTTP 500 answer is not JSON/],
  ['json-not-json', 'text-input', 'transport/body-not-json', /HTTP 200 answer is not JSON/],
  ['empty-json', 'text-input', 'transport/body-not-json', /HTTP 200 answer is not JSON/],
  ['invalid-utf8', 'text-input', 'transport/invalid-utf8', /not valid UTF-8/],
  ['invalid-utf8', 'text-input-stream', 'transport/invalid-utf8', /not valid UTF-8/],
  ['reset-mid-stream', 'text-input', 'transport/connection-error', /connection failed before the answer was complete/],
  ['reset-mid-stream', 'text-input-stream', 'transport/connection-error', /connection failed before the answer was complete/],
  ['close-before-answer', 'text-input', 'transport/connection-error', /connection failed/],
  ['huge-headers', 'text-input', 'transport/connection-error', /connection failed/],
  ['gzip-reset', 'text-input', 'transport/connection-error', /connection failed/],
  ['gzip-reset', 'text-input-stream', 'transport/connection-error', /connection failed/],
  ['bad-gzip', 'text-input', 'transport/connection-error', /compressed body could not be decoded/],
  ['bad-gzip', 'text-input-stream', 'transport/connection-error', /compressed body could not be decoded/],
  ['unsupported-encoding', 'text-input', 'transport/content-encoding', /Content-Encoding: compress, which the tool cannot decode/],
];

describe('a server that answers badly', () => {
  for (const [mode, scenario, id, message] of broken) {
    it(`reports ${id} for ${mode} (${scenario})`, async () => {
      const run = await against(mode, scenario);
      expect(run.code).toBe(1);
      expect(expectCheck(run, id)).toMatch(message);
    });
  }

  it('reports the response body itself as not JSON when an HTML page says 500 to a stream request', async () => {
    const run = await against('html-500', 'text-input-stream');
    expectCheck(run, 'transport/body-not-json');
  });
});

describe('a gzip-compressed answer', () => {
  // The check that can only pass when the decoded body was read whole: the JSON body's schema, or
  // the stream's final response.
  for (const [scenario, bodyCheck] of [
    ['text-input', 'response/schema'],
    ['text-input-stream', 'stream/final-response'],
  ]) {
    it(`is decoded, warned about, and checked like any other (${scenario})`, async () => {
      const run = await against('gzip', scenario);
      expect(expectCheck(run, 'transport/content-encoding', 'warning')).toMatch(/Content-Encoding: gzip although the request asked for identity/);
      expect(resultsFor(run, bodyCheck).map((r) => r.status)).toEqual(['passed']);
      expect(run.report?.summary.checks.failed).toBe(0);
      expect(run.code).toBe(0);
    });
  }

  it('fails the run under --strict', async () => {
    const run = await against('gzip', 'text-input', ['--strict']);
    expectCheck(run, 'transport/content-encoding', 'failed');
    expect(run.code).toBe(1);
  });
});
