import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/core/run.js';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { MAX_RETRY_WAIT_MS, retryDelayMs } from '../../src/runner/retry.js';
import type { RunResult } from '../../src/runner/result.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/servers.js';

describe('retryDelayMs', () => {
  const now = Date.parse('2026-05-01T10:00:00Z');
  it('honours Retry-After in seconds and as an HTTP date, capped at 30 s', () => {
    expect(retryDelayMs('0', 0, now)).toBe(0);
    expect(retryDelayMs(' 3 ', 0, now)).toBe(3000);
    expect(retryDelayMs('120', 0, now)).toBe(MAX_RETRY_WAIT_MS);
    expect(retryDelayMs('Fri, 01 May 2026 10:00:05 GMT', 0, now)).toBe(5000);
    expect(retryDelayMs('Fri, 01 May 2026 09:00:00 GMT', 0, now)).toBe(0);
    expect(retryDelayMs('Sat, 02 May 2026 10:00:00 GMT', 0, now)).toBe(MAX_RETRY_WAIT_MS);
  });

  it('backs off from 0.5 s, doubling, without a usable Retry-After', () => {
    expect([0, 1, 2].map((attempt) => retryDelayMs(undefined, attempt, now))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs('soon', 1, now)).toBe(1000);
    expect(retryDelayMs('-1', 0, now)).toBe(500);
    expect(retryDelayMs(undefined, 20, now)).toBe(MAX_RETRY_WAIT_MS);
  });
});

describe('retries against a live server', () => {
  let reference: ReferenceServer;
  beforeAll(async () => {
    reference = await startReferenceServer();
  });
  afterAll(() => reference.close());

  /** Answers the first `refusals` requests with `status` (and Retry-After when given), then forwards to the reference server. */
  async function flakyServer(status: number, refusals: number, retryAfter?: string): Promise<TestServer & { requests: () => number }> {
    let requests = 0;
    const server = await startTestServer((req, res, body) => {
      requests++;
      if (requests <= refusals) {
        res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}) });
        res.end(JSON.stringify({ error: { type: 'server_error', message: `busy (${status})`, code: null, param: null } }));
        return;
      }
      fetch(`${reference.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.toString('utf8') })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
    return { ...server, requests: () => requests };
  }

  async function run(server: TestServer, retries: number | undefined, waits: number[]): Promise<RunResult> {
    return runConformance({
      baseUrl: server.url,
      model: 'm',
      only: ['text-input'],
      ...(retries !== undefined ? { retries } : {}),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  }

  it('sends again after a 429 with Retry-After: 0 and judges the answer that follows', async () => {
    const server = await flakyServer(429, 1, '0');
    try {
      const waits: number[] = [];
      const result = await run(server, undefined, waits);
      const scenario = result.scenarios[0];
      expect(scenario.status).toBe('passed');
      expect(server.requests()).toBe(2);
      expect(waits).toEqual([0]);
      expect(scenario.steps?.[0]).toMatchObject({ retries: 1, response: { status: 200 } });
      expect(scenario.note).toBe('step request was retried once after HTTP 429; the last answer (HTTP 200) is the one judged');
    } finally {
      await server.close();
    }
  });

  it('gives up after --retries on a 503 that never ends, with backoff, and judges the 503', async () => {
    const server = await flakyServer(503, Infinity);
    try {
      const waits: number[] = [];
      const result = await run(server, 2, waits);
      const scenario = result.scenarios[0];
      expect(server.requests()).toBe(3);
      expect(waits).toEqual([500, 1000]);
      expect(scenario.status).toBe('failed');
      expect(scenario.steps?.[0]).toMatchObject({ retries: 2, response: { status: 503 } });
      const status = scenario.checks.find((c) => c.id === 'http/status-ok');
      expect(status?.status).toBe('failed');
      expect(status?.findings[0].message).toContain('busy (503)');
      expect(scenario.note).toContain('retried 2 times after HTTP 503, 503; the last answer (HTTP 503)');
    } finally {
      await server.close();
    }
  });

  it('does not retry with retries 0, nor on other statuses', async () => {
    for (const [status, retries] of [[503, 0], [500, 2], [400, 2]] as const) {
      const server = await flakyServer(status, Infinity);
      try {
        const waits: number[] = [];
        const result = await run(server, retries, waits);
        expect(server.requests(), `HTTP ${status}, retries ${retries}`).toBe(1);
        expect(waits).toEqual([]);
        expect(result.scenarios[0].steps?.[0].retries).toBeUndefined();
        expect(result.scenarios[0].note).toBeUndefined();
      } finally {
        await server.close();
      }
    }
  });

  it('refuses a negative or fractional retry count before sending', async () => {
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', retries: -1 })).rejects.toThrow(/retries must be a whole number of 0 or more/);
    const cli = await runCli(['self-test', '--retries', '1.5']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--retries must be a whole number of 0 or more, got "1.5"');
    expect((await runCli(['self-test', '--retries', '0', '--only', 'text-input', '--reporter', 'console'])).code).toBe(0);
  });
});
