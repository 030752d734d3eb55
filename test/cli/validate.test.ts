import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';
import { readReport, reportedChecks, type ReportedCheck } from '../helpers/report.js';
import { validResponse } from '../helpers/responses.js';

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
    const report = readReport(dir);
    expect(report.scenarios.map((s) => [s.title, s.status])).toEqual([
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

/** Validates one JSON capture; returns the exit code and its checks by id. */
async function validateJson(name: string, body: unknown): Promise<{ code: number; checks: Map<string, ReportedCheck>; title: string }> {
  const out = mkdtempSync(join(tmpdir(), 'orc-validate-json-'));
  const run = await runCli(['validate', '--reporter', 'json', '--out', out, capture(name, JSON.stringify(body))]);
  const [scenario] = readReport(out).scenarios;
  return { code: run.code, checks: reportedChecks(scenario), title: scenario.title };
}

const WEATHER_TOOL = {
  type: 'function', name: 'get_weather', description: null, strict: true,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};

function functionCall(id: string, args = '{"city":"Paris"}') {
  return { type: 'function_call', id, call_id: `call_${id}`, name: 'get_weather', arguments: args, status: 'completed' };
}

describe('validate, with no request to compare with', () => {
  it('skips the previous_response_id echo of a continuation turn, saying why, instead of failing it', async () => {
    const { code, checks } = await validateJson('turn2.json', validResponse({ previous_response_id: 'resp_0' }));
    expect(code).toBe(0);
    expect(checks.get('response/previous-response-id-echo')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/no request/) });
  });

  it('judges tool rules by what the response echoes: conforming echoes pass', async () => {
    const response = validResponse({ tools: [WEATHER_TOOL], tool_choice: 'required', parallel_tool_calls: false, max_tool_calls: 1, output: [functionCall('fc_1')] });
    const { code, checks } = await validateJson('tools-ok.json', response);
    expect(code).toBe(0);
    for (const id of ['response/tool-choice', 'response/parallel-tool-calls', 'response/max-tool-calls', 'response/function-call-arguments-json']) {
      expect(checks.get(id)?.status, id).toBe('passed');
    }
  });

  it.each([
    ['tool_choice "none" with a call', { tool_choice: 'none', output: [functionCall('fc_1')] }, 'response/tool-choice', 'REQ-TC-03'],
    ['a forced function not called', { tool_choice: { type: 'function', name: 'send_email' }, output: [functionCall('fc_1')] }, 'response/tool-choice', 'REQ-TC-04'],
    ['a call outside allowed_tools', { tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'send_email' }] }, output: [functionCall('fc_1')] }, 'response/tool-choice', 'REQ-TC-05'],
    ['two calls with parallel_tool_calls false', { parallel_tool_calls: false, output: [functionCall('fc_1'), functionCall('fc_2')] }, 'response/parallel-tool-calls', 'REQ-TC-08'],
    ['more calls than max_tool_calls', { max_tool_calls: 1, output: [functionCall('fc_1'), functionCall('fc_2')] }, 'response/max-tool-calls', 'REQ-TC-09'],
    ['arguments off a strict tool\'s parameters', { output: [functionCall('fc_1', '{}')] }, 'response/function-call-arguments-json', 'REQ-TC-07'],
  ])('fails %s, from the echo', async (name, fields, checkId, requirement) => {
    const { code, checks } = await validateJson(`tools-bad-${requirement}.json`, validResponse({ tools: [WEATHER_TOOL], ...fields }));
    expect(code).toBe(1);
    expect(checks.get(checkId)?.findings, name).toContainEqual(expect.objectContaining({ checkId, requirement, verdict: 'fail' }));
  });

  it('skips the obfuscation opt-out of a stream, whose request is unknown, instead of passing it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-validate-sse-'));
    await runCli(['validate', '--reporter', 'json', '--out', out, capture('opt-out.sse', sse)]);
    const report = readReport(out);
    const check = reportedChecks(report.scenarios[0]).get('stream/obfuscation-opt-out');
    expect(check).toMatchObject({ status: 'skipped', message: expect.stringMatching(/no request/) });
  });

  it('skips a tool rule whose parameter the response does not echo either', async () => {
    const { tool_choice: _omitted, ...response } = validResponse();
    const { checks } = await validateJson('no-tool-choice.json', response);
    expect(checks.get('response/tool-choice')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/does not echo tool_choice/) });
  });
});

