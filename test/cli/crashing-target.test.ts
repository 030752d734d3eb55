import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { startRecordingProxy, startTestServer } from '../helpers/servers.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ apiKey: 'sk-crash-test-key' });
});
afterAll(() => server.close());

describe('error paths and a target that falls over', () => {
  it('runs the error-path scenarios after all others', async () => {
    const proxy = await startRecordingProxy(server.url);
    try {
      const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--api-key', 'sk-crash-test-key', '--reporter', 'console']);
      expect(run.code).toBe(0);
      const last = proxy.requests.slice(-3);
      expect(last.map((r) => r.body)).toEqual([
        expect.objectContaining({ previous_response_id: 'resp_open_responses_check_does_not_exist' }),
        expect.objectContaining({ max_output_tokens: 1 }),
        expect.objectContaining({ input: 'Say hello.' }),
      ]);
      expect(last[2].headers.authorization).toBeUndefined();
      expect(proxy.requests.slice(0, -3).every((r) => r.headers.authorization === 'Bearer sk-crash-test-key')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('can skip the error paths by tag', async () => {
    const proxy = await startRecordingProxy(server.url);
    try {
      const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--api-key', 'sk-crash-test-key', '--skip', 'error-path', '--reporter', 'console']);
      expect(run.code).toBe(0);
      expect(proxy.requests.some((r) => (r.body as { max_output_tokens?: number }).max_output_tokens === 1)).toBe(false);
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
    expect(statuses.slice(0, 2)).toEqual([['text-input', 'passed'], ['system-message', 'passed']]);
    expect(statuses.slice(2).every(([, status]: [string, string]) => status === 'not_run')).toBe(true);
    expect(report.lastAnsweredScenario).toBe('system-message');
    expect(report.scenarios[2].note).toMatch(/the target stopped answering .*the last scenario it answered was system-message/);
    expect(run.stdout).toMatch(/system-message/);
    expect(run.code).toBe(3);
  });
});
