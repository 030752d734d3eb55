/** The proxy command's flags, its reports while it runs and when it stops, and open exchanges at the stop. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { startTestServer } from '../helpers/servers.js';
import { validResponse } from '../helpers/responses.js';
import { startProxy } from './helpers.js';

const STACK_LINE = /\n\s+at /;

async function post(url: string, body: unknown): Promise<string> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return answer.text();
}

describe('proxy flags', () => {
  it.each([
    [['proxy'], /required option '--target <url>'/],
    [['proxy', '--target', 'not a url'], /--target must be the target's API root as an http:\/\/ or https:\/\/ URL/],
    [['proxy', '--target', 'ftp://example.test/v1'], /--target must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/example.test\/v1"/],
    [['proxy', '--target', 'http://user:sk-in-url-secret@127.0.0.1:9/v1'], /must not carry credentials/],
    [['proxy', '--target', 'http://127.0.0.1:9/v1', '--port', '70000'], /--port must be a number from 0 to 65535/],
    [['proxy', '--target', 'http://127.0.0.1:9/v1', '--report-every', '0'], /--report-every/],
    [['proxy', '--target', 'http://127.0.0.1:9/v1', '--report-every', '2', '--out', '-', '--reporter', 'json'], /--report-every writes report files again and again/],
  ])('%j is a one-line usage error, exit 2', async (args, message) => {
    const run = await runCli(args, { untilStopped: () => Promise.resolve() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr + run.stdout).not.toContain('sk-in-url-secret');
  });

  it('says a port that is taken in one line', async () => {
    const taken = await startTestServer(() => undefined);
    try {
      const run = await runCli(['proxy', '--target', 'http://127.0.0.1:9/v1', '--port', String(taken.port)], { untilStopped: () => Promise.resolve() });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^open-responses-check: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)\n$/);
    } finally {
      await taken.close();
    }
  });
});

describe('proxy reports', () => {
  it('writes the reports every n exchanges and again, whole, when it stops', async () => {
    const server = await startReferenceServer({});
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-every-'));
    const proxy = await startProxy(['--target', server.url, '--out', out, '--report-every', '2', '--reporter', 'console,json']);
    try {
      await post(`${proxy.url}/v1/responses`, { model: 'm', input: 'one' });
      expect(existsSync(join(out, 'report.json'))).toBe(false);
      await post(`${proxy.url}/v1/responses`, { model: 'm', input: 'two' });
      await expect.poll(() => existsSync(join(out, 'report.json')), { timeout: 20_000 }).toBe(true);
      expect(readReport(out).scenarios.map((s) => s.id)).toEqual(['proxy-0001', 'proxy-0002']);
      await post(`${proxy.url}/v1/responses`, { model: 'm', input: 'three', stream: true });
    } finally {
      const stopped = await proxy.stop();
      await server.close();
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toContain('proxy: reports updated after 2 exchanges');
    }
    const report = readReport(out);
    expect(report.scenarios.map((s) => s.id)).toEqual(['proxy-0001', 'proxy-0002', 'proxy-0003']);
    expect(report.summary).toMatchObject({ scenarios: 3, passed: 3, failed: 0 });
  }, 60_000);

  it('cuts a stream still open when it stops and reports it as not judged, not as the target failing', async () => {
    const target = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: response.created\ndata: {"type":"response.created","sequence_number":0}\n\n');
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-cut-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json']);
    try {
      const answer = await fetch(`${proxy.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', input: 'x', stream: true }) });
      const reader = answer.body!.getReader();
      await reader.read();
      const stopped = await proxy.stop();
      await expect(reader.read().then(async function drain(step): Promise<unknown> { return step.done ? step : drain(await reader.read()); })).rejects.toThrow();
      expect(stopped.stdout).toContain('proxy: 1 open exchange was cut');
      expect(stopped.code).toBe(0);
    } finally {
      await target.close();
    }
    const scenario = readReport(out).scenarios[0];
    expect(scenario).toMatchObject({ id: 'proxy-0001', status: 'skipped' });
    expect(scenario.note).toContain('cut: the proxy stopped');
  }, 30_000);

  it('keeps a key the target echoes out of the console, the reports and the transcripts', async () => {
    const key = 'sk-echoed-by-the-target-42';
    const target = await startTestServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'x-echo': String(req.headers.authorization) });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${String(req.headers.authorization)}`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-echo-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json,junit,markdown,html', '--record', join(out, 'record'), '--verbose']);
    try {
      const answer = await fetch(`${proxy.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'm', input: 'x' }) });
      // The client gets the answer as the target sent it; only what the tool writes is redacted.
      expect(await answer.text()).toContain(key);
    } finally {
      const stopped = await proxy.stop();
      await target.close();
      expect(stopped.stdout + stopped.stderr).not.toContain(key);
    }
    for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
      const path = join(out, name);
      if (statSync(path).isFile()) expect(readFileSync(path, 'utf8'), path).not.toContain(key);
    }
    expect(readFileSync(join(out, 'record', 'proxy-0001', 'exchange', 'body'), 'utf8')).toContain('Incorrect API key provided: [REDACTED]');
  }, 30_000);

  it('judges a retrieved response by its body and writes no transcript for it', async () => {
    const target = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(validResponse()));
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-retrieve-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json', '--record', join(out, 'record')]);
    try {
      await post(`${proxy.url}/v1/responses`, { model: 'm', input: 'keep me' });
      expect((await fetch(`${proxy.url}/v1/responses/resp_1`)).status).toBe(200);
    } finally {
      const stopped = await proxy.stop();
      await target.close();
      expect(stopped.code).toBe(0);
    }
    const [create, retrieve] = readReport(out).scenarios;
    expect(create).toMatchObject({ id: 'proxy-0001', status: 'passed' });
    expect(retrieve).toMatchObject({ id: 'proxy-0002', status: 'passed', title: 'GET /v1/responses/resp_1 → HTTP 200' });
    expect(readdirSync(join(out, 'record'))).toEqual(['proxy-0001']);
  }, 30_000);

  it('judges concurrent exchanges each on its own, numbered in the order they arrived', async () => {
    const server = await startReferenceServer({});
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-concurrent-'));
    const proxy = await startProxy(['--target', server.url, '--out', out, '--reporter', 'console,json', '--quiet']);
    try {
      const bodies = await Promise.all(Array.from({ length: 8 }, (_, i) => post(`${proxy.url}/v1/responses`, { model: 'm', input: `Request ${i}.`, stream: i % 2 === 0 })));
      expect(bodies.every((body) => body.length > 0)).toBe(true);
    } finally {
      const stopped = await proxy.stop();
      await server.close();
      expect(stopped.code).toBe(0);
    }
    const report = readReport(out);
    expect(report.scenarios.map((s) => s.id)).toEqual(Array.from({ length: 8 }, (_, i) => `proxy-000${i + 1}`));
    expect(report.summary).toMatchObject({ scenarios: 8, passed: 8 });
    expect(report.scenarios.filter((s) => s.title.endsWith(', stream'))).toHaveLength(4);
  }, 30_000);
});
