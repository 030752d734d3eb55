import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'orc-validate-'));
let server: ReferenceServer;
let sse: string;
let json: string;

function capture(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  server = await startReferenceServer();
  const post = (stream: boolean) =>
    fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', input: 'Tell me about the sea.', stream }) }).then((r) => r.text());
  [sse, json] = await Promise.all([post(true), post(false)]);
});
afterAll(() => server.close());

const validate = (...args: string[]) => runCli(['validate', '--reporter', 'console,json', '--out', dir, ...args]);

describe('validate', () => {
  it('passes a conforming stream and a conforming JSON body (exit 0)', async () => {
    const run = await validate(capture('ok.sse', sse), capture('ok.json', `\n  ${json}`));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.scenarios.map((s: { title: string; status: string }) => [s.title, s.status])).toEqual([
      ['SSE stream capture', 'passed'],
      ['JSON response capture', 'passed'],
    ]);
  });

  it('passes a conforming stream whose lines end in a lone CR, without an unterminated-message warning', async () => {
    const run = await validate(capture('cr.sse', sse.replace(/\r?\n/g, '\r')));
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/sse-message-terminated/);
    expect(run.code).toBe(0);
  });

  it('fails a truncated stream (exit 1), naming the rule', async () => {
    const run = await validate(capture('cut.sse', sse.slice(0, Math.floor(sse.length / 2))));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/stream\/final-response ·[\s\S]*fail SSE-O-14/);
  });

  it('fails a JSON body that breaks the schema, with the JSON path', async () => {
    const body = JSON.parse(json);
    delete body.output;
    const run = await validate(capture('bad.json', JSON.stringify(body)));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/response\/schema ·[\s\S]*RES-02[\s\S]*at \/output/);
  });

  it('still checks a last message without its closing blank line, with a warning', async () => {
    const run = await validate(capture('unterminated.sse', sse.replace(/\n+$/, '')));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/WARN[\s\S]*stream\/sse-message-terminated/);
    const strict = await validate('--strict', capture('unterminated2.sse', sse.replace(/\n+$/, '')));
    expect(strict.code).toBe(1);
  });

  it('shows the offending event of a broken capture', async () => {
    const broken = sse.replace('"sequence_number":3,', '"sequence_number":1,');
    const run = await validate(capture('seq.sse', broken));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/stream\/sequence-number-increasing[\s\S]*excerpt: \{"type":/);
  });

  it('reports a binary capture as a finding (exit 1)', async () => {
    const run = await validate(capture('binary.bin', Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 200) % 256)));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/transport\/invalid-utf8/);
  });

  it('cannot read a missing or empty file (exit 2, one line each)', async () => {
    const missing = await validate(join(dir, 'nope.sse'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`open-responses-check: cannot read ${join(dir, 'nope.sse')}: ENOENT`);
    const empty = await validate(capture('empty.sse', ''));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the file is empty/);
  });

  it('with several files, the worst exit code wins', async () => {
    const ok = capture('ok2.sse', sse);
    expect((await validate(ok, capture('cut2.sse', sse.slice(0, 100)))).code).toBe(1);
    const run = await validate(ok, join(dir, 'missing.sse'));
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/PASS/);
  });

  it('reads a capture from stdin with "-"', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const code = await main(['validate', '-', '--reporter', 'console'], { stdout, stderr: new PassThrough(), color: false, stdin: Readable.from([Buffer.from(sse)]) });
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString()).toMatch(/PASS\s+stdin/);
  });
});
