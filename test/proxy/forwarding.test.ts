/**
 * What the proxy does to the bytes: nothing. Raw bodies are compared through and around it, a
 * stream's first chunk reaches the client while the target still holds the rest, a slow client
 * slows the target down, other paths and WebSocket upgrades (a tunnel) pass untouched, and a
 * target that does not answer is a 502.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { WebSocket } from 'ws';
import { startReferenceServer } from '../../src/fixtures/server.js';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/servers.js';
import { validResponse } from '../helpers/responses.js';
import { readReport } from '../helpers/report.js';
import { startProxy } from './helpers.js';

/** An SSE body with the framing a byte-exact relay must keep: CRLF line ends, a comment, odd spacing. */
const SSE_PARTS = [
  ': keep-alive comment\r\n\r\n',
  'event: response.created\r\ndata: {"type":"response.created","sequence_number":0}\r\n\r\n',
  'event: response.in_progress\ndata:  {"type":"response.in_progress","sequence_number":1}\n\n',
  'data: [DONE]\n\n',
];

async function rawPost(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  return { status: answer.statusCode, headers: answer.headers, bytes: Buffer.concat(chunks) };
}

/** A request by node:http, whose answer to an upgrade that is refused is an ordinary response. */
function plainRequest(url: string, options: RequestOptions, body?: string): Promise<{ statusCode: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, options, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('upgrade', () => reject(new Error('the upgrade was accepted')));
    req.on('error', reject);
    req.end(body);
  });
}

const STREAM_REQUEST = JSON.stringify({ model: 'm', input: 'hi', stream: true });

