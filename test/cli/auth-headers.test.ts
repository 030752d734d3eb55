import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';
import { startRecordingProxy, type RecordedRequest } from '../helpers/servers.js';

const KEY = 'sk-test-9f8e7d6c5b4a3210';
let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

/** Runs the suite through a recording proxy and returns what the server received. */
async function recorded(args: string[], env: Record<string, string> = {}): Promise<{ requests: RecordedRequest[]; code: number; dir: string; stdout: string; stderr: string }> {
  const proxy = await startRecordingProxy(server.url);
  const dir = mkdtempSync(join(tmpdir(), 'orc-auth-'));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--only', 'text-input', '--out', dir, ...args]);
    return { requests: proxy.requests, code: run.code, dir, stdout: run.stdout, stderr: run.stderr };
  } finally {
    process.env = saved;
    await proxy.close();
  }
}

describe('authentication and extra headers', () => {
  it('sends Authorization: Bearer <key> by default', async () => {
    const { requests } = await recorded(['--api-key', KEY]);
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/v1/responses' });
    expect(requests[0].headers['content-type']).toBe('application/json');
  });

  it('uses the header named by --auth-header', async () => {
    const { requests } = await recorded(['--api-key', KEY, '--auth-header', 'X-Api-Key']);
    expect(requests[0].headers['x-api-key']).toBe(`Bearer ${KEY}`);
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('drops the Bearer prefix with --no-bearer', async () => {
    const { requests } = await recorded(['--api-key', KEY, '--auth-header', 'X-Api-Key', '--no-bearer']);
    expect(requests[0].headers['x-api-key']).toBe(KEY);
  });

  it('takes the key from OPENRESPONSES_API_KEY', async () => {
    const { requests } = await recorded([], { OPENRESPONSES_API_KEY: KEY });
    expect(requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('adds -H headers, repeatable', async () => {
    const { requests } = await recorded(['-H', 'X-Tenant: acme', '-H', 'X-Trace: 1']);
    expect(requests[0].headers['x-tenant']).toBe('acme');
    expect(requests[0].headers['x-trace']).toBe('1');
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('keeps the key and secret headers out of every output', async () => {
    const { dir, stdout, stderr } = await recorded(['--api-key', KEY, '-H', 'X-Session-Token: tok-abcdef123456', '--verbose']);
    const outputs = [stdout, stderr, ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))];
    for (const text of outputs) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('tok-abcdef123456');
    }
  });
});

describe('requests the suite sends', () => {
  // Two whole runs on a busy 2-core machine: the default 30 s leaves no headroom.
  it('every request of a full run but the deliberate negative tests validates against its request schema, for both releases', { timeout: 120_000 }, async () => {
    for (const version of ['2026-01-15', '2026-04-24']) {
      const schemas = createSchemaValidator(loadBundledSpec(version).document);
      const proxy = await startRecordingProxy(server.url);
      try {
        // The error paths break the request schema on purpose; every other request must fit it.
        const run = await runCli(['--base-url', proxy.url, '--model', 'm', '--spec-version', version, '--reporter', 'console', '--skip', 'error-path']);
        expect(run.code).toBe(0);
        expect(proxy.requests.length).toBeGreaterThanOrEqual(40);
        const schemaOf = (path: string) => (path.endsWith('/responses/compact') ? 'CompactResponseMethodPublicBody' : 'CreateResponseBody');
        // The WebSocket upgrades (GET, no body) reach the proxy as plain requests; only the POSTs carry bodies.
        const invalid = proxy.requests.filter((request) => request.method === 'POST' && schemas.validate(schemaOf(request.path), request.body).length > 0);
        expect(invalid.map((request) => request.body)).toEqual([]);
      } finally {
        await proxy.close();
      }
    }
  });
});
