import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import type { JsonReport, JsonScenario } from '../../src/report/json.js';
import { curlCommand } from '../../src/report/reproduce.js';
import { WRONG_API_KEY } from '../../src/runner/wrong-key.js';
import { runCli } from '../helpers/cli.js';
import { readReport, reportedChecks } from '../helpers/report.js';
import { startRecordingProxy, startTestServer, type TestServer } from '../helpers/servers.js';

/**
 * False passes at the level of whole scenarios: a server that fails every request, error paths that
 * pass on a refused key, a target that needs no credentials. None of them may read as a pass.
 */

const KEY = 'trust-test-key-0123456789';

function scenario(run: JsonReport, id: string): JsonScenario {
  const found = run.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

async function runAgainst(baseUrl: string, extra: string[] = []) {
  const out = mkdtempSync(join(tmpdir(), 'orc-trust-'));
  const run = await runCli(['run', '--base-url', baseUrl, '--model', 'reference-model', '--out', out, '--reporter', 'console,json', ...extra]);
  return { ...run, report: readReport(out) };
}

/** Forwards to the reference server and turns every JSON answer into a 200 `failed` response with no output. */
async function startFailingProxy(target: string): Promise<TestServer> {
  return startTestServer((req, res, body) => {
    const headers = { 'content-type': 'application/json', authorization: String(req.headers.authorization ?? '') };
    fetch(`${target}${(req.url ?? '').replace(/^\/v1/, '')}`, { method: req.method, headers, body: body.length > 0 ? body.toString("utf8") : undefined })
      .then(async (answer) => {
        const response = (await answer.json()) as Record<string, unknown>;
        const failed = { ...response, status: 'failed', output: [], completed_at: null, incomplete_details: null, error: { code: 'server_error', message: 'upstream unavailable' } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(failed));
      })
      .catch(() => res.destroy());
  });
}

let keyed: ReferenceServer;
let open: ReferenceServer;
beforeAll(async () => {
  keyed = await startReferenceServer({ apiKey: KEY });
  open = await startReferenceServer();
});
afterAll(async () => {
  await keyed.close();
  await open.close();
});

describe('a server that fails every request', () => {
  it('fails every JSON scenario, naming what it could not exercise and the server error', async () => {
    const proxy = await startFailingProxy(keyed.url);
    try {
      const run = await runAgainst(proxy.url, ['--api-key', KEY, '--only', 'json', '--skip', 'error-path']);
      expect(run.code).toBe(1);
      for (const result of run.report.scenarios) expect(result.status, result.id).toBe('failed');
      const outcome = scenario(run.report, 'function-call').checks.find((c) => c.id === 'scenario/outcome');
      expect(outcome).toMatchObject({ status: 'failed', requirement: 'REQ-TC-02', severity: 'TOOL' });
      expect(outcome?.findings[0].actual).toContain('upstream unavailable');
      // The token-limit scenarios need `incomplete`; a `failed` answer is a failure there too.
      expect(scenario(run.report, 'max-output-tokens').checks.find((c) => c.id === 'scenario/outcome')?.status).toBe('failed');
      // The second turn could not be sent, which fails the scenario rather than skipping it.
      const turn2 = scenario(run.report, 'function-call-round-trip').checks.filter((c) => c.step === 'turn-2');
      expect(turn2.find((c) => c.id === 'scenario/outcome')?.status).toBe('failed');
    } finally {
      await proxy.close();
    }
  });

  it('fails every streamed scenario of a model that always fails', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-trust-'));
    const run = await runCli(['self-test', '--model', 'reference-model-error', '--only', 'stream', '--out', out, '--reporter', 'json']);
    expect(run.code).toBe(1);
    const report = readReport(out);
    expect(report.scenarios.length).toBeGreaterThan(5);
    for (const result of report.scenarios) expect(result.status, result.id).toBe('failed');
  });

  it('keeps a clean server clean: every scenario of the reference server passes its outcome', async () => {
    const run = await runAgainst(keyed.url, ['--api-key', KEY]);
    expect(run.code).toBe(0);
    const outcomes = run.report.scenarios.flatMap((s) => [...reportedChecks(s)].filter(([name]) => name.endsWith('scenario/outcome')).map(([name, check]) => [`${s.id} ${name}`, check.status]));
    expect(outcomes.length).toBeGreaterThanOrEqual(15);
    for (const [name, status] of outcomes) expect(status, name).toBe('passed');
  });
});