describe('bytes through the proxy', () => {
  it('relays an SSE stream and a gzip JSON body byte for byte, and judges its own decoded copy', async () => {
    const json = gzipSync(JSON.stringify(validResponse()));
    const target = await startTestServer((req, res) => {
      if (req.url === '/v1/responses' && req.headers['x-want'] === 'gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(json);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const part of SSE_PARTS) res.write(part);
      res.end();
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-bytes-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json']);
    try {
      const direct = await rawPost(`${target.url}/responses`, STREAM_REQUEST);
      const proxied = await rawPost(`${proxy.url}/v1/responses`, STREAM_REQUEST);
      expect(proxied.bytes.equals(direct.bytes)).toBe(true);
      expect(proxied.bytes.toString()).toBe(SSE_PARTS.join(''));
      const zipped = await rawPost(`${proxy.url}/v1/responses`, JSON.stringify({ model: 'm', input: 'hi' }), { 'x-want': 'gzip', 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.bytes.equals(json)).toBe(true);
    } finally {
      await proxy.stop();
      await target.close();
    }
    const report = readReport(out);
    const zippedResult = report.scenarios.find((s) => s.id === 'proxy-0002');
    expect(zippedResult?.status).toBe('passed');
  }, 30_000);

  it('forwards a first chunk while the target still holds the rest of the stream', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const target = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(SSE_PARTS[1]);
      void held.then(() => res.end(SSE_PARTS.slice(2).join('')));
    });
    const proxy = await startProxy(['--target', target.url, '--reporter', 'console']);
    try {
      const answer = await request(`${proxy.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: STREAM_REQUEST });
      const iterator = answer.body[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(Buffer.from(first.value as Uint8Array).toString()).toBe(SSE_PARTS[1]);
      release();
      const rest: Buffer[] = [];
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) rest.push(step.value as Buffer);
      expect(Buffer.concat(rest).toString()).toBe(SSE_PARTS.slice(2).join(''));
    } finally {
      release();
      await proxy.stop();
      await target.close();
    }
  }, 30_000);

  it('pauses the target while the client does not read', async () => {
    // One SSE comment message of 64 KiB.
    const CHUNK = Buffer.from(`: ${'x'.repeat(64 * 1024 - 4)}\n\n`);
    // 64 MiB: the socket buffers on the way hold about 8 MiB on loopback, far below half of it.
    const TOTAL_CHUNKS = 1024;
    let written = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void (async () => {
        for (let i = 0; i < TOTAL_CHUNKS && !res.destroyed; i++) {
          written += CHUNK.length;
          if (!res.write(CHUNK)) await once(res, 'drain').catch(() => undefined);
        }
        res.end();
      })();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const proxy = await startProxy(['--target', target, '--reporter', 'console', '--quiet']);
    try {
      const answer = await request(`${proxy.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: STREAM_REQUEST, highWaterMark: 16 * 1024 });
      // The client reads nothing: the target must stop well short of the whole body.
      let plateau = -1;
      for (let i = 0; i < 50 && plateau !== written; i++) {
        plateau = written;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(written).toBeLessThan((TOTAL_CHUNKS * CHUNK.length) / 2);
      let received = 0;
      for await (const chunk of answer.body) received += (chunk as Buffer).length;
      expect(received).toBe(TOTAL_CHUNKS * CHUNK.length);
    } finally {
      await proxy.stop();
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);
});

describe('what the proxy does not judge', () => {
  it('forwards other paths untouched: method, path, query, headers and body', async () => {
    const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
    const target = await startTestServer((req, res, body) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString() });
      res.writeHead(207, { 'content-type': 'text/plain', 'x-answer': 'yes', 'set-cookie': ['a=1', 'b=2'] });
      res.end('plain answer');
    });
    const proxy = await startProxy(['--target', target.url, '--reporter', 'console']);
    try {
      // node:http sends the Connection header as given (undici and fetch manage their own).
      const answer = await plainRequest(`${proxy.url}/v1/files?purpose=x`, { method: 'PUT', headers: { 'x-custom': 'kept', connection: 'x-hop', 'x-hop': 'dropped', authorization: 'Bearer sk-not-judged-key' } }, 'some bytes');
      expect(answer.statusCode).toBe(207);
      expect(answer.headers['x-answer']).toBe('yes');
      expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(answer.body).toBe('plain answer');
    } finally {
      const stopped = await proxy.stop();
      await target.close();
      expect(stopped.stdout).not.toContain('proxy-0001');
      expect(stopped.stdout).not.toContain('sk-not-judged-key');
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/v1/files?purpose=x', body: 'some bytes' });
    expect(seen[0].headers).toMatchObject({ 'x-custom': 'kept', authorization: 'Bearer sk-not-judged-key', host: new URL(target.url).host });
    expect(seen[0].headers['x-hop']).toBeUndefined();
  }, 30_000);

  it('tunnels a WebSocket upgrade to the target: the same messages come back, and the console says it is not judged', async () => {
    const server = await startReferenceServer({ apiKey: 'sk-websocket-tunnel-key' });
    const proxy = await startProxy(['--target', server.url, '--reporter', 'console']);
    const converse = async (url: string) => {
      const socket = new WebSocket(url.replace(/^http/, 'ws') + '/responses', { headers: { authorization: 'Bearer sk-websocket-tunnel-key' } });
      await once(socket, 'open');
      const types: string[] = [];
      const done = new Promise<void>((resolve) => socket.on('message', (data: Buffer) => {
        const type = (JSON.parse(data.toString()) as { type: string }).type;
        types.push(type);
        if (type === 'response.completed') resolve();
      }));
      socket.send(JSON.stringify({ type: 'response.create', model: 'reference-model', input: 'Hello over a socket.' }));
      await done;
      socket.close();
      return types;
    };
    try {
      const direct = await converse(server.url);
      expect(direct.at(-1)).toBe('response.completed');
      expect(await converse(`${proxy.url}/v1`)).toEqual(direct);
      expect(proxy.output()).toContain('proxy: websocket upgrade of /v1/responses tunnelled to the target; what passes through it is forwarded, not judged');
    } finally {
      const stopped = await proxy.stop();
      await server.close();
      expect(stopped.stdout).not.toContain('sk-websocket-tunnel-key');
    }
  }, 30_000);

  it('answers an upgrade the target does not take with 502', async () => {
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const proxy = await startProxy(['--target', gone.url, '--reporter', 'console']);
    try {
      const answer = await plainRequest(`${proxy.url}/v1/responses`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      expect(answer.statusCode).toBe(502);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { type: 'proxy_error', code: 'bad_gateway' } });
      expect(proxy.output()).toMatch(/proxy: websocket upgrade of \/v1\/responses → 502: the target http:\/\/127\.0\.0\.1:\d+ did not answer/);
    } finally {
      await proxy.stop();
    }
  }, 30_000);
});

describe('exchanges the proxy cannot judge', () => {
  it('forwards a request that is not JSON and an answer in an unknown encoding, and says why neither is judged', async () => {
    const target = await startTestServer((req, res, body) => {
      if (body.toString() === 'not json') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":null}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
      res.end(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]));
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-unjudged-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json']);
    try {
      expect((await rawPost(`${proxy.url}/v1/responses`, 'not json')).status).toBe(400);
      const zstd = await rawPost(`${proxy.url}/v1/responses`, JSON.stringify({ model: 'm', input: 'x' }));
      expect(zstd.bytes.equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]))).toBe(true);
    } finally {
      const stopped = await proxy.stop();
      await target.close();
      expect(stopped.code).toBe(0);
    }
    const [notJson, unknownEncoding] = readReport(out).scenarios;
    expect(notJson).toMatchObject({ id: 'proxy-0001', status: 'skipped', note: expect.stringContaining('the request body is not a JSON object') });
    expect(unknownEncoding).toMatchObject({ id: 'proxy-0002', status: 'skipped', note: expect.stringContaining('Content-Encoding: zstd') });
  }, 30_000);
});

