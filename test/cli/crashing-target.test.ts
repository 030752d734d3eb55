import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { scenarioCatalogue } from '../../src/scenarios/index.js';
import { loadBundledSpec, loadCurlSnippets } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { parsedOrText, startRecordingProxy, startTestServer } from '../helpers/servers.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ apiKey: 'sk-crash-test-key' });
});
afterAll(() => server.close());

describe('error paths and a target that falls over', () => {
  // A whole run on a busy 2-core machine: the default 30 s leaves no headroom.
  it('runs the error-path scenarios after all others', { timeout: 120_000 }, async () => {
    const proxy = await startRecordingProxy(server.url);
    try {
      const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--api-key', 'sk-crash-test-key', '--reporter', 'console', '--skip', 'costly']);
      expect(run.code).toBe(0);
      // The WebSocket probes send no POST; their upgrades reach the proxy as GETs without a body.
      const errorPaths = scenarioCatalogue(loadBundledSpec(), loadCurlSnippets()).filter((s) => s.tags.includes('error-path') && !s.tags.includes('costly') && s.steps.some((step) => step.transport !== 'websocket'));
      const posts = proxy.requests.filter((r) => r.method === 'POST');
      const last = posts.slice(-errorPaths.length);
      const isNegative = (body: unknown) =>
        typeof body === 'string' || (typeof body === 'object' && body !== null && errorPaths.some((s) =>
          s.steps.some((step) => isDeepStrictEqual(step.rawBody ? parsedOrText(step.rawBody.replaceAll('{{model}}', 'm')) : { ...step.body({ model: 'm', previous: [] }), stream: step.stream }, body)),
        ));
      expect(last.filter((r) => !isNegative(r.body) && r.headers.authorization !== undefined).map((r) => r.body)).toEqual([]);
      expect(last.filter((r) => r.headers.authorization === undefined)).toHaveLength(1);
      expect(posts.slice(0, -errorPaths.length).filter((r) => r.headers.authorization !== 'Bearer sk-crash-test-key' || isNegative(r.body)).map((r) => r.body)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('can skip the error paths by tag', async () => {
    const proxy = await startRecordingProxy(server.url);
    try {
      const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--api-key', 'sk-crash-test-key', '--skip', 'error-path', '--reporter', 'console']);
      expect(run.code).toBe(0);
      expect(proxy.requests.some((r) => (r.body as { max_output_tokens?: number } | undefined)?.max_output_tokens === 1)).toBe(false);
      expect(run.stdout).not.toMatch(/error-missing-credentials/);
    } finally {
      await proxy.close();
    }
  });

  it('when the target dies mid-run, names the last scenario it answered and marks the rest not run', async () => {
    // A server that answers the first two scenarios, then stops listening (as a crashed server does).
    let answered = 0;
    const dying = await startTestServer((req, res, body) => {
      answered++;
      const forward = fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-crash-test-key' }, body: body.toString('utf8') });
      forward.then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
        if (answered === 2) void dying.close();
      });
    });
    const dir = mkdtempSync(join(tmpdir(), 'orc-dying-'));
    const run = await runCli(['--base-url', dying.url, '--model', 'm', '--concurrency', '1', '--only', 'json', '--out', dir]);
    const report = readReport(dir);
    const statuses = report.scenarios.map((s): [string, string] => [s.id, s.status]);
    expect(statuses.slice(0, 2)).toEqual([['text-input', 'passed'], ['function-call', 'passed']]);
    expect(statuses.slice(2).every(([, status]: [string, string]) => status === 'not_run')).toBe(true);
    expect(report.lastAnsweredScenario).toBe('function-call');
    expect(report.scenarios[2].note).toMatch(/the target stopped answering .*the last scenario it answered was function-call/);
    expect(run.stdout).toMatch(/function-call/);
    expect(run.code).toBe(3);
  });
});