describe('validate --request', () => {
  async function validateWithRequest(file: string, request: unknown): Promise<{ code: number; checks: Map<string, ReportedCheck> }> {
    const out = mkdtempSync(join(tmpdir(), 'orc-validate-request-'));
    const run = await runCli(['validate', '--reporter', 'json', '--out', out, '--request', capture(`request-for-${basename(file)}.json`, JSON.stringify(request)), file]);
    return { code: run.code, checks: reportedChecks(readReport(out).scenarios[0]) };
  }

  it('judges what compares with the request: the previous_response_id echo and the echoed fields', async () => {
    const file = capture('with-request.json', JSON.stringify(validResponse({ previous_response_id: 'resp_0', instructions: null })));
    const { code, checks } = await validateWithRequest(file, { model: 'm', input: 'hi', instructions: 'Be brief.' });
    expect(code).toBe(1);
    expect(checks.get('response/previous-response-id-echo')?.findings).toContainEqual(expect.objectContaining({ requirement: 'REQ-ECHO-03', verdict: 'fail' }));
    expect(checks.get('scenario/echo')?.findings).toEqual([expect.objectContaining({ requirement: 'REQ-ECHO-01', verdict: 'warn', location: { path: '/instructions' } })]);
  });

  it('judges the obfuscation opt-out of a stream by the request, where a bare capture skips it', async () => {
    const { code, checks } = await validateWithRequest(capture('opted-out.sse', sse), { model: 'm', input: 'hi', stream: true, stream_options: { include_obfuscation: false } });
    expect(code).toBe(0);
    expect(checks.get('stream/obfuscation-opt-out')?.status).toBe('passed');
  });

  it('is a one-line usage error (exit 2) when the file is missing or not a JSON object', async () => {
    const missing = await runCli(['validate', '--out', dir, '--request', join(dir, 'nope.json'), capture('any.json', json)]);
    expect([missing.code, missing.stderr]).toEqual([2, `open-responses-check: cannot read --request ${join(dir, 'nope.json')}: ENOENT\n`]);
    const list = capture('list.json', '[1]');
    const notObject = await runCli(['validate', '--out', dir, '--request', list, capture('any.json', json)]);
    expect([notObject.code, notObject.stderr]).toEqual([2, `open-responses-check: --request ${list} is not a JSON object (the request body sent to POST /responses)\n`]);
  });
});

describe('validate of an error body', () => {
  const envelope = { error: { message: 'The model "x" does not exist.', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } };

  it('judges it as an error object, not as a response, and skips the status rule', async () => {
    const { code, checks, title } = await validateJson('error.json', envelope);
    expect(code).toBe(0);
    expect(title).toBe('JSON error capture');
    expect(checks.has('response/schema')).toBe(false);
    expect(checks.get('error/error-object')?.status).toBe('passed');
    expect(checks.get('error/status-matches-type')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/no HTTP status/) });
  });

  it('fails an error object without its message (ERR-01)', async () => {
    const { code, checks } = await validateJson('error-bad.json', { error: { type: 'server_error', code: null, param: null } });
    expect(code).toBe(1);
    expect(checks.get('error/error-object')?.findings).toContainEqual(expect.objectContaining({ requirement: 'ERR-01', verdict: 'fail' }));
  });

  it('still judges a failed response (which carries an error too) as a response', async () => {
    const failed = validResponse({ status: 'failed', completed_at: null, error: { code: 'server_error', message: 'x' } });
    const { code, title, checks } = await validateJson('failed.json', failed);
    expect(code).toBe(0);
    expect(title).toBe('JSON response capture');
    expect(checks.get('response/schema')?.status).toBe('passed');
  });
});
