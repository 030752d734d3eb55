/**
 * The OpenAI SDK driving traffic through the proxy to the reference server: what the SDK gets is
 * the same with and without the proxy, and the proxy reports what the server broke.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { readReport } from '../helpers/report.js';
import { startProxy, type RunningProxy } from './helpers.js';

const API_KEY = 'sk-proxy-test-0123456789abcdef';
const MODEL = 'reference-model';

/** What the SDK returned, with the clock's fields set aside (two servers answer a second apart). */
function timeless(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'created_at' || key === 'completed_at' ? (v === null ? null : 'time') : v));
}

/** What a client sees of one conversation: a plain response, a streamed one, a failing request. */
async function drive(baseURL: string): Promise<unknown> {
  const client = new OpenAI({ baseURL, apiKey: API_KEY, maxRetries: 0 });
  const plain = await client.responses.create({ model: MODEL, input: 'Say hello in exactly 3 words.' });
  const events: unknown[] = [];
  const stream = client.responses.stream({ model: MODEL, input: 'Count from 1 to 5.' });
  stream.on('event', (event) => events.push(event));
  const final = await stream.finalResponse();
  const refused = await client.responses.create({ model: MODEL, input: 'x', max_output_tokens: 1 }).then(
    () => 'accepted',
    (err: unknown) => (err instanceof OpenAI.APIError ? { status: err.status, error: err.error } : String(err)),
  );
  return timeless({ plain, outputText: plain.output_text, events, final, finalText: final.output_text, refused });
}

/** Two reference servers with the same fault: ids count from the same start, one reached directly, one through the proxy. */
async function directAndProxied(fault: string[], body: (direct: ReferenceServer, proxy: RunningProxy, out: string, record: string) => Promise<void>): Promise<void> {
  const direct = await startReferenceServer({ apiKey: API_KEY, fault });
  const behind = await startReferenceServer({ apiKey: API_KEY, fault });
  const out = mkdtempSync(join(tmpdir(), 'orc-proxy-sdk-'));
  const record = join(out, 'record');
  const proxy = await startProxy(['--target', behind.url, '--out', out, '--reporter', 'console,json,junit,markdown,html', '--record', record]);
  try {
    await body(direct, proxy, out, record);
  } finally {
    await proxy.stop();
    await Promise.all([direct.close(), behind.close()]);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

describe('the proxy between the OpenAI SDK and the reference server', () => {
  it('changes nothing the SDK sees and reports no failure for a conforming server', () =>
    directAndProxied([], async (direct, proxy, out, record) => {
      expect(await drive(`${proxy.url}/v1`)).toEqual(await drive(direct.url));
      const stopped = await proxy.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toMatch(/✔ PASS +proxy-0001 +POST \/v1\/responses → HTTP 200 /);
      expect(stopped.stdout).toMatch(/proxy-0002 +POST \/v1\/responses → HTTP 200, stream/);
      expect(stopped.stdout).toMatch(/proxy-0003 +POST \/v1\/responses → HTTP 400/);
      const report = readReport(out);
      expect(report.scenarios.map((s) => s.id)).toEqual(['proxy-0001', 'proxy-0002', 'proxy-0003']);
      expect(report.scenarios.map((s) => s.status)).toEqual(['passed', 'passed', 'passed']);
      // The key the SDK sent is nowhere: not on the console, in a report or in a transcript.
      for (const file of [...filesUnder(out), ...filesUnder(record)]) expect(readFileSync(file, 'utf8'), file).not.toContain(API_KEY);
      expect(stopped.stdout + stopped.stderr).not.toContain(API_KEY);
      expect(readFileSync(join(record, 'proxy-0001', 'exchange', 'request.json'), 'utf8')).toContain('"authorization": "Bearer [REDACTED]"');
    }), 60_000);

  it('reports the fault of a stream and of a JSON body while the SDK still sees the same answers', () =>
    directAndProxied(['response-id-changes', 'response-missing-usage'], async (direct, proxy, out) => {
      expect(await drive(`${proxy.url}/v1`)).toEqual(await drive(direct.url));
      const stopped = await proxy.stop();
      expect(stopped.code, stopped.stdout + stopped.stderr).toBe(1);
      expect(stopped.stdout).toMatch(/✖ FAIL +proxy-0001 .*· \d+ failed/);
      expect(stopped.stdout).toContain('response/schema');
      expect(stopped.stdout).toContain('stream/response-id-stable');
      const report = readReport(out);
      const failing = (id: string) => report.scenarios.find((s) => s.id === id)?.checks.filter((c) => c.status === 'failed').map((c) => c.id);
      expect(failing('proxy-0001')).toContain('response/schema');
      expect(failing('proxy-0002')).toContain('stream/response-id-stable');
      expect(report.digest.map((p) => p.checkId)).toEqual(expect.arrayContaining(['response/schema', 'stream/response-id-stable']));
      expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('stream/response-id-stable');
      expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('response/schema');
    }), 60_000);
});