describe('error paths count only the refusal they provoke', () => {
  it('with a refused key: error paths are not run, and the diagnosis names the key first', async () => {
    const run = await runAgainst(keyed.url, ['--api-key', 'wrong-key-0123456789']);
    expect(run.code).toBe(1);
    const unknownPrevious = scenario(run.report, 'error-unknown-previous-response');
    expect(unknownPrevious.status).toBe('not_run');
    expect(unknownPrevious.note).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(scenario(run.report, 'error-invalid-max-output-tokens').status).toBe('not_run');
    // The valid requests got 401 as well, so a 401 without credentials shows nothing either.
    expect(scenario(run.report, 'error-missing-credentials')).toMatchObject({ status: 'not_run', note: expect.stringMatching(/valid requests with HTTP 401 too/) });
    expect(run.report.diagnosis).toMatch(/^The target refused the API key: every request was answered HTTP 401 .*check --api-key, --auth-header and --no-bearer\.$/);
    expect(run.stdout).toContain('The target refused the API key');
    expect(run.stdout).not.toContain('wrong-key-0123456789');
  });

  it('with a target that needs no credentials: the missing-credentials scenario is skipped, never passed', async () => {
    const run = await runAgainst(open.url, ['--api-key', KEY, '--only', 'auth,text-input']);
    const missing = scenario(run.report, 'error-missing-credentials');
    expect(missing.status).toBe('skipped');
    expect(missing.note).toMatch(/does not require credentials.*HTTP 200.*HTTP-03/);
    expect(run.code).toBe(0);
  });

  it('with the right key: the error paths pass on their own refusal', async () => {
    const run = await runAgainst(keyed.url, ['--api-key', KEY, '--only', 'error-path']);
    expect(run.code).toBe(0);
    for (const result of run.report.scenarios) expect(result.status, result.id).toBe('passed');
    expect(run.report.diagnosis).toBeUndefined();
  });
});

describe('a target that cannot be used as configured', () => {
  it('says no key was given when every request is refused for want of one', async () => {
    const run = await runAgainst(keyed.url, ['--only', 'text-input,function-call']);
    expect(run.report.diagnosis).toMatch(/^The target asks for credentials: every request was answered HTTP 401 .*no --api-key was given/);
  });

  it('says nothing answered, and where, when the port is closed', async () => {
    const closed = await startTestServer((_req, res) => res.end());
    await closed.close();
    const run = await runAgainst(closed.url, ['--only', 'text-input']);
    expect(run.code).toBe(3);
    expect(run.report.diagnosis).toMatch(new RegExp(`^Nothing answered at ${closed.url.replace(/[.]/g, '\\.')} \\(.*ECONNREFUSED.*\\); is the server running, and is --base-url right\\?$`));
    expect(run.stdout).toContain('Nothing answered at');
  });
});

describe('a base URL where nothing answers', () => {
  it('says to check --base-url when every request gets 404', async () => {
    const nothing = await startTestServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Cannot POST /v1/responses');
    });
    try {
      const run = await runAgainst(nothing.url, ['--only', 'text-input,function-call,error-path', '--api-key', KEY]);
      expect(run.code).toBe(1);
      expect(run.report.diagnosis).toBe(
        `Check --base-url: it is the API root including /v1; POST ${nothing.url}/responses answered HTTP 404 ("Cannot POST /v1/responses") to every request.`,
      );
      expect(run.stdout).toContain('The server said: "Cannot POST /v1/responses"');
      for (const result of run.report.scenarios.filter((r) => r.tags.includes('error-path'))) expect(result.status, result.id).toBe('not_run');
    } finally {
      await nothing.close();
    }
  });
});

