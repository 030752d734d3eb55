import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { startTestServer } from '../helpers/servers.js';

/** The WebSocket scenarios as a provider meets them: a server without the transport, refused credentials, silence, transcripts. */

const KEY = 'sk-websocket-test-key-1234';
const WEBSOCKET_SCENARIOS = 8;

function outDir(): string {
  return mkdtempSync(join(tmpdir(), 'orc-ws-'));
}

/** A server on 127.0.0.1 whose upgrade handling is the test's; plain HTTP requests get 404. */
async function startUpgradeServer(onUpgrade: (socket: Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"no route","type":"not_found","code":null,"param":null}}');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (_req, socket) => onUpgrade(socket as Socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a server without the WebSocket transport', () => {
  it('gets every WebSocket scenario skipped with the upgrade status in the reason, and the run passes', async () => {
    const out = outDir();
    const run = await runCli(['self-test', '--without', 'websocket', '--only', 'websocket', '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(0);
    const report = readReport(out);
    expect(report.scenarios).toHaveLength(WEBSOCKET_SCENARIOS);
    for (const scenario of report.scenarios) {
      expect(scenario.status, scenario.id).toBe('skipped');
      expect(scenario.note, scenario.id).toMatch(/^skipped: the target does not offer the WebSocket transport \(the upgrade to ws:\/\/127\.0\.0\.1:\d+\/v1\/responses was answered HTTP 405 \("Method GET is not allowed on \/v1\/responses; use POST\."\)\); pass --capabilities websocket to fail such a refusal instead$/);
    }
    // The compaction step before the socket was judged and passed; the scenario still did not exercise its purpose.
    const chain = report.scenarios.find((s) => s.id === 'websocket-compact-new-chain')!;
    expect(chain.checks.filter((c) => c.step === 'compact').every((c) => c.status === 'passed' || c.status === 'skipped' || c.status === 'not_run')).toBe(true);
    expect(chain.checks.filter((c) => c.step === 'continue').every((c) => c.status === 'skipped')).toBe(true);
  });

  it('fails the refusal when the target declares the websocket capability', async () => {
    const out = outDir();
    const run = await runCli(['self-test', '--without', 'websocket', '--capabilities', 'websocket', '--only', 'websocket-response', '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(1);
    const answer = readReport(out).scenarios[0].checks.find((c) => c.id === 'websocket/answer');
    expect(answer).toMatchObject({ status: 'failed', requirement: 'HTTP-22' });
    expect(answer?.findings[0].message).toMatch(/^The WebSocket upgrade was refused although the target declares the websocket capability: the upgrade to ws:\/\/.* was answered HTTP 405/);
  });

  it('takes a connection closed instead of an answer to the upgrade as no transport', async () => {
    const closing = await startUpgradeServer((socket) => socket.destroy());
    try {
      const out = outDir();
      const run = await runCli(['run', '--base-url', closing.url, '--model', 'm', '--only', 'websocket-response', '--reporter', 'json', '--out', out]);
      expect(run.code).toBe(0);
      const [scenario] = readReport(out).scenarios;
      expect(scenario.status).toBe('skipped');
      expect(scenario.note).toMatch(/^skipped: the target does not offer the WebSocket transport \(the upgrade to ws:\/\/127\.0\.0\.1:\d+\/v1\/responses got no answer: the connection was closed \(.+\)\); pass --capabilities websocket/);
    } finally {
      await closing.close();
    }
  });

  it('takes a plain HTTP server\'s answer to the upgrade (no upgrade handler: 404) as no transport', async () => {
    const plain = await startTestServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    try {
      const out = outDir();
      expect((await runCli(['run', '--base-url', plain.url, '--model', 'm', '--only', 'websocket-response', '--reporter', 'json', '--out', out])).code).toBe(0);
      expect(readReport(out).scenarios[0].note).toMatch(/was answered HTTP 404\); pass --capabilities websocket/);
    } finally {
      await plain.close();
    }
  });

  it('skips them without connecting under --skip websocket', async () => {
    const out = outDir();
    const run = await runCli(['self-test', '--skip', 'websocket', '--only', 'websocket', '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(0);
    for (const scenario of readReport(out).scenarios) expect(scenario.note, scenario.id).toBe('skipped by --skip websocket, without sending');
  });
});

describe('a WebSocket turn refused for an optional feature it needs', () => {
  it('skips the scenario, naming the feature, when the server cannot honour store: false', async () => {
    const out = outDir();
    const run = await runCli(['self-test', '--without', 'store', '--only', 'websocket-continuation', '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(0);
    const [scenario] = readReport(out).scenarios;
    expect(scenario.status).toBe('skipped');
    expect(scenario.note).toBe('skipped: the target does not offer store (it refused store on the WebSocket with HTTP 400 invalid_request); pass --capabilities store to fail such a refusal instead');
    const declared = await runCli(['self-test', '--without', 'store', '--capabilities', 'store,websocket', '--only', 'websocket-continuation', '--reporter', 'json', '--out', out]);
    expect(declared.code).toBe(1);
  });
});

describe('an upgrade refused for its credentials', () => {
  it('leaves the scenario not run, naming the status', async () => {
    const server = await startUpgradeServer((socket) => {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 43\r\n\r\n{"error":{"message":"Incorrect API key."}}\n');
    });
    try {
      const out = outDir();
      const run = await runCli(['run', '--base-url', server.url, '--api-key', KEY, '--model', 'm', '--only', 'websocket-response', '--reporter', 'json', '--out', out]);
      const [scenario] = readReport(out).scenarios;
      expect(scenario.status).toBe('not_run');
      expect(scenario.note).toBe(`not run: the target refused the credentials on the WebSocket upgrade to ${server.url.replace('http', 'ws')}/responses (HTTP 401 ("Incorrect API key."))`);
      expect(run.stdout + run.stderr).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });
});

describe('a server that accepts the upgrade and then says nothing', () => {
  it('is a timeout of the turn within --timeout, not a hang', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/responses' });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    const { port } = silent.address() as AddressInfo;
    try {
      const out = outDir();
      const started = Date.now();
      const run = await runCli(['run', '--base-url', `http://127.0.0.1:${port}/v1`, '--model', 'm', '--only', 'websocket-response', '--timeout', '1000', '--reporter', 'json', '--out', out]);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(run.code).toBe(1);
      const timeout = readReport(out).scenarios[0].checks.find((c) => c.id === 'transport/timeout');
      expect(timeout?.findings[0].message).toBe('The response.create was not answered in full within --timeout (1000 ms).');
    } finally {
      for (const client of silent.clients) client.terminate();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('the caps on a WebSocket turn', () => {
  it('cuts a message past --max-body-bytes and a response past --max-events, as transport findings', async () => {
    for (const [flag, value, check] of [['--max-body-bytes', '300', 'transport/body-too-large'], ['--max-events', '3', 'transport/too-many-events']]) {
      const out = outDir();
      const run = await runCli(['self-test', '--only', 'websocket-response', flag, value, '--reporter', 'json', '--out', out]);
      expect(run.code, flag).toBe(1);
      const failed = readReport(out).scenarios[0].checks.filter((c) => c.status === 'failed').map((c) => c.id);
      expect(failed, flag).toEqual([check]);
    }
  });
});

describe('WebSocket steps in transcripts and reports', () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ apiKey: KEY, fault: 'ws-no-eviction' });
  });
  afterAll(() => server.close());

  it('records the messages both ways as JSON lines, the key redacted, and gives a failing step its client messages', async () => {
    const out = outDir();
    const record = join(out, 'transcripts');
    const run = await runCli(['run', '--base-url', server.url, '--api-key', KEY, '--model', 'reference-model', '--only', 'websocket-failed-continuation-evicts', '--record', record, '--reporter', 'console,json', '--out', out]);
    expect(run.code).toBe(1);
    const lines = readFileSync(join(record, 'websocket-failed-continuation-evicts', 'turn-3', 'body'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { direction: string; data: string });
    expect(lines[0].direction).toBe('sent');
    expect(JSON.parse(lines[0].data)).toMatchObject({ type: 'response.create', previous_response_id: expect.stringMatching(/^resp_/) });
    expect(lines.slice(1).every((line) => line.direction === 'received')).toBe(true);
    expect(JSON.parse(lines.at(-1)!.data)).toMatchObject({ type: 'response.completed' });
    const request = JSON.parse(readFileSync(join(record, 'websocket-failed-continuation-evicts', 'turn-3', 'request.json'), 'utf8')) as { url: string; headers: Record<string, string>; step: { transport?: string } };
    expect(request.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/responses$/);
    expect(request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(request.step.transport).toBe('websocket');
    expect(readFileSync(join(record, 'websocket-failed-continuation-evicts', 'turn-3', 'body'), 'utf8')).not.toContain(KEY);

    const scenario = readReport(out).scenarios[0];
    const turn3 = scenario.steps?.find((step) => step.name === 'turn-3');
    expect(turn3?.request.transport).toBe('websocket');
    expect(turn3?.curl).toBeUndefined();
    expect(turn3?.socketMessages?.map((m) => (JSON.parse(m) as { type: string }).type)).toEqual(['response.create', 'response.create', 'response.create']);
    expect(run.stdout).toMatch(/reproduce: open a WebSocket to <base-url>\/responses \(same headers\) and send, in order: \{"type":"response.create"/);
    expect(run.stdout).not.toContain(KEY);

    const validate = await runCli(['validate', join(record, 'websocket-failed-continuation-evicts', 'turn-3')]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/^open-responses-check: cannot validate .*: it is a WebSocket step, whose transcript .* validate does not judge yet; run the scenario again instead\n$/);
  });
});
