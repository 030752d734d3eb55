/**
 * Redirects are findings, never followed, so the key never travels to another origin; and the key
 * (or a secret `-H` header) never comes back out, even from a server that echoes it into what the
 * reports quote.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, startRecordingOrigin, type HostileServer } from '../helpers/hostile-server.js';
import type { TestServer } from '../helpers/servers.js';
import { API_KEY, expectCheck, expectNoSecret, outputsOf, resultsFor, runAgainst, summarize } from './harness.js';

/** A second secret, sent as a `-H` header whose name marks it as one. */
const HEADER_SECRET = `hk-hostile-${randomBytes(4).toString('hex')}`;

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function redirectingTo(status: number): Promise<{ server: HostileServer; other: Awaited<ReturnType<typeof startRecordingOrigin>> }> {
  const other = await startRecordingOrigin();
  const server = await startHostileServer('redirect', { redirect: { status, location: `${other.url}/responses` } });
  servers.push(other, server);
  return { server, other };
}

describe('a redirect to another origin', () => {
  for (const [status, scenario] of [
    [301, 'text-input'],
    [302, 'text-input'],
    [303, 'text-input'],
    [307, 'text-input'],
    [308, 'text-input'],
    [302, 'text-input-stream'],
    [307, 'text-input-stream'],
  ] as const) {
    it(`is reported with its status and not followed (${status}, ${scenario})`, async () => {
      const { server, other } = await redirectingTo(status);
      // A 10 s deadline, so "answered at once" (measured under 0.4 s) has room on a busy machine.
      const run = await runAgainst(server.url, scenario, ['-H', `X-Api-Key: ${HEADER_SECRET}`, '--timeout', '10000']);
      console.log(`redirect ${status} ${scenario}: ${summarize(run)}; other origin got ${other.requests.length} requests`);
      expect(run.code).toBe(1);
      expect(run.wallMs).toBeLessThan(5000);
      expect(expectCheck(run, 'http/status-ok')).toMatch(`answered with a redirect (${status} to ${other.url}/responses)`);
      expect(other.requests).toEqual([]);
      expectNoSecret(outputsOf(run, run.outDir), [API_KEY, HEADER_SECRET]);
    });
  }

  it('is not followed by any scenario of a full run', async () => {
    const { server, other } = await redirectingTo(307);
    const run = await runAgainst(server.url, undefined, ['--concurrency', '4']);
    expect(run.code).toBe(1);
    expect(run.wallMs).toBeLessThan(5000);
    // Later steps of a multi-step scenario are skipped: the first step gave nothing to continue from.
    const statuses = new Set(resultsFor(run, 'http/status-ok').map((r) => r.status));
    expect([...statuses].sort()).toEqual(['failed', 'skipped']);
    expect(server.stats.requests).toBeGreaterThan(5);
    expect(other.requests).toEqual([]);
  });
});

describe('the key and secret headers', () => {
  it('appear in no output of a full --verbose run against a server that echoes them into its bodies', async () => {
    const server = await startHostileServer('json-not-json', { echoCredentials: true });
    servers.push(server);
    const run = await runAgainst(server.url, undefined, ['--verbose', '-H', `X-Api-Key: ${HEADER_SECRET}`]);
    expect(run.code).toBe(1);
    expectNoSecret(outputsOf(run, run.outDir), [API_KEY, HEADER_SECRET]);
    // The echo did reach the reports, redacted: the test would prove nothing otherwise.
    expect(run.stdout).toContain('denied: Bearer [REDACTED] [REDACTED]');
    expect(JSON.stringify(run.report)).toContain('denied: Bearer [REDACTED] [REDACTED]');
  });

  it('is not leaked cut in half when a finding quotes the start of a body that echoes it', async () => {
    // The redirect's HTML body holds the echoed key past the point where the body-not-json
    // preview cuts it: the start of the key must not survive the cut.
    const other = await startRecordingOrigin();
    const server = await startHostileServer('redirect', { redirect: { status: 302, location: `${other.url}/responses` }, echoCredentials: true });
    servers.push(other, server);
    const run = await runAgainst(server.url, 'text-input');
    expect(run.code).toBe(1);
    expect(expectCheck(run, 'http/status-ok')).toContain('?echo=Bearer%20[REDACTED]');
  });
});
