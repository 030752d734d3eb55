import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import type { JsonReport, JsonScenario } from '../../src/report/json.js';
import { curlCommand } from '../../src/report/reproduce.js';
import { WRONG_API_KEY } from '../../src/runner/exchange.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { startRecordingProxy } from '../helpers/servers.js';

/** The wrong-key negative test, raw (malformed) bodies, and bodies too long to keep in a report. */

const KEY = 'credentials-test-key-0123456789';

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

function scenario(run: JsonReport, id: string): JsonScenario {
  const found = run.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

async function runAgainst(baseUrl: string, extra: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'orc-credentials-'));
  const run = await runCli(['run', '--base-url', baseUrl, '--model', 'reference-model', '--out', out, '--reporter', 'console,json', ...extra]);
  return { ...run, report: readReport(out) };
}

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
