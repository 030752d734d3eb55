/**
 * Servers that stop talking: `--timeout` is a deadline for the whole request, so each of these
 * ends by itself shortly after it, with `transport/timeout`, however the silence is shaped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileMode, type HostileServer } from '../helpers/hostile-server.js';
import { TIMEOUT_MS, eventually, expectCheck, failedChecks, runAgainst, summarize } from './harness.js';

/**
 * What a run may take beyond its deadline: at least 3x the slowest run measured on an idle
 * machine (2.0 s for a 1.5 s deadline). What is proven is that the run ends by itself; a stalled
 * server alone would keep it open until the test's own timeout.
 */
const SLACK_MS = 4500;
const DRIP_MS = 200;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const stalls: [HostileMode, string, string][] = [
  ['never-answer', 'text-input', 'accepts the request and never answers'],
  ['never-answer', 'text-input-stream', 'accepts a stream request and never answers'],
  ['headers-then-silence', 'text-input', 'sends JSON headers, then nothing'],
  ['headers-then-silence', 'text-input-stream', 'sends SSE headers, then nothing'],
  ['drip', 'text-input', 'drips a valid JSON prefix, one byte at a time'],
  ['drip', 'text-input-stream', 'drips SSE comments, one byte at a time'],
  ['drip-head', 'text-input', 'drips the status line and headers'],
  ['gzip-then-silence', 'text-input', 'sends half a gzip body, then nothing'],
  ['gzip-then-silence', 'text-input-stream', 'sends half a gzip stream, then nothing'],
];

describe('a server that stalls', () => {
  for (const [mode, scenario, what] of stalls) {
    it(`ends at the deadline when it ${what} (${mode}, ${scenario})`, async () => {
      server = await startHostileServer(mode, { dripIntervalMs: DRIP_MS });
      const run = await runAgainst(server.url, scenario);
      console.log(`${mode} ${scenario}: ${summarize(run)}`);
      expect(run.code).toBe(1);
      expect(run.wallMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(run.wallMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      const message = expectCheck(run, 'transport/timeout');
      expect(message).toMatch(`--timeout (${TIMEOUT_MS} ms)`);
      // Nothing at all and a slow body are different problems, and the message says which.
      expect(message.startsWith('No status line arrived'), message).toBe(mode === 'never-answer' || mode === 'drip-head');
      // Only the deadline fails: a message the deadline cut in half is not blamed on the server.
      expect(failedChecks(run)).toEqual(['transport/timeout']);
      const stalled = server;
      await eventually(() => stalled.stats.openAnswers === 0);
    });
  }

  it('counts the deadline from sending, not from the last byte (bytes kept coming faster than the timeout)', async () => {
    server = await startHostileServer('drip', { dripIntervalMs: DRIP_MS });
    const run = await runAgainst(server.url, 'text-input');
    expectCheck(run, 'transport/timeout');
    // An idle timer would have been reset by every byte and never fired. Half the bytes the drip
    // sends in TIMEOUT_MS, so that late timers on a busy machine do not fail the test.
    expect(server.stats.bytesWritten).toBeGreaterThanOrEqual(Math.floor(TIMEOUT_MS / DRIP_MS / 2));
    // The client hung up, and the server's drip stopped with it.
    const dripping = server;
    await eventually(() => dripping.stats.openAnswers === 0);
    const written = dripping.stats.bytesWritten;
    await new Promise((resolve) => setTimeout(resolve, 3 * DRIP_MS));
    expect(dripping.stats.bytesWritten).toBe(written);
  });
});