describe('a short key that is also a common word', () => {
  it('is never written, and the tool names that contain it stay whole', async () => {
    const shortKeyed = await startReferenceServer({ apiKey: 'none' });
    try {
      const out = mkdtempSync(join(tmpdir(), 'orc-trust-'));
      const run = await runCli(['run', '--base-url', shortKeyed.url, '--model', 'none-model', '--api-key', 'none', '--only', 'tool-choice-none', '--out', out, '--reporter', 'console,json', '--verbose']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('tool-choice-none');
      const report = readFileSync(join(out, 'report.json'), 'utf8');
      expect(report).toContain('"id": "tool-choice-none"');
      expect(report).toContain('"model": "none-model"');
      expect(report).not.toContain('[REDACTED]');
    } finally {
      await shortKeyed.close();
    }
  });
});

describe('a request with a wrong key', () => {
  it('is sent with the wrong key in place of the right one, and passes on the refusal with an error object', async () => {
    const proxy = await startRecordingProxy(keyed.url);
    try {
      const run = await runAgainst(proxy.url, ['--api-key', KEY, '--only', 'error-wrong-credentials']);
      expect(run.code).toBe(0);
      expect(scenario(run.report, 'error-wrong-credentials').status).toBe('passed');
      expect(proxy.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${WRONG_API_KEY}`]);
      expect(JSON.stringify(run.report)).not.toContain(KEY);
    } finally {
      await proxy.close();
    }
  });

  it('is skipped, with the reason, against a target that does not check the key', async () => {
    const run = await runAgainst(open.url, ['--api-key', KEY, '--only', 'error-wrong-credentials']);
    expect(run.code).toBe(0);
    expect(scenario(run.report, 'error-wrong-credentials')).toMatchObject({ status: 'skipped', note: expect.stringMatching(/does not check the key: it answered HTTP 200 to a request with a wrong one/) });
  });

  it('is skipped without a key to replace', async () => {
    const run = await runAgainst(open.url, ['--only', 'error-wrong-credentials']);
    expect(scenario(run.report, 'error-wrong-credentials')).toMatchObject({ status: 'skipped', note: expect.stringMatching(/no --api-key was given, so there are no credentials to replace/) });
  });
});

describe('what a failing step keeps of its request', () => {
  it('a raw body is sent and kept as it is, with the run model in place of {{model}}, and its curl sends it', async () => {
    const proxy = await startRecordingProxy(open.url);
    try {
      const run = await runAgainst(proxy.url, ['--only', 'error-stream-not-boolean']);
      const step = scenario(run.report, 'error-stream-not-boolean').steps?.[0];
      const raw = '{"model": "reference-model", "input": "Say hello.", "stream": "yes"}';
      expect(proxy.requests[0].body).toEqual(JSON.parse(raw));
      expect(step?.request.rawBody).toBe(raw);
      expect(curlCommand({ baseUrl: open.url, model: 'reference-model' }, step!)).toContain(`-d '${raw}'`);
      const wrong = curlCommand({ baseUrl: open.url, model: 'reference-model', authHeader: 'Authorization' }, { ...step!, request: { ...step!.request, wrongCredentials: true } });
      expect(wrong).toContain(`-H 'Authorization: Bearer ${WRONG_API_KEY}'`);
    } finally {
      await proxy.close();
    }
  });

  it('a body with a string of millions of characters is cut in the report, and gets no curl that would not resend it', async () => {
    const run = await runAgainst(open.url, ['--only', 'truncation-disabled-overflow', '--max-body-bytes', String(1 << 26)]);
    // The open reference server refuses the overflow (400), so the run passes; the step record still shows the cut.
    const step = scenario(run.report, 'truncation-disabled-overflow').steps?.[0];
    expect(step?.request.bodyCut).toBe(true);
    expect(String(step?.request.body.input)).toMatch(/… \(9,999,999 characters, cut in this report\)$/);
    expect(String(step?.request.body.input).length).toBeLessThan(1_100);
    expect(step?.curl).toBeUndefined();
  });
});
