/**
 * Targets that cannot be reached at all: refused connections, a name that does not resolve (a
 * failing lookup injected into the client, never a real resolver), TLS spoken to a plain-HTTP
 * port. Nothing could be checked, so every scenario is not run and the exit code is 3.
 */
import { mkdtempSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-code.js';
import { executeSuite } from '../../src/cli/suite.js';
import { DEFAULTS } from '../../src/core/options.js';
import { createDispatcher, isTransportFailure, openRequest } from '../../src/http/client.js';
import { classifyError } from '../../src/http/errors.js';
import { startTestServer, type TestServer } from '../helpers/servers.js';
import { startHostileServer } from '../helpers/hostile-server.js';
import { API_KEY, TIMEOUT_MS, expectNoSecret, outputsOf, runAgainst, summarize, type HostileRun } from './harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A lookup that fails the way getaddrinfo does for a name that does not exist. */
const failingLookup: LookupFunction = (hostname, _options, callback) => {
  const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
  callback(error, '', 4);
};

function expectNotRun(run: HostileRun, note: RegExp): void {
  console.log(`${summarize(run)}: ${run.report?.scenarios[0].note}`);
  expect(run.code).toBe(EXIT.unreachable);
  expect(run.wallMs).toBeLessThan(TIMEOUT_MS);
  expect(run.report?.scenarios.map((s) => s.status)).toEqual(['not_run']);
  expect(run.report?.scenarios[0].note).toMatch(note);
  // The reason reaches the console as one line, not as an OpenSSL or stack dump.
  const line = run.stdout.split('\n').find((l) => l.includes('not run: the target did not answer'));
  expect(line).toMatch(note);
}

describe('an unreachable target', () => {
  it('exits 3 when the connection is refused', async () => {
    const released = await startTestServer((_req, res) => res.end());
    await released.close();
    const run = await runAgainst(`http://127.0.0.1:${released.port}/v1`, 'text-input');
    expectNotRun(run, /ECONNREFUSED/);
  });

  it('exits 3 when TLS is spoken to a plain-HTTP port, with a one-line hint', async () => {
    server = await startHostileServer('never-answer');
    const run = await runAgainst(`https://127.0.0.1:${server.port}/v1`, 'text-input');
    expectNotRun(run, /TLS handshake failed \(wrong version number\); the port may not speak TLS \(is the URL meant to be http:\/\/\?\)/);
  });

  it('exits 3 when the name does not resolve (injected lookup, no real resolver)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'orc-hostile-dns-'));
    const stdout = new PassThrough();
    const printed: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => printed.push(chunk));
    const code = await executeSuite(
      {
        baseUrl: 'http://responses.invalid/v1',
        model: 'm',
        apiKey: API_KEY,
        authHeader: 'Authorization',
        bearer: true,
        headers: [],
        only: 'text-input,text-input-stream',
        out: outDir,
        reporter: 'console,json,junit',
        timeout: TIMEOUT_MS,
        maxBodyBytes: DEFAULTS.maxBodyBytes,
        maxEvents: DEFAULTS.maxEvents,
        concurrency: DEFAULTS.concurrency,
        lookup: failingLookup,
      },
      { stdout, stderr: stdout, color: false },
    );
    const text = Buffer.concat(printed).toString('utf8');
    expect(code).toBe(EXIT.unreachable);
    expect(text).toMatch(/not run: the target did not answer \(getaddrinfo ENOTFOUND responses\.invalid\)/);
    expectNoSecret(outputsOf({ code, stdout: text, stderr: '' }, outDir));
  });

  it('classifies a failed lookup as unreachable at the client', async () => {
    const dispatcher = createDispatcher({ lookup: failingLookup });
    try {
      const target = { baseUrl: 'http://responses.invalid/v1', headers: {}, timeoutMs: TIMEOUT_MS };
      const opened = await openRequest(target, dispatcher, 'POST', '/responses', { model: 'm' }, AbortSignal.timeout(TIMEOUT_MS));
      expect(isTransportFailure(opened) && opened).toEqual({ kind: 'unreachable', detail: 'getaddrinfo ENOTFOUND responses.invalid' });
    } finally {
      await dispatcher.close();
    }
  });
});

describe('error classification', () => {
  it('treats both OpenSSL answers to a plain-HTTP port as unreachable', () => {
    for (const [code, reason] of [
      ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'],
      ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'packet length too long'],
    ]) {
      const error = Object.assign(new Error('80EC0000:error:0A00010B:SSL routines:ssl3_get_record:…:350:\n'), { code, reason, library: 'SSL routines' });
      expect(classifyError(error)).toEqual({ kind: 'unreachable', detail: `${code}: TLS handshake failed (${reason}); the port may not speak TLS (is the URL meant to be http://?)` });
    }
  });

  it('reads the same answer through a bare TLS socket (the WebSocket client: EPROTO and the OpenSSL dump)', () => {
    const error = Object.assign(new Error('write EPROTO 80BC84A7337F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n'), { code: 'EPROTO' });
    expect(classifyError(error)).toEqual({ kind: 'unreachable', detail: 'EPROTO: TLS handshake failed (wrong version number); the port may not speak TLS (is the URL meant to be http://?)' });
  });

  it('copes with errors whose code is a number (DOMException) or that are not errors at all', () => {
    expect(classifyError(new DOMException('This operation was aborted', 'AbortError'))).toEqual({ kind: 'reset', detail: 'This operation was aborted' });
    expect(classifyError('a string')).toEqual({ kind: 'reset', detail: 'a string' });
    expect(classifyError(undefined)).toEqual({ kind: 'reset', detail: 'unknown error' });
  });
});
