import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, runConformance, startReferenceServer } from '../../src/core/index.js';
import { REDACTED } from '../../src/runner/redaction.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer } from '../helpers/servers.js';

const KEY = 'record-key-0123456789abcdef';

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'orc-record-'));
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

describe('--record', () => {
  it('writes each step\'s request, answer head and body bytes, with the key redacted', async () => {
    const server = await startReferenceServer({ apiKey: KEY });
    const dir = freshDir();
    try {
      const run = await runConformance({ baseUrl: server.url, model: 'reference-model', apiKey: KEY, only: ['text-input', 'text-input-stream', 'function-call-round-trip'], record: dir });
      expect(run.summary.failed).toBe(0);
      const step = join(dir, 'text-input', 'request');
      const request = readJson(join(step, 'request.json'));
      expect(request).toMatchObject({ method: 'POST', url: `${server.url}/responses`, path: '/responses', stream: false, step: { stream: false } });
      expect((request.headers as Record<string, string>).authorization).toBe(`Bearer ${REDACTED}`);
      expect((request.body as Record<string, unknown>).model).toBe('reference-model');
      const response = readJson(join(step, 'response.json'));
      expect(response).toMatchObject({ status: 200, body: { file: 'body', truncated: false, secretsRedacted: 0 } });
      expect((response.headers as Record<string, string>)['content-type']).toMatch(/application\/json/);
      const body = readFileSync(join(step, 'body'));
      expect(JSON.parse(body.toString('utf8'))).toMatchObject({ object: 'response', status: 'completed' });
      expect((response.body as { bytes: number }).bytes).toBe(body.length);

      const stream = readFileSync(join(dir, 'text-input-stream', 'request', 'body'), 'utf8');
      expect(stream).toMatch(/^event: response\.created/);
      expect(stream).toContain('event: response.completed');
      // A multi-step scenario gets a folder per step.
      expect(readdirSync(join(dir, 'function-call-round-trip')).sort()).toEqual(['turn-1', 'turn-2']);
      for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });

  it('never writes a key the server echoes into its headers or body, also split across chunks', async () => {
    const server = await startTestServer((req, res) => {
      const auth = String(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': auth });
      // The key arrives cut in two chunks, and once more whole and URL-encoded.
      const text = JSON.stringify({ object: 'response', echoed: auth, again: encodeURIComponent(KEY) });
      const cut = text.indexOf(KEY) + 5;
      res.write(text.slice(0, cut));
      setTimeout(() => res.end(text.slice(cut)), 20);
    });
    const dir = freshDir();
    try {
      await runConformance({ baseUrl: server.url, model: 'm', apiKey: KEY, only: ['text-input'], record: dir });
      const files = filesUnder(dir);
      expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['text-input/request/body', 'text-input/request/request.json', 'text-input/request/response.json']);
      for (const file of files) {
        expect(readFileSync(file, 'utf8')).not.toContain(KEY);
        expect(readFileSync(file, 'utf8')).not.toContain(encodeURIComponent(KEY));
      }
      const body = readFileSync(join(dir, 'text-input', 'request', 'body'), 'utf8');
      expect(JSON.parse(body)).toEqual({ object: 'response', echoed: `Bearer ${REDACTED}`, again: REDACTED });
      const response = readJson(join(dir, 'text-input', 'request', 'response.json'));
      expect(response.body).toMatchObject({ secretsRedacted: 2 });
      expect((response.headers as Record<string, string>)['x-echo']).toBe(`Bearer ${REDACTED}`);
    } finally {
      await server.close();
    }
  });

  it('writes the body to the file as it arrives, not at the end of the answer', async () => {
    const dir = freshDir();
    const bodyFile = join(dir, 'text-input-stream', 'request', 'body');
    let seenOnDiskBeforeTheEnd = false;
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: response.created\ndata: {"type":"response.created","sequence_number":0}\n\n');
      // The answer stays open until the first bytes are on disk (or 10 s pass).
      const started = Date.now();
      const poll = setInterval(() => {
        seenOnDiskBeforeTheEnd = existsSync(bodyFile) && statSync(bodyFile).size > 0;
        if (seenOnDiskBeforeTheEnd || Date.now() - started > 10_000) {
          clearInterval(poll);
          res.end('data: [DONE]\n\n');
        }
      }, 10);
    });
    try {
      await runConformance({ baseUrl: server.url, model: 'm', only: ['text-input-stream'], record: dir });
      expect(seenOnDiskBeforeTheEnd).toBe(true);
      expect(readFileSync(bodyFile, 'utf8')).toMatch(/sequence_number":0}\n\ndata: \[DONE\]\n\n$/);
    } finally {
      await server.close();
    }
  });

  it('caps the body file at --max-body-bytes and says so', async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"pad":"${'x'.repeat(50_000)}"}`);
    });
    const dir = freshDir();
    try {
      await runConformance({ baseUrl: server.url, model: 'm', only: ['text-input'], maxBodyBytes: 4096, record: dir });
      const step = join(dir, 'text-input', 'request');
      expect(statSync(join(step, 'body')).size).toBe(4096);
      expect(readJson(join(step, 'response.json')).body).toMatchObject({ bytes: 4096, truncated: true });
    } finally {
      await server.close();
    }
  });

  it('writes nothing without --record', async () => {
    const server = await startReferenceServer();
    const dir = freshDir();
    try {
      await runConformance({ baseUrl: server.url, model: 'reference-model', only: ['text-input'] });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('refuses a --record path that cannot be a folder before sending anything (exit 2, one line)', async () => {
    const blocker = join(freshDir(), 'a-file');
    writeFileSync(blocker, 'x');
    let requests = 0;
    const server = await startTestServer((_req, res) => {
      requests++;
      res.end();
    });
    try {
      await expect(runConformance({ baseUrl: server.url, model: 'm', record: join(blocker, 'sub') })).rejects.toBeInstanceOf(ConfigurationError);
      const cli = await runCli(['run', '--base-url', server.url, '--model', 'm', '--reporter', 'console', '--record', join(blocker, 'sub')]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/^open-responses-check: --record .*cannot create the transcript folder there \(ENOTDIR\); expected a folder path\n$/);
      expect(requests).toBe(0);
      expect(existsSync(join(blocker, 'sub'))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