describe('a request larger than --max-body-bytes', () => {
  it('is forwarded whole as it arrives and reported as not judged', async () => {
    let received = 0;
    const target = await startTestServer((_req, res, body) => {
      received = body.length;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(validResponse()));
    });
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-large-request-'));
    const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json', '--max-body-bytes', '1000']);
    const large = JSON.stringify({ model: 'm', input: 'x'.repeat(5_000) });
    try {
      expect((await rawPost(`${proxy.url}/v1/responses`, large)).status).toBe(200);
    } finally {
      await proxy.stop();
      await target.close();
    }
    expect(received).toBe(Buffer.byteLength(large));
    expect(readReport(out).scenarios[0]).toMatchObject({ status: 'skipped', note: expect.stringContaining('the request body is larger than --max-body-bytes (1000 bytes)') });
  }, 30_000);
});

describe('a target that does not answer', () => {
  it('gets the client a 502 with a one-line JSON error and the console a line', async () => {
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const out = mkdtempSync(join(tmpdir(), 'orc-proxy-down-'));
    const proxy = await startProxy(['--target', gone.url, '--out', out, '--reporter', 'console,json']);
    const answer = await rawPost(`${proxy.url}/v1/responses`, JSON.stringify({ model: 'm', input: 'hi' }));
    const stopped = await proxy.stop();
    expect(answer.status).toBe(502);
    const text = answer.bytes.toString();
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(text)).toMatchObject({ error: { type: 'proxy_error', message: expect.stringContaining('did not answer') } });
    expect(stopped.stdout).toMatch(/proxy: POST \/v1\/responses → 502: the target http:\/\/127\.0\.0\.1:\d+ did not answer \(.*ECONNREFUSED/);
    expect(stopped.stdout).not.toMatch(/\n\s+at /);
    expect(readReport(out).scenarios[0]).toMatchObject({ id: 'proxy-0001', status: 'not_run' });
    expect(stopped.code).toBe(3);
  }, 30_000);
});
